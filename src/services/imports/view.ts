import type { CompanyRole, MspRole } from '../../domain/roles';

/*
 * What an import shows, for every surface and both audiences (a client company's people, the MSP's
 * staff): the bot's import card, the tab's import page (web/routes/tab/wire.ts answers these very
 * types). Types only, importing nothing but the roles: the tab's bundle reads this file.
 */

export type ImportAudience = 'client' | 'staff';

/** A role an import gives: a company role (client imports) or a staff role. */
export type ImportRole = CompanyRole | MspRole;

export interface RoleChoice {
  title: string;
  value: ImportRole;
}

/**
 * How a person of the source relates to the people already there (portal users, or staff):
 * linked already; linked by hand on this card; the same email as someone not linked (importing links
 * them); that email is someone's linked to another person; possibly the same person (held until a
 * person chooses); new.
 */
export type RowStatus = 'new' | 'linked' | 'willLink' | 'matchesExisting' | 'emailTaken' | 'possibleMatch';

/** A row's own actions: link by hand, resolve a possible match, undo that, confirm a sign-in name. */
export interface RowOffers {
  linkTo: boolean;
  /** A possible match: link to them in one click (`userId`: the portal user's, or the staff member's id). */
  linkSuggested?: { userId: string; name: string };
  createNew: boolean;
  /** Takes back a link by hand (status willLink) or a "Create new" (a possible match). */
  undo: boolean;
  useSignInName: boolean;
}

export interface ImportRowView {
  id: string;
  name: string;
  email: string | null;
  /** No mailbox, and the sign-in name offered as their email once a person confirms it. */
  signInName: string | null;
  jobTitle: string | null;
  marks: string[];
  status: RowStatus;
  statusText: string;
  lastSynced?: string;
  picked: boolean;
  /** Shown ticked because "select all unlinked" takes this person in (not picked by hand). */
  autoPicked: boolean;
  /** False for accounts that cannot be imported whatever is picked (disabled in Entra ID). */
  pickable: boolean;
  /** No email in the source: the card offers an input for one. */
  needsEmail: boolean;
  emailValue: string;
  /** What keeps this row from being imported as it is (an email to give or correct, a possible match to decide on). */
  emailError?: string;
  offers: RowOffers;
}

/** One page of an import: its rows, the selection, the paging and the choices for everyone imported. */
export interface ImportPageView {
  sessionId: string;
  audience: ImportAudience;
  /** The company imported into (for staff, the MSP's own company). */
  companyId: string;
  companyName: string;
  sourceLabel: string;
  /** What the source calls the people it offers ("members", "users of your own tenant"). */
  peopleWord: string;
  rows: ImportRowView[];
  /** Everyone selected (picked by hand; for a source read once, also those "select all unlinked" takes in). */
  picks: number;
  /** Of `picks`, those not on this page: a count the page's own ticks cannot make stale. */
  picksOnOtherPages: number;
  allUnlinked: boolean;
  /** People without a mailbox are imported with their sign-in name as their email. */
  useSignInNames: boolean;
  search: string;
  hasPrevious: boolean;
  hasNext: boolean;
  /** People matching the search (or all of them), when the source can count them. */
  total?: number;
  /** A source read once into the session: where the page is, and what was read when. */
  snapshot?: { page: number; pages: number; everyone: number; truncated: boolean; fetchedAt: string };
  role?: ImportRole;
  roles: RoleChoice[];
  /** Client imports: whether the imported people get portal access now (invitations); absent for staff. */
  invite?: boolean;
}

/** "Link to…" for one row: the people already there whom this person may be, as the row's choices. */
export interface LinkChoicesView {
  sessionId: string;
  audience: ImportAudience;
  companyId: string;
  companyName: string;
  sourceLabel: string;
  rowId: string;
  person: { name: string; email: string | null; signInName: string | null; jobTitle: string | null };
  /** The search of the choices, where they are searched (client imports); absent where all are listed. */
  search?: string;
  choices: { id: string; name: string; email: string | null; status?: string }[];
  /** More than `shown` could be listed. */
  more: boolean;
  shown: number;
  /** The one the row is linked to by hand now, if any. */
  current?: string;
  /** Staff: the email the person has for the import (theirs once linked), and whose it is already. */
  email?: string | null;
  emailHolder?: string;
}

/** What a card action (or the tab's page) sends back: the inputs of the rows shown, and where to go next. */
export interface ImportCardInput {
  /** The company of a client import; staff cards carry none (theirs is the MSP's own). */
  companyId?: string;
  sessionId: string;
  move: 'stay' | 'next' | 'previous' | 'search';
  /** The ids of the rows the card showed, so unticked ones can be told from unseen ones. */
  rowIds: string[];
  /** Rows the card showed ticked by "select all unlinked": unticking one of them leaves that person out. */
  autoPicked?: string[];
  picks: Record<string, boolean>;
  emails: Record<string, string>;
  role?: string;
  invite?: boolean;
  allUnlinked?: boolean;
  /** "Use sign-in names as emails for people without a mailbox". */
  useSignInNames?: boolean;
  search?: string;
}
