import { PSA_LABELS, type PsaSource } from './types';

/**
 * Typed errors of the PSA layer. Messages are written for a card: they name the PSA and the
 * configuration variables to look at, never a credential's value, a token or a response body.
 */
export abstract class PsaError extends Error {
  readonly source: PsaSource;
  readonly label: string;

  protected constructor(source: PsaSource, message: string) {
    super(message);
    this.name = new.target.name;
    this.source = source;
    this.label = PSA_LABELS[source];
  }
}

/** The PSA is not configured, or only partly: `missingVariables` names what to set. */
export class PsaNotConfiguredError extends PsaError {
  readonly missingVariables: readonly string[];
  readonly invalidVariables: readonly string[];
  /** True when some of the PSA's variables are set but not all (or some are invalid). */
  readonly partial: boolean;

  constructor(source: PsaSource, details: { missing: readonly string[]; invalid?: readonly string[]; partial: boolean }) {
    const label = PSA_LABELS[source];
    const invalid = details.invalid ?? [];
    const parts: string[] = [];
    if (details.missing.length > 0) parts.push(`set ${details.missing.join(', ')}`);
    if (invalid.length > 0) parts.push(`correct ${invalid.join(', ')}`);
    const message = details.partial
      ? `${label} is only partly configured: ${parts.join('; ')}.`
      : `${label} is not configured. To import staff from it, ${parts.join('; ')}.`;
    super(source, message);
    this.missingVariables = [...details.missing];
    this.invalidVariables = [...invalid];
    this.partial = details.partial;
  }
}

/** The PSA answered 401/403, or its token request failed: the configured credential is wrong or lacks rights. */
export class PsaCredentialRejectedError extends PsaError {
  readonly status: number | undefined;

  constructor(source: PsaSource, details: { status?: number; variables: readonly string[]; reason?: string }) {
    const label = PSA_LABELS[source];
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    const reason = details.reason ?? 'rejected the configured credentials';
    super(source, `${label} ${reason}${status}. Check ${details.variables.join(', ')} and the API user's permissions.`);
    this.status = details.status;
  }
}

/** The PSA could not be reached, timed out, kept throttling, or answered something unexpected. */
export class PsaUnavailableError extends PsaError {
  readonly status: number | undefined;

  constructor(source: PsaSource, reason: string, status?: number) {
    const suffix = status === undefined ? '' : ` (HTTP ${status})`;
    super(source, `${PSA_LABELS[source]} is unavailable: ${reason}${suffix}. Try again later.`);
    this.status = status;
  }
}
