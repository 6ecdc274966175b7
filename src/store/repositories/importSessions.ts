import type { Container } from '@azure/cosmos';
import type { EntraPerson } from '../../domain/entraImport';
import type { CompanyRole, MspRole } from '../../domain/roles';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import type { StaffImportSource } from '../model';

/** Who an import brings in: a client company's people (portal users), or the MSP's own staff. */
export type ImportAudienceKind = 'client' | 'staff';

/** Where the people come from: a client company's own Entra ID, or (staff) the MSP's Entra ID or a PSA. */
export type ImportSourceKind = 'clientEntra' | StaffImportSource;

/**
 * A person of an import source as a card shows them: an Entra user as the import sees it (`mail` only
 * as the email, the sign-in name apart), or a PSA's person in the same shape (an enabled member).
 */
export interface SourcePerson extends EntraPerson {
  /** What the source itself says of the row (guest, service account, no mailbox). */
  marks?: string[];
}

/** Where a card is in its source: a directory read a page at a time (Graph links), or a page of the people read once. */
export type SessionPosition =
  | {
      kind: 'directory';
      /** Graph links of the pages before the current one ('' = the first page), for "Previous". */
      back: string[];
      /** Graph link of the current page ('' = the first page). */
      current: string;
      /** Graph link of the next page, if any. */
      next?: string;
    }
  | { kind: 'snapshot'; page: number };

export interface StaffImportSummaryRow {
  name: string;
  email?: string;
  outcome: 'created' | 'linked' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  reason?: string;
}

export interface StaffImportSummary {
  created: number;
  linked: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Of those created or linked, how many were bound to their Entra identity at once. */
  boundNow: number;
  rows: StaffImportSummaryRow[];
}

/**
 * One person's import card (or tab page): the source it reads, what was picked, typed, searched and
 * chosen. Kept in the store, not in the card, so a selection survives paging and searching and the card
 * stays small at any size. Only the person who opened it may use it, for 24 hours.
 */
export interface ImportSessionDoc {
  id: string;
  /** Partition key (the jobs container): the company imported into; the MSP's own company for staff. */
  companyId: string;
  mspId: string;
  type: 'importSession';
  audience: ImportAudienceKind;
  source: ImportSourceKind;
  /** Who opened it: a staff id, or `portalUser:<id>` (a Client Admin in the tab). */
  openedBy: string;
  /** The client tenant read (client imports): a session does not follow its company to another tenant. */
  tenantId?: string;
  search: string;
  position: SessionPosition;
  /** A source read once: its active people as read when the card opened. */
  snapshot?: { people: SourcePerson[]; truncated: boolean; fetchedAt: string };
  /** Picked by hand. */
  picked: string[];
  /** Left out of "select all unlinked" by hand. */
  unpicked: string[];
  allUnlinked: boolean;
  /** Emails typed on the card, by row id. */
  emails: Record<string, string>;
  /** Rows linked by hand ("Link to…"): row id -> the portal user or staff member they are. */
  links?: Record<string, string>;
  /** Possible matches a person chose to create anyway ("Create new"), by row id. */
  newPeople?: string[];
  /** Confirmed on the card: people without a mailbox are imported with their sign-in name as their email. */
  useSignInNames?: boolean;
  role?: CompanyRole | MspRole;
  /** Client imports: portal access now (invitations) or later. */
  invite: boolean;
  /** The last staff import run from this card: a double click or a retry with the same key answers it again. */
  run?: { key: string; state: 'running' | 'done'; startedAt: string; summary?: StaffImportSummary };
  createdAt: string;
  expiresAt: string;
}

export class ImportSessionRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  async create(session: ImportSessionDoc): Promise<Stored<ImportSessionDoc>> {
    return createDocument(this.container, session);
  }

  async get(companyId: string, id: string): Promise<Stored<ImportSessionDoc> | undefined> {
    const doc = await readDocument<ImportSessionDoc>(this.container, id, companyId);
    return doc && doc.mspId === this.mspId && doc.type === 'importSession' ? doc : undefined;
  }

  async replace(session: Stored<ImportSessionDoc>): Promise<Stored<ImportSessionDoc>> {
    return replaceDocument(this.container, session, session.companyId);
  }
}
