import type { PortalUserActor, StaffActor } from '../../../domain/actor';
import type { ImportSourceKind } from '../../../store/repositories/importSessions';
import type { ImportPageView } from '../view';

/** Who imports: staff (the bot's import cards), or a client Admin in their own tenant (the tab). */
export type ImportActor = StaffActor | PortalUserActor;

/** A session belongs to the person who opened it: a staff id, or `portalUser:<id>` for the tab. */
export function openerOf(actor: ImportActor): string {
  return actor.kind === 'staff' ? actor.staffId : `portalUser:${actor.userId}`;
}

/** Why a source cannot be read now, written for a card. Never holds a credential's value. */
export interface SourceProblem {
  kind: 'notConfigured' | 'credentialRejected' | 'notConsented' | 'unavailable';
  source: ImportSourceKind;
  title: string;
  message: string;
  /** Configuration variables to set or check. */
  variables: string[];
}

/** What an import answers a card or a page: the page, or why not. */
export type ImportAnswer =
  | { kind: 'page'; view: ImportPageView }
  | { kind: 'refused'; message: string }
  /** A client company not connected to its tenant (or its consent revoked): the connect card, for those who may connect. */
  | { kind: 'notConnected'; companyName: string; reason: string; consentUrl?: string }
  /** A staff source that cannot be read now. */
  | { kind: 'problem'; problem: SourceProblem };

export function refusal(message: string): ImportAnswer {
  return { kind: 'refused', message };
}

/** Whether a step answered (a refusal, a problem, a page) instead of going on. */
export function isAnswer<T extends object>(value: T | ImportAnswer): value is ImportAnswer {
  return 'kind' in value && typeof value.kind === 'string' && ['page', 'refused', 'notConnected', 'problem'].includes(value.kind);
}

/** What a person decides for one row. */
export type RowDecision =
  /** "Link to…" (or "Link to <possible match>"): this person is that portal user or staff member. */
  | { kind: 'link'; userId: string }
  /** "Create new": a possible match is someone else; importing creates a new one. */
  | { kind: 'createNew' }
  /** Takes back a link or a "Create new". */
  | { kind: 'undo' }
  /** Someone without a mailbox: their sign-in name is the email to use. */
  | { kind: 'useSignInName' };
