import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { Repositories } from '../../store/repositories';

export type CompanyMatch =
  | { status: 'found'; company: Stored<CompanyDoc> }
  | { status: 'ambiguous'; candidates: Stored<CompanyDoc>[] }
  | { status: 'none'; name: string };

/**
 * Finds the company a person named in a command. An exact name (any case) wins, archived or not, so an
 * archived company can be named to restore it or to hear why a change is refused; otherwise a part of the
 * name matches active companies only, as archived ones are hidden from pickers.
 */
export class CompanyDirectory {
  constructor(private readonly repos: Repositories) {}

  /** `includeArchived`: a part of the name matches archived companies too (for restore and delete). */
  async find(name: string, options: { includeArchived?: boolean } = {}): Promise<CompanyMatch> {
    const wanted = name.trim();
    if (!wanted) {
      // No name given: offer the first active companies to pick from.
      const first = await this.repos.companies.list({ pageSize: 10, archivedOnly: options.includeArchived });
      return first.items.length ? { status: 'ambiguous', candidates: first.items } : { status: 'none', name: wanted };
    }
    const exact = await this.repos.companies.findByName(wanted);
    if (exact) return { status: 'found', company: exact };
    const page = await this.repos.companies.list({ search: wanted, pageSize: 11, includeArchived: options.includeArchived });
    if (page.items.length === 1) return { status: 'found', company: page.items[0] };
    if (page.items.length === 0) return { status: 'none', name: wanted };
    return { status: 'ambiguous', candidates: page.items.slice(0, 10) };
  }
}
