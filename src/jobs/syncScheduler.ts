import type { Logger } from 'pino';
import type { Repositories } from '../store/repositories';
import { derivedId } from '../store/ids';
import type { JobQueue } from '../services/imports';
import { entraSyncJob } from '../services/imports/entraSyncJob';

/**
 * Queues an Entra sync of every connected, active client company once per interval. The job's id is
 * derived from the company and the interval, so however many instances run this, each company gets one
 * sync per interval. Archived companies are skipped.
 */
export class SyncScheduler {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repos: Repositories,
    private readonly queue: JobQueue,
    private readonly intervalMinutes: number,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date()
  ) {}

  start(): void {
    if (this.intervalMinutes <= 0) return;
    this.timer = setInterval(() => void this.tick(), Math.min(this.intervalMinutes, 1) * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Queues this interval's syncs; returns how many it queued. */
  async tick(): Promise<number> {
    const now = this.clock();
    const interval = this.intervalMinutes * 60_000;
    const bucket = Math.floor(now.getTime() / interval);
    let queued = 0;
    try {
      let token: string | undefined;
      do {
        const page = await this.repos.companies.list({ pageSize: 100, continuationToken: token });
        for (const company of page.items) {
          if (company.isMspCompany || !company.tenantId) continue;
          const id = derivedId('scheduledSync', company.companyId, String(bucket));
          const { created } = await this.repos.jobs.createOnce(entraSyncJob(id, { ...company, tenantId: company.tenantId }, 'scheduled', now.toISOString()));
          if (created) queued++;
        }
        token = page.continuationToken;
      } while (token);
    } catch (error) {
      this.logger.warn({ err: error }, 'scheduling syncs failed');
    }
    if (queued) this.queue.kick();
    return queued;
  }
}
