import type { Logger } from 'pino';
import { settleAllPending } from '../../pendingAudit';
import type { CompanyDeps } from '../deps';
import { expireRequest } from './decideDelete';
import { queueDeletion } from './deletionJob';
import { cardMissing, postApprovalCard } from './requestDelete';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Looks after deletions between clicks: a pending request whose time ran out is marked expired (its card
 * updated, its requester told), one whose approval card was never posted (the instance stopped first) gets it, and an approved company whose job was never created (the instance stopped
 * between the approval and the job) gets it, and audit records a change carried when the app stopped
 * before appending them are appended; on its first pass, portal users stored before possible matches
 * were looked for get their match keys. Every instance may sweep; each change is a conditional or
 * idempotent write, so two sweeps at once do it once.
 */
export class DeletionSweeper {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private backfilled = false;

  constructor(
    private readonly deps: CompanyDeps,
    private readonly logger: Logger
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    void this.sweep();
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    return this.sweeping ?? Promise.resolve();
  }

  /** One pass now. */
  sweep(): Promise<void> {
    this.sweeping ??= this.pass()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'deletion sweep failed'))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async pass(): Promise<void> {
    // Audit records a change carried when the app stopped before appending them (services/pendingAudit.ts).
    const settled = await settleAllPending(this.deps);
    if (settled) this.logger.info({ documents: settled }, 'appended audit records left pending by a stop');
    if (!this.backfilled) {
      // Once per start: portal users stored before possible matches were looked for get their keys.
      const keyed = await this.deps.repos.portalUsers.backfillMatchKeys();
      if (keyed) this.logger.info({ users: keyed }, 'gave stored portal users their match keys');
      this.backfilled = true;
    }
    const now = this.deps.clock().getTime();
    for (const company of await this.deps.repos.companies.withDeletionUnderway()) {
      const request = company.deleteRequest;
      if (!request) continue;
      if (request.state === 'pending' && Date.parse(request.expiresAt) <= now) await expireRequest(this.deps, company);
      else if (cardMissing(request, this.deps.clock())) await postApprovalCard(this.deps, company, request, '');
      else if (company.state === 'deleting' && request.state === 'approved') {
        const job = await queueDeletion(this.deps, company, request);
        // A deletion that stopped on an unexpected error is tried again from its last step.
        if (job.state === 'failed') {
          await this.deps.repos.jobs.replace({ ...job, state: 'queued', message: undefined, finishedAt: undefined }).catch(() => undefined);
          this.deps.jobs.kick();
        }
      }
    }
  }
}
