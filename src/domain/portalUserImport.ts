import type { CsvTable } from '../csv/readCsv';
import { stripFormulaGuard, writeCsv } from '../csv/writeCsv';
import { emailProblem, normaliseEmail } from './email';
import { emailMatchKey, type KnownPerson, type MatchReason } from './personMatch';
import { nameProblem, normaliseName } from './personName';
import { heldRowReason, KnownPeople, possibleMatchOf } from './portalUserMatch';
import { phoneProblem } from './phone';
import { COMPANY_ROLES, COMPANY_ROLE_LABELS, type CompanyRole } from './roles';

/*
 * Planning a CSV import of portal users: which rows become users, which are skipped and which fail,
 * each with its spreadsheet row number. Pure, so the service can plan, show and then write only the
 * candidates, and a bad row never writes anything.
 */

export const PORTAL_USER_CSV_COLUMNS = ['name', 'email', 'phone', 'role'] as const;
/** A line whose first cell starts with this is a comment (the template's note and examples): never imported. */
export const CSV_COMMENT_PREFIX = '#';
type ImportColumn = (typeof PORTAL_USER_CSV_COLUMNS)[number];

export interface ImportColumns {
  name: number;
  email: number;
  phone?: number;
  role?: number;
}

export type ImportHeaderMapping = { ok: true; columns: ImportColumns } | { ok: false; reason: string };

export interface ImportCandidate {
  rowNumber: number;
  displayName: string;
  /** As written in the file (trimmed), for display and for the invitation. */
  email: string;
  /** normaliseEmail(email): what duplicates are compared on. */
  emailKey: string;
  phone?: string;
  role: CompanyRole;
}

export interface RowOutcome {
  rowNumber: number;
  /** The row's name (normalised for display), when it has one: with the email, who the row was about. */
  name?: string;
  email?: string;
  reason: string;
}

/** Who a held row may be: an existing portal user (`userId`) or an earlier row of the file (`rowNumber`). */
export interface HeldMatch {
  userId?: string;
  rowNumber?: number;
  name: string;
  email: string | null;
  reason: MatchReason;
}

/**
 * A valid row that is possibly someone the company already has (or an earlier row of the same file):
 * not created unless a person chooses to. `match` says who and why, `reason` is what the row reads.
 */
export interface HeldRow extends ImportCandidate {
  match: HeldMatch;
  /** possibleMatchOf(match): "Weg Strasse (weg.strasse@…), the same email written differently". */
  matchText: string;
  reason: string;
}

export type PortalUserImportPlan =
  | { ok: false; reason: string }
  | { ok: true; candidates: ImportCandidate[]; skipped: RowOutcome[]; failed: RowOutcome[]; held: HeldRow[] };

// Header names are compared without case, spaces, dashes, underscores or dots, so "E-mail",
// "Email Address" and "full_name" all match.
const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  name: ['name', 'fullname', 'displayname'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'telephone', 'telephonenumber', 'mobile', 'mobilephone', 'mobilenumber'],
  role: ['role', 'companyrole']
};

const ROLE_ALIASES: Record<string, CompanyRole> = {
  admin: 'admin',
  manager: 'manager',
  user: 'user',
  trainingonly: 'trainingOnly'
};

const DEFAULT_ROLE: CompanyRole = 'user';

function compactKey(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/[\s_.-]+/g, '');
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function mapImportHeader(header: string[]): ImportHeaderMapping {
  const found: Partial<Record<ImportColumn, number>> = {};
  for (let index = 0; index < header.length; index++) {
    const key = compactKey(stripFormulaGuard(header[index]));
    const column = PORTAL_USER_CSV_COLUMNS.find((c) => HEADER_ALIASES[c].includes(key));
    if (!column) continue;
    const earlier = found[column];
    if (earlier !== undefined) {
      return {
        ok: false,
        reason:
          `The header has two ${column} columns ("${header[earlier].trim()}" in column ${columnLetter(earlier)} ` +
          `and "${header[index].trim()}" in column ${columnLetter(index)}); keep one.`
      };
    }
    found[column] = index;
  }

  const missing = (['name', 'email'] as const).filter((c) => found[c] === undefined);
  if (found.name === undefined || found.email === undefined) {
    return {
      ok: false,
      reason:
        `The header has no ${missing.join(' and no ')} column. ` +
        'The first row must name the columns: Name, Email, Phone, Role (download the template).'
    };
  }
  const columns: ImportColumns = { name: found.name, email: found.email };
  if (found.phone !== undefined) columns.phone = found.phone;
  if (found.role !== undefined) columns.role = found.role;
  return { ok: true, columns };
}

/** A role as people write it ("Training Only", "training-only", "TrainingOnly"); undefined if unknown or empty. */
export function parseCompanyRole(raw: string): CompanyRole | undefined {
  const key = compactKey(raw);
  return Object.prototype.hasOwnProperty.call(ROLE_ALIASES, key) ? ROLE_ALIASES[key] : undefined;
}

const ROLE_NAMES = orList(COMPANY_ROLES.map((r) => COMPANY_ROLE_LABELS[r]));

