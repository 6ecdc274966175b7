import type { Container } from '@azure/cosmos';
import type { ConversationRef } from '../model';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError } from '../errors';
import { queryAll } from '../paging';

export type JobKind = 'entraImport' | 'entraSync' | 'companyDelete';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobProgress {
  total?: number;
  done: number;
  created: number;
  linked: number;
  updated: number;
  unchanged: number;
  invited: number;
  disabled: number;
  flagged: number;
  skipped: Record<string, number>;
  failed: number;
}

export function emptyProgress(): JobProgress {
  return { done: 0, created: 0, linked: 0, updated: 0, unchanged: 0, invited: 0, disabled: 0, flagged: 0, skipped: {}, failed: 0 };
}

/** Who asked for the job, as the verified activity said; the job acts with these rights. */
export interface JobRequester {
  /** A staff member (the bot); absent when a client Admin asked from the tab (then `userId`). */
  staffId?: string;
  /** A portal user (the tab), acting by their bound Entra identity. */
  userId?: string;
  displayName: string;
  tenantId: string;
  objectId: string;
}

/** The card to keep up to date while the job runs: a message in a conversation with the bot. */
export interface JobNotify {
  reference: ConversationRef;
  activityId: string;
}

export interface JobDoc<Params = unknown, Cursor = unknown> {
  id: string;
  companyId: string;
  mspId: string;
  type: 'job';
  kind: JobKind;
  state: JobState;
  params: Params;
  /** Where to resume: the work before it is committed, with the progress, in the same write. */
  cursor: Cursor;
  progress: JobProgress;
  /** Only the holder of an unexpired lease runs the job; every commit renews it. */
  lease?: { holder: string; until: string };
  attempts: number;
  /** Not before this time (Graph asked to wait longer than a request can). */
  notBefore?: string;
  requestedBy?: JobRequester;
  notify?: JobNotify;
  /** The per-person report's download token (the report's id is its hash). */
  reportToken?: string;
  message?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  updatedAt: string;
}

/** Background jobs of one MSP, partitioned by company. */
export class JobRepository {
  constructor(
    private readonly container: Container,
    readonly mspId: string
  ) {}

  async get<P, C>(companyId: string, id: string): Promise<Stored<JobDoc<P, C>> | undefined> {
    const doc = await readDocument<JobDoc<P, C>>(this.container, id, companyId);
    return doc && doc.mspId === this.mspId && doc.type === 'job' ? doc : undefined;
  }

  /** Creates the job once: an id derived from an idempotency key makes a retried request find it. */
  async createOnce<P, C>(job: JobDoc<P, C>): Promise<{ job: Stored<JobDoc<P, C>>; created: boolean }> {
    try {
      return { job: await createDocument(this.container, job), created: true };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get<P, C>(job.companyId, job.id);
      if (!existing) throw error;
      return { job: existing, created: false };
    }
  }

  /** Conditional replace on the version read; ConflictError when someone else (another holder) wrote first. */
  async replace<P, C>(job: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>> {
    return replaceDocument(this.container, { ...job, updatedAt: new Date().toISOString() }, job.companyId);
  }

  /** Jobs that may need running: queued, or running (perhaps under a lapsed lease). */
  async unfinished(): Promise<Stored<JobDoc>[]> {
    return queryAll(this.container, {
      query: "SELECT * FROM c WHERE c.mspId = @mspId AND c.type = 'job' AND (c.state = 'queued' OR c.state = 'running')",
      parameters: [{ name: '@mspId', value: this.mspId }]
    });
  }

  /** The company's latest jobs of a kind, newest first (for the scheduler and the sync command). */
  async latest(companyId: string, kind: JobKind, count: number): Promise<Stored<JobDoc>[]> {
    return queryAll(this.container, {
      query: `SELECT TOP ${Math.max(1, Math.min(count, 50))} * FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'job' AND c.kind = @kind ORDER BY c.createdAt DESC`,
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId },
        { name: '@kind', value: kind }
      ]
    });
  }
}
