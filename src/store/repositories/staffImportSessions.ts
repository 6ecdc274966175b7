import type { Container } from '@azure/cosmos';
import type { MspRole } from '../../domain/roles';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import type { StaffImportSource } from '../model';

/** A person of an import source as the staff import card shows them (active people only). */
export interface StaffSourcePerson {
  /** The source's own id (Entra object id, PSA id), also the row's id on the card. */
  externalId: string;
  displayName: string;
  email: string | null;
  jobTitle: string | null;
  /** Marks shown on the row (guest, service account). */
  marks: string[];
  /** An ordinary member: "select all unlinked" takes them in (guests and service accounts only by hand). */
  member: boolean;
}

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
 * One Super Admin's staff import card for one source: the source's active people as read when the
 * card opened, and what was picked, typed and chosen. Kept in the store (the card carries only the
 * session id and the shown rows' ids), so the selection survives paging and searching. Only its
 * opener may use it.
 */
export interface StaffImportSessionDoc {
  id: string;
  /** Partition key of the staff container. */
  mspId: string;
  type: 'staffImportSession';
  /** The staff member who opened it. */
  staffId: string;
  source: StaffImportSource;
  people: StaffSourcePerson[];
  /** True when the source had more active people than a session keeps. */
  truncated: boolean;
  fetchedAt: string;
  search: string;
  /** The page shown, from 0. */
  page: number;
  picked: string[];
  /** Left out of "select all unlinked" by hand. */
  unpicked: string[];
  allUnlinked: boolean;
  /** Emails typed on the card, by row id. */
  emails: Record<string, string>;
  /** Rows to link to an existing staff member instead of creating one: row id -> staff id. */
  links: Record<string, string>;
  /**
   * Rows with a possible match (a staff member who looks like the same person) that a person chose to
   * create as a new staff member all the same. Absent in sessions opened before possible matches.
   */
  newPeople?: string[];
  role: MspRole;
  /** The last import run from this card: a double click or a retry with the same key answers it again. */
  run?: { key: string; state: 'running' | 'done'; startedAt: string; summary?: StaffImportSummary };
  createdAt: string;
  expiresAt: string;
}

export class StaffImportSessionRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  async create(session: StaffImportSessionDoc): Promise<Stored<StaffImportSessionDoc>> {
    return createDocument(this.container, session);
  }

  async get(id: string): Promise<Stored<StaffImportSessionDoc> | undefined> {
    const doc = await readDocument<StaffImportSessionDoc>(this.container, id, this.mspId);
    return doc && doc.mspId === this.mspId && doc.type === 'staffImportSession' ? doc : undefined;
  }

  async replace(session: Stored<StaffImportSessionDoc>): Promise<Stored<StaffImportSessionDoc>> {
    return replaceDocument(this.container, session, this.mspId);
  }
}