/**
 * Every row is judged on its own; a row with any problem fails as a whole. A failed row does not
 * claim its email, so a later valid row with the same address is still imported. `existing` are the
 * company's portal users: the same email (ignoring case) is skipped as already there; a possible match
 * (personMatch.ts), or the same folded email as an earlier row, is held for a person to choose.
 */
export function planPortalUserImport(
  table: CsvTable,
  existing: readonly KnownPerson[],
  allowedRoles?: readonly CompanyRole[]
): PortalUserImportPlan {
  const mapping = mapImportHeader(table.header);
  if (!mapping.ok) return mapping;
  const { columns } = mapping;
  if (table.rows.length === 0) {
    return {
      ok: false,
      reason:
        (table.commentRows
          ? `The file has nobody to import: under its header there are only lines starting with ${CSV_COMMENT_PREFIX} (such as the template's examples), which are never imported. `
          : 'The file has nobody to import: it has a header and no rows. ') +
        'Add one person per row under the header (name, email, phone, role), then send it again.'
    };
  }

  const candidates: ImportCandidate[] = [];
  const skipped: RowOutcome[] = [];
  const failed: RowOutcome[] = [];
  const held: HeldRow[] = [];
  const known = new KnownPeople(existing);
  const firstRowByEmailKey = new Map<string, number>();
  const firstRowByFoldedEmail = new Map<string, HeldMatch>();

  for (const row of table.rows) {
    // Cells the app exported carry the formula guard; a re-imported export must give the original text.
    const cell = (index: number | undefined): string =>
      index === undefined ? '' : stripFormulaGuard(row.cells[index] ?? '').trim();
    const name = cell(columns.name);
    const email = cell(columns.email);
    const phone = cell(columns.phone);
    const roleText = cell(columns.role);

    const problems: string[] = [];
    const nameIssue = nameProblem(name);
    if (nameIssue) problems.push(nameIssue);
    const emailIssue = emailProblem(email);
    if (emailIssue) problems.push(emailIssue);
    const phoneIssue = phoneProblem(phone);
    if (phoneIssue) problems.push(phoneIssue);
    const role = roleText === '' ? DEFAULT_ROLE : parseCompanyRole(roleText);
    if (role === undefined) {
      problems.push(`The role "${roleText}" is unknown; expected ${ROLE_NAMES}.`);
    } else if (allowedRoles && !allowedRoles.includes(role)) {
      problems.push(
        allowedRoles.length === 0
          ? `You may not give the role ${COMPANY_ROLE_LABELS[role]}.`
          : `You may not give the role ${COMPANY_ROLE_LABELS[role]}; you may give ${orList(
              allowedRoles.map((r) => COMPANY_ROLE_LABELS[r])
            )}.`
      );
    }

    const shownName = normaliseName(name);
    const outcome = (reason: string): RowOutcome => ({
      rowNumber: row.rowNumber,
      ...(shownName === '' ? {} : { name: shownName }),
      ...(email === '' ? {} : { email }),
      reason
    });

    if (problems.length > 0 || role === undefined) {
      failed.push(outcome(problems.join(' ')));
      continue;
    }

    const emailKey = normaliseEmail(email);
    const firstRow = firstRowByEmailKey.get(emailKey);
    const match = known.match({ name, email });
    if (match.kind === 'exact') {
      skipped.push(outcome('Already a portal user of this company.'));
    } else if (firstRow !== undefined) {
      skipped.push(outcome(`Duplicate of row ${firstRow} (same email).`));
    } else {
      firstRowByEmailKey.set(emailKey, row.rowNumber);
      const folded = emailMatchKey(email);
      const earlier = firstRowByFoldedEmail.get(folded);
      if (!earlier) firstRowByFoldedEmail.set(folded, { rowNumber: row.rowNumber, name: shownName, email, reason: 'email' });
      const candidate: ImportCandidate = {
        rowNumber: row.rowNumber,
        displayName: shownName,
        email,
        emailKey,
        role
      };
      if (phone !== '') candidate.phone = phone.replace(/\s+/g, ' ');
      const heldFor: HeldMatch | undefined =
        match.kind === 'possible' ? { userId: match.person.id, name: match.person.displayName, email: match.person.email, reason: match.reason } : earlier;
      if (heldFor) {
        const matchText = possibleMatchOf({ displayName: heldFor.name, email: heldFor.email }, heldFor.reason, heldFor.rowNumber);
        held.push({ ...candidate, match: heldFor, matchText, reason: heldRowReason(matchText) });
      } else {
        candidates.push(candidate);
      }
    }
  }
  return { ok: true, candidates, skipped, failed, held };
}

/**
 * The CSV template: the header, then a note and two examples as comment lines (their first cell starts
 * with #), so that the template as downloaded imports nobody.
 */
export const PORTAL_USER_CSV_TEMPLATE: string = writeCsv(
  ['Name', 'Email', 'Phone', 'Role'],
  [
    [`${CSV_COMMENT_PREFIX} Lines starting with # are never imported: replace the two examples below with your people (one per row).`, '', '', ''],
    [`${CSV_COMMENT_PREFIX} Ava Martin`, 'ava.martin@example.com', '+1 425 555 0100', 'Admin'],
    [`${CSV_COMMENT_PREFIX} Liam O'Brien`, 'liam.obrien@example.com', '', 'User']
  ]
);
