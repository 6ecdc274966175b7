import { emailProblem } from '../../domain/email';
import type { StaffDoc, StaffImportSource } from '../../store/model';
import type { ImportSessionDoc, SourcePerson } from '../../store/repositories/importSessions';
import type { ImportMatcher, RowMatch, RowRules } from '../imports/engine/audience';
import { emailFor } from '../imports/engine/rows';
import type { RowChoice, StaffIndex, StaffMatch } from './matching';

/** How many staff members the "Link to existing staff" card offers at most. */
export const MAX_LINK_CHOICES = 100;

/**
 * A staff import's rows: "select all unlinked" takes in members with a valid email who are not staff
 * yet (a link by hand or the same email links them); a row linked by hand keeps asking for an email
 * where the source has none, since the link keeps the staff member's own; "Create new" is for a possible
 * match only; staff get no invitations.
 */
export const STAFF_ROWS: RowRules = {
  allUnlinkedTakes: ['new', 'matchesExisting', 'willLink'],
  allUnlinkedNeedsEmail: true,
  emailWhenLinkedByHand: true,
  missingEmailOnlyWhenCreating: true,
  linkToWhenLinkedByHand: false,
  createNewNeedsPossibleMatch: true,
  invites: false
};

/** What a person chose on the card for this row: a link by hand, or "Create new" despite a possible match. */
export function choiceOf(session: Pick<ImportSessionDoc, 'links' | 'newPeople'>, rowId: string): RowChoice {
  return { link: session.links?.[rowId], createNew: (session.newPeople ?? []).includes(rowId) };
}

/** A possible match nobody resolved yet: neither created nor linked by an import. */
export function isHeld(match: StaffMatch): match is Extract<StaffMatch, { status: 'possibleMatch' }> {
  return match.status === 'possibleMatch' && !match.createNew;
}

export function isLinkedTo(member: StaffDoc, source: StaffImportSource): boolean {
  return Boolean(member.links?.some((link) => link.source === source));
}

/** A staff match as the import row shows it. */
export function staffRowMatch(index: StaffIndex, match: StaffMatch, person: SourcePerson, email: string | null): RowMatch {
  return {
    status: match.status === 'matchesEmail' ? 'matchesExisting' : match.status,
    statusText: index.statusText(match, person, email),
    held: isHeld(match) ? { id: match.staff.id, name: match.staff.displayName } : undefined,
    createNew: match.status === 'possibleMatch' && match.createNew,
    lastSynced: match.status === 'new' || match.status === 'possibleMatch' ? undefined : match.staff.lastSyncedAt,
    marks: []
  };
}

/** A person of the session, matched against the staff as the session's choices say. */
export function matchOf(index: StaffIndex, session: ImportSessionDoc, person: SourcePerson): { match: StaffMatch; email: string | null } {
  const email = emailFor(session, person);
  return { match: index.match(person, email, choiceOf(session, person.id)), email };
}

/**
 * The MSP's staff as one card's rows are matched against them (services/staff/matching.ts) and linked
 * to them: a staff member may be linked to a row when they exist, are linked to no other person of
 * this source, and are chosen for no other row.
 */
export function staffMatcher(index: StaffIndex, session: ImportSessionDoc, source: StaffImportSource): ImportMatcher {
  const takenByOtherRows = (rowId: string) => new Set(Object.entries(session.links ?? {}).filter(([row]) => row !== rowId).map(([, staffId]) => staffId));
  return {
    async match(people) {
      return new Map(
        people.map((person) => {
          const { match, email } = matchOf(index, session, person);
          return [person.id, staffRowMatch(index, match, person, email)];
        })
      );
    },
    async linkRefusal(person, staffId) {
      const member = index.byId.get(staffId);
      if (member && index.linkable(member, person) && !takenByOtherRows(person.id).has(staffId) && !isLinkedTo(member, source)) return undefined;
      return {
        message: 'That staff member cannot be linked to this person (they do not exist any more, or are linked to someone else of this source). Nothing was changed.',
        audited: 'Link to a staff member who does not exist or cannot be linked to this person.'
      };
    },
    async linkChoices(person) {
      const taken = takenByOtherRows(person.id);
      const candidates = index.staff.filter((member) => index.linkable(member, person) && !taken.has(member.id) && !isLinkedTo(member, source));
      const email = emailFor(session, person);
      return {
        choices: candidates.slice(0, MAX_LINK_CHOICES).map((member) => ({ id: member.id, name: member.displayName, email: member.email ?? null })),
        more: candidates.length > MAX_LINK_CHOICES,
        shown: MAX_LINK_CHOICES,
        current: session.links?.[person.id],
        email,
        emailHolder: email && !emailProblem(email) ? index.holderOf(email)?.displayName : undefined
      };
    }
  };
}
