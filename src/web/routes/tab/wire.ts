/**
 * What /api/tab answers, shared by the routes and the React app (src/tab). Types only: the browser
 * bundle imports these without pulling in any server module; an import's page and rows are the import
 * engine's own view types (services/imports/view.ts, itself types only).
 */
import type { ImportCardInput, ImportPageView, ImportRowView, LinkChoicesView } from '../../../services/imports/view';

export type WireRole = 'admin' | 'manager' | 'user' | 'trainingOnly';
export type WireCategory = 'enabled' | 'disabled' | 'unconfirmed' | 'noAccess';
/** The lists of the users page: the categories, and the people back in Entra ID waiting to be enabled (disabled ones). */
export type WireList = WireCategory | 'backInEntra';
export type WireOperation = 'invite' | 'reinvite' | 'revokeInvitation' | 'enable' | 'disable' | 'changeRole' | 'delete';
export type WireCompanyState = 'active' | 'archived' | 'deleting';

export interface WireChoice {
  title: string;
  value: WireRole;
}

export interface WireUser {
  id: string;
  companyId: string;
  displayName: string;
  email: string;
  phone?: string;
  jobTitle?: string;
  role: WireRole;
  roleLabel: string;
  access: 'none' | 'invited' | 'active' | 'disabled';
  category: WireCategory;
  status: string;
  /** Disabled because of Entra ID and enabled there again (since `entraBackAt`, when known): Enable comes first. */
  backInEntra: boolean;
  entraBackAt?: string;
  invitationExpiresAt?: string;
  /** The version shown: an action sent from it is refused if someone changed the user since. */
  etag: string;
  /** What the viewer may do to this user now (offered as buttons; checked again on submit). */
  operations: WireOperation[];
}

export interface WireCompany {
  id: string;
  name: string;
  state: WireCompanyState;
  website?: string;
  phone?: string;
}

export interface MeResponse {
  kind: 'portalUser' | 'staff';
  displayName: string;
  roleLabel: string;
  mspName: string;
  /** A portal user's own company. */
  company?: WireCompany;
  /** A portal user's own record. */
  profile?: WireUser;
  /** The first sign-in accepted a pending invitation. */
  acceptedInvitation?: boolean;
  can: { listUsers: boolean; history: boolean; importCsv: boolean; importEntra: boolean; chooseCompany: boolean };
}

export interface CompaniesResponse {
  items: { id: string; name: string; state: WireCompanyState; portalUsers: number; can: { users: boolean; history: boolean; importCsv: boolean } }[];
  continuationToken?: string;
}

export interface UsersResponse {
  company: WireCompany;
  category: WireList;
  search?: string;
  counts: Record<WireList, number>;
  users: WireUser[];
  continuationToken?: string;
  /** Roles the viewer may give a new user; empty when they cannot add anyone. */
  addRoles: WireChoice[];
}

export interface UserResponse {
  company: WireCompany;
  user: WireUser;
  /** Roles the viewer could change this user to now. */
  roles: WireChoice[];
}

/** The data the add-user card template (adaptiveCards/addUser.json) is bound with. */
export interface AddFormResponse {
  companyName: string;
  roles: WireChoice[];
  emailPattern: string;
}

export interface ActionResponse {
  status: 'done' | 'noop' | 'refused' | 'conflict';
  message: string;
  user?: WireUser;
  /** Embedded mode only: the invitation link, as on the bot's cards. */
  link?: string;
  fields?: Record<string, string>;
  /** Add user: the existing person the new one may be; the card asks, and offers "Add as a new person anyway". */
  possibleMatch?: { id: string; text: string };
}

export interface HistoryResponse {
  companyName: string;
  entries: { at: string; who: string; actionLabel: string; target: string; result: 'done' | 'refused' | 'failed'; detail?: string }[];
  continuationToken?: string;
}

export interface CsvRowResult {
  rowNumber: number;
  name?: string;
  email?: string;
  reason: string;
}

export interface CsvImportResponse extends ActionResponse {
  summary?: {
    fileName: string;
    rows: number;
    created: number;
    createdNames: string[];
    invited: number;
    skipped: CsvRowResult[];
    failed: CsvRowResult[];
    notInvited: CsvRowResult[];
    /** The first rows held as possible matches, each to be created only if a person chooses; `heldCount` counts all. */
    held: CsvRowResult[];
    heldCount: number;
    reportUrl: string;
    /** Names the import whose held rows POST .../imports/csv/held creates. */
    reportToken: string;
  };
}

/** What the tab sends to create held rows of a CSV import anyway. */
export interface CsvHeldInput {
  reportToken: string;
  rows: number[];
  key: string;
}

export interface ErrorResponse {
  error: { code: string; message: string };
}

/** One person of the source on the import page: the import engine's row, as it is (services/imports/view.ts). */
export type WireImportRow = ImportRowView;

/** One page of an import: the import engine's page, as it is (services/imports/view.ts). */
export type WireImportPage = ImportPageView;

export interface WireJob {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** Ran within the request (a small hand-picked import); otherwise poll GET .../jobs/:jobId. */
  inline: boolean;
  progress: { total?: number; done: number; created: number; linked: number; updated: number; unchanged: number; invited: number; failed: number; skipped: Record<string, number> };
  message?: string;
  reportUrl?: string;
}

/** What the Entra import routes answer: a page of the directory, a refusal, or the started job. */
export interface EntraImportResponse {
  kind: 'page' | 'notConnected' | 'refused' | 'job';
  page?: WireImportPage;
  message?: string;
  job?: WireJob;
}

/** What the tab sends from the import page: the engine's card input (the ids come from the path), and a key to start. */
export type EntraImportInput = Omit<ImportCardInput, 'companyId' | 'sessionId'> & { key?: string };

/** What the tab sends for a row's "Link to…": the page's inputs, `search` being the dialog's (by name or email). */
export interface EntraImportLinkChoicesInput extends EntraImportInput {
  search: string;
}

/** What the tab sends for a row's decision: the page's inputs, the decision, and for a link the portal user chosen. */
export interface EntraImportRowInput extends EntraImportInput {
  resolve: 'link' | 'createNew' | 'undo' | 'useSignInName';
  userId?: string;
}

/** The people one import row may be linked to by hand: the engine's "Link to…" choices (services/imports/view.ts) as `users`. */
export type WireLinkChoices = Pick<LinkChoicesView, 'rowId' | 'person' | 'search' | 'more' | 'shown' | 'current'> & {
  /** The company's portal users linked to nobody (nor chosen for another row), by name: at most `shown`. */
  users: LinkChoicesView['choices'];
};

/** What a row's "Link to…" answers: the choices, or (like the page routes) a refusal or the consent that is missing. */
export type LinkChoicesResponse = { kind: 'linkChoices'; choices: WireLinkChoices } | EntraImportResponse;
