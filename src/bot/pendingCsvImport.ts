import type { TurnState } from '@microsoft/teams-ai';

/**
 * A CSV import waiting for its file, kept in the conversation's turn state (Cosmos DB), so the file may
 * reach any app instance. It names a company only; who may import there is checked again on arrival.
 */
export interface PendingCsvImport {
  companyId: string;
  invite: boolean;
  until: string;
}

const KEY = 'pendingCsvImport';
export const PENDING_CSV_MINUTES = 30;

export function pendingCsvImport(state: TurnState, now: Date): PendingCsvImport | undefined {
  const pending = (state.conversation as Record<string, unknown>)[KEY] as PendingCsvImport | undefined;
  return pending && Date.parse(pending.until) > now.getTime() ? pending : undefined;
}

export function expectCsvImport(state: TurnState, companyId: string, invite: boolean, now: Date): void {
  const until = new Date(now.getTime() + PENDING_CSV_MINUTES * 60_000).toISOString();
  (state.conversation as Record<string, unknown>)[KEY] = { companyId, invite, until } satisfies PendingCsvImport;
}

export function forgetCsvImport(state: TurnState): void {
  delete (state.conversation as Record<string, unknown>)[KEY];
}
