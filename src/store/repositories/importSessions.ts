import type { Container } from '@azure/cosmos';
import type { CompanyRole } from '../../domain/roles';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';

/**
 * One person's import card for one company: what they picked, searched and chose. Kept in the store,
 * not in the card, so a selection survives paging and searching and the card stays small at any tenant
 * size. Only the person who opened it may use it.
 */
export interface ImportSessionDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'importSession';
  staffId: string;
  tenantId: string;
  search: string;
  /** Graph links of the pages before the current one ('' = the first page), for "Previous". */
  back: string[];
  /** Graph link of the current page ('' = the first page). */
  current: string;
  /** Graph link of the next page, if any. */
  next?: string;
  picked: string[];
  unpicked: string[];
  allUnlinked: boolean;
  emails: Record<string, string>;
  /** Rows linked by hand ("Link to…"): Entra id → the portal user they are. */
  links?: Record<string, string>;
  /** Possible matches a person chose to create anyway ("Create new"), by Entra id. */
  newPeople?: string[];
  /** Confirmed on the card: people without a mailbox are imported with their sign-in name as their email. */
  useSignInNames?: boolean;
  role?: CompanyRole;
  invite: boolean;
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
