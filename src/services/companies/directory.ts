import { closestNames } from '../../domain/fuzzyMatch';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { Repositories } from '../../store/repositories';
import { toCompanyView, type CompanyView } from './view';

export type CompanyMatch<Company = Stored<CompanyDoc>> =
  | { status: 'found'; company: Company }
  | { status: 'ambiguous'; candidates: Company[] }
  /** Nothing matches: `suggestions` are the closest names ("did you mean"), possibly none. */
  | { status: 'none'; name: string; suggestions: Company[] };

/** A company a command names, as the surfaces see it; or why this person may not look. */
export type CompanyViewMatch = CompanyMatch<CompanyView> | { status: 'refused'; message: string };

/** The match with every company as the surfaces show it. */
export function viewMatch(match: CompanyMatch): CompanyMatch<CompanyView> {
  switch (match.status) {
    case 'found':
      return { status: 'found', company: toCompanyView(match.company) };
    case 'ambiguous':
      return { status: 'ambiguous', candidates: match.candidates.map(toCompanyView) };
    case 'none':
      return { status: 'none', name: match.name, suggestions: match.suggestions.map(toCompanyView) };
  }
}

/** How many companies are read, at most, to look for a close name; an MSP has far fewer clients. */
export const FUZZY_SCAN_LIMIT = 2000;
const SCAN_PAGE = 200;
export const MAX_SUGGESTIONS = 3;

/**
 * Finds the company a person named in a command. An exact name (any case) wins, archived or not, so an
 * archived company can be named to restore it or to hear why a change is refused; otherwise a part of the
 * name matches active companies only, as archived ones are hidden from pickers. A name that matches
 * nothing gets the closest names as suggestions (a mistyped "Fabrkam" finds "Fabrikam, Inc.").
 */
export class CompanyDirectory {
  constructor(private readonly repos: Repositories) {}

  /** `includeArchived`: a part of the name (or a close one) matches archived companies too. */
  async find(name: string, options: { includeArchived?: boolean } = {}): Promise<CompanyMatch> {
    const wanted = name.trim();
    if (!wanted) {
      // No name given: offer the first active companies to pick from.
      const first = await this.repos.companies.list({ pageSize: 10, archivedOnly: options.includeArchived });
      return first.items.length ? { status: 'ambiguous', candidates: first.items } : { status: 'none', name: wanted, suggestions: [] };
    }
    const exact = await this.repos.companies.findByName(wanted);
    if (exact) return { status: 'found', company: exact };
    const page = await this.repos.companies.list({ search: wanted, pageSize: 11, includeArchived: options.includeArchived });
    if (page.items.length === 1) return { status: 'found', company: page.items[0] };
    if (page.items.length === 0) return { status: 'none', name: wanted, suggestions: await this.closeTo(wanted, options) };
    return { status: 'ambiguous', candidates: page.items.slice(0, 10) };
  }

  /** The companies whose names are closest to `wanted`, closest first. */
  private async closeTo(wanted: string, options: { includeArchived?: boolean }): Promise<Stored<CompanyDoc>[]> {
    const companies: Stored<CompanyDoc>[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.repos.companies.list({ pageSize: SCAN_PAGE, includeArchived: options.includeArchived, continuationToken });
      companies.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken && companies.length < FUZZY_SCAN_LIMIT);
    return closestNames(wanted, companies, (c) => c.name, { limit: MAX_SUGGESTIONS }).map((s) => s.item);
  }
}
