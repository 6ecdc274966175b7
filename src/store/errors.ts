/**
 * Store errors that callers show to people. A stale ETag (HTTP 412) is a ConflictError: someone else
 * changed the document since it was read, and the caller shows the current state instead of overwriting.
 */
export class ConflictError extends Error {
  readonly code = 'conflict';
  constructor(readonly documentId: string) {
    super('Someone else changed this in the meantime.');
    this.name = 'ConflictError';
  }
}

/** A create found the id taken (HTTP 409). */
export class AlreadyExistsError extends Error {
  readonly code = 'alreadyExists';
  constructor(readonly documentId: string) {
    super(`A document with id ${documentId} already exists.`);
    this.name = 'AlreadyExistsError';
  }
}

/** Another portal user of the company has this email already. */
export class EmailTakenError extends Error {
  readonly code = 'emailTaken';
  constructor(readonly email: string) {
    super(`Another portal user of this company already has ${email}.`);
    this.name = 'EmailTakenError';
  }
}

/** The store could not be set up: missing containers, wrong partition keys, unreachable account. */
export class StoreSetupError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Cosmos DB store is not ready:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StoreSetupError';
  }
}

export function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}
