import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { createDocument, deleteDocument, readDocument, replaceDocument } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';

interface LockDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'lock';
  holder: string;
  expiresAt: string;
}

export class LockBusyError extends Error {
  constructor() {
    super('Someone else is changing this company\u2019s admins at this moment. Try again in a few seconds.');
    this.name = 'LockBusyError';
  }
}

/**
 * A short lease on one rule of one company. Per-document ETags cannot protect a rule that spans
 * documents: two admins disabling each other at once would each see two enabled Admins and both
 * succeed. Changes that can lower the number of enabled Admins therefore run one at a time per company.
 * A holder that crashes loses the lease when it expires.
 */
export class CompanyLockRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string,
    private readonly leaseMs = 15_000
  ) {}

  async withLock<T>(companyId: string, name: string, work: () => Promise<T>): Promise<T> {
    const id = `lock-${name}-${companyId}`;
    const holder = randomUUID();
    await this.acquire(id, companyId, holder);
    try {
      return await work();
    } finally {
      const current = await readDocument<LockDoc>(this.container, id, companyId);
      if (current?.holder === holder) await deleteDocument(this.container, id, companyId, current._etag).catch(() => undefined);
    }
  }

  private async acquire(id: string, companyId: string, holder: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (let attempt = 0; ; attempt++) {
      const lock: LockDoc = { id, companyId, mspId: this.mspId, type: 'lock', holder, expiresAt: new Date(Date.now() + this.leaseMs).toISOString() };
      try {
        await createDocument(this.container, lock);
        return;
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
      }
      const current = await readDocument<LockDoc>(this.container, id, companyId);
      if (current && Date.parse(current.expiresAt) < Date.now()) {
        try {
          await replaceDocument(this.container, { ...lock, _etag: current._etag }, companyId);
          return;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      if (Date.now() > deadline) throw new LockBusyError();
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 250) + Math.random() * 25));
    }
  }
}
