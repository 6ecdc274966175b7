import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { createDocument, readDocument } from '../documents';
import { AlreadyExistsError } from '../errors';

interface SigningKeyDoc {
  id: string;
  mspId: string;
  type: 'signingKey';
  key: string;
}

/** Settings of the MSP kept in the store, shared by every app instance. */
export class MspSettingsRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  /** The MSP's signing key: 256 random bits, created once by whichever instance needs it first. */
  async signingKey(): Promise<Buffer> {
    const id = `signingKey|${this.mspId}`;
    const existing = await readDocument<SigningKeyDoc>(this.container, id, id);
    if (existing) return Buffer.from(existing.key, 'base64');
    try {
      await createDocument(this.container, { id, mspId: this.mspId, type: 'signingKey', key: randomBytes(32).toString('base64') } satisfies SigningKeyDoc);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
    const created = await readDocument<SigningKeyDoc>(this.container, id, id);
    return Buffer.from(created!.key, 'base64');
  }
}
