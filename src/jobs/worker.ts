import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Stored } from '../store/documents';
import { ConflictError } from '../store/errors';
import type { JobDoc, JobKind, JobRepository } from '../store/repositories/jobs';

/** The job's lease was taken by another instance (or expired and was taken): stop at once. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Lost the lease of job ${jobId}`);
    this.name = 'LeaseLostError';
  }
}

export interface JobRun<P, C> {
  /** The job as last committed. */
  readonly job: Stored<JobDoc<P, C>>;
  /**
   * Commits the work done since the last commit: the new cursor and progress, in one conditional write
   * that also renews the lease. Throws LeaseLostError when another instance holds the job now.
   */
  commit(change: (job: Stored<JobDoc<P, C>>) => JobDoc<P, C>): Promise<Stored<JobDoc<P, C>>>;
}

export interface JobHandler<P = unknown, C = unknown> {
  kind: JobKind;
  /** Runs from the job's cursor to the end. Everything it writes must be safe to write twice. */
  run(run: JobRun<P, C>): Promise<void>;
}

export interface JobWorkerOptions {
  leaseMs: number;
  pollMs: number;
  logger: Logger;
  /** Called after every commit (to keep the job's card up to date). */
  onProgress?: (job: Stored<JobDoc>) => Promise<void>;
  now?: () => Date;
}

/**
 * Runs background jobs in this app instance. Any instance may pick up any job: it claims the job's lease
 * with a conditional write, renews it at every commit, and gives up the moment a commit finds the job
 * changed by someone else. A job whose holder crashed is taken over when its lease lapses, and resumes
 * from its last commit; the work after that commit is done again, which the handlers make harmless.
 */
export class JobWorker {
  readonly holder = randomUUID();
  private readonly handlers = new Map<JobKind, JobHandler<never, never>>();
  /** The jobs this instance runs now, each with its run. */
  private readonly running = new Map<string, Promise<Stored<JobDoc<never, never>>>>();
  private timer?: NodeJS.Timeout;
  /** Polling for work (between start and stop). */
  private polling = false;
  /** Shutting down: running jobs commit their next step and hand their lease back. */
  private stopping = false;
  private ticking?: Promise<void>;

  constructor(
    private readonly jobs: JobRepository,
    private readonly options: JobWorkerOptions
  ) {}

  register<P, C>(handler: JobHandler<P, C>): this {
    this.handlers.set(handler.kind, handler as unknown as JobHandler<never, never>);
    return this;
  }

  start(): void {
    this.polling = true;
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops polling; running jobs commit their next step, hand their lease back and stop. */
  async stop(): Promise<void> {
    this.polling = false;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    while (this.running.size) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Looks for work now (after a job was queued here). */
  kick(): void {
    if (!this.polling || this.ticking) return;
    this.ticking = this.tick().finally(() => (this.ticking = undefined));
  }

  /** Runs one job in the caller's turn (small imports), under the same lease rules. */
  async runNow<P, C>(job: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>> {
    const claimed = await this.claim(job);
    if (claimed) return this.execute(claimed);
    // This instance's poll claimed it a moment earlier: its run is this run, and its outcome the answer.
    for (let look = 0; look < 10 && !this.running.has(job.id); look++) await new Promise((resolve) => setTimeout(resolve, 10));
    const mine = this.running.get(job.id) as Promise<Stored<JobDoc<P, C>>> | undefined;
    if (mine) return mine;
    return (await this.jobs.get<P, C>(job.companyId, job.id)) ?? job;
  }

  private async tick(): Promise<void> {
    try {
      const now = this.now().getTime();
      for (const job of await this.jobs.unfinished()) {
        if (!this.polling) return;
        if (this.running.has(job.id)) continue;
        if (job.state === 'running' && job.lease && Date.parse(job.lease.until) > now) continue;
        if (job.notBefore && Date.parse(job.notBefore) > now) continue;
        const claimed = await this.claim(job);
        if (claimed) void this.execute(claimed).catch(() => undefined);
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'job poll failed');
    }
  }

  private async claim<P, C>(job: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>> | undefined> {
    if (!this.handlers.has(job.kind)) return undefined;
    const now = this.now();
    if (job.state === 'done' || job.state === 'failed') return undefined;
    if (job.lease && job.lease.holder !== this.holder && Date.parse(job.lease.until) > now.getTime()) return undefined;
    try {
      return await this.jobs.replace({
        ...job,
        state: 'running',
        attempts: job.attempts + 1,
        startedAt: job.startedAt ?? now.toISOString(),
        lease: { holder: this.holder, until: new Date(now.getTime() + this.options.leaseMs).toISOString() }
      });
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  private async execute<P, C>(claimed: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>> {
    const run = this.work(claimed);
    this.running.set(claimed.id, run as Promise<Stored<JobDoc<never, never>>>);
    try {
      return await run;
    } finally {
      this.running.delete(claimed.id);
    }
  }

  private async work<P, C>(claimed: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>> {
    const handler = this.handlers.get(claimed.kind) as unknown as JobHandler<P, C>;
    let current = claimed;
    const commit = async (change: (job: Stored<JobDoc<P, C>>) => JobDoc<P, C>) => {
      const next = change(current);
      // Stopping (the app shuts down): commit what is done and hand the lease back at once, so another
      // instance resumes from here without waiting for it to lapse.
      const until = this.stopping ? this.now() : new Date(this.now().getTime() + this.options.leaseMs);
      try {
        current = await this.jobs.replace({ ...next, lease: { holder: this.holder, until: until.toISOString() }, _etag: current._etag });
      } catch (error) {
        if (error instanceof ConflictError) throw new LeaseLostError(current.id);
        throw error;
      }
      await this.options.onProgress?.(current as Stored<JobDoc>).catch((err: unknown) => this.options.logger.warn({ err }, 'job progress notification failed'));
      if (this.stopping && current.state !== 'done' && current.state !== 'failed') {
        // The stop may have come while this commit was in flight with a full lease: hand it back now.
        if (current.lease && Date.parse(current.lease.until) > this.now().getTime()) {
          current = await this.jobs.replace({ ...current, lease: { holder: this.holder, until: this.now().toISOString() } }).catch(() => current);
        }
        throw new LeaseLostError(current.id);
      }
      return current;
    };
    try {
      await handler.run({
        get job() {
          return current;
        },
        commit
      });
      // A handler that requeued its job (Graph asked it to wait) leaves it queued.
      if (current.state === 'running') {
        await commit((job) => ({ ...job, state: 'done', finishedAt: this.now().toISOString() }));
      }
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.options.logger.info({ jobId: current.id }, 'job handed over to another instance');
      } else {
        this.options.logger.error({ err: error, jobId: current.id }, 'job failed');
        await commit((job) => ({
          ...job,
          state: 'failed',
          finishedAt: this.now().toISOString(),
          message: 'The job stopped because of an unexpected error. What was done before it is kept; start it again to finish.'
        })).catch(() => undefined);
      }
    }
    return current;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
