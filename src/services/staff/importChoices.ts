import type { StaffActor } from '../../domain/actor';
import { emailProblem } from '../../domain/email';
import type { StaffSourcePerson } from '../../store/repositories/staffImportSessions';
import type { StaffDeps } from './deps';
import type { StaffImportBrowser, StaffImportCard, StaffImportInput } from './importBrowser';
import { choiceOf, isHeld, isLinkedTo } from './importPreview';
import { STAFF_SOURCE_LABELS } from './sources';

/** How many staff members the "link to" card offers at most. */
export const MAX_LINK_CHOICES = 100;

export interface LinkChoices {
  sessionId: string;
  rowId: string;
  person: StaffSourcePerson;
  sourceLabel: string;
  /** The email the person has for the import (the source's, or one typed on the card): the linked staff member's from then on. */
  email: string | null;
  /** The staff member who has that email already: anyone else linked keeps their own. */
  emailHolder?: string;
  current?: string;
  choices: { id: string; title: string }[];
  more: boolean;
}

/**
 * What a person decides for one row of the staff import card: link it to an existing staff member
 * (from the "link to" card, or "Link to <name>" on a possible match), undo that, or "Create new"
 * despite a possible match. Each is checked again as if from a stranger: the row must be one of the
 * session's people, the staff member must exist and be linkable to them, and "Create new" needs a
 * possible match to decide on. The choices live in the session; the import acts on them.
 */
export class StaffImportChoices {
  constructor(
    private readonly deps: StaffDeps,
    private readonly browser: StaffImportBrowser
  ) {}

  /** The staff members a row may be linked to by hand. */
  async linkChoices(actor: StaffActor, input: StaffImportInput, rowId: string): Promise<LinkChoices | StaffImportCard> {
    const settled = await this.browser.settle(actor, input);
    if ('kind' in settled) return settled;
    const { session, index } = settled;
    const person = session.people.find((p) => p.externalId === rowId);
    if (!person) return this.browser.foreignRows(actor, input, session);
    const takenByOtherRows = new Set(Object.entries(session.links).filter(([row]) => row !== rowId).map(([, staffId]) => staffId));
    const candidates = index.staff.filter((member) => index.linkable(member, person) && !takenByOtherRows.has(member.id) && !isLinkedTo(member, session.source));
    const email = session.emails[rowId] ?? person.email;
    return {
      sessionId: session.id,
      rowId,
      person,
      sourceLabel: STAFF_SOURCE_LABELS[session.source],
      email,
      emailHolder: email && !emailProblem(email) ? index.holderOf(email)?.displayName : undefined,
      current: session.links[rowId],
      choices: candidates.slice(0, MAX_LINK_CHOICES).map((member) => ({ id: member.id, title: `${member.displayName}${member.email ? ` (${member.email})` : ''}` })),
      more: candidates.length > MAX_LINK_CHOICES
    };
  }

  /**
   * Links a row to an existing staff member (and picks it), or, with `staffId` undefined, undoes the
   * row's choice (a link by hand, or "Create new").
   */
  async setLink(actor: StaffActor, sessionId: string, rowId: string, staffId: string | undefined): Promise<StaffImportCard> {
    const loaded = await this.browser.load(actor, sessionId);
    if ('kind' in loaded) return loaded;
    const person = loaded.people.find((p) => p.externalId === rowId);
    if (!person) return this.browser.foreignRows(actor, { rowIds: [rowId] }, loaded);
    const index = await this.browser.index(loaded.source);
    const links = { ...loaded.links };
    const newPeople = (loaded.newPeople ?? []).filter((id) => id !== rowId);
    let picked = loaded.picked;
    if (staffId === undefined) {
      delete links[rowId];
    } else {
      const member = index.byId.get(staffId);
      const takenByOtherRow = Object.entries(links).some(([row, id]) => row !== rowId && id === staffId);
      if (!member || !index.linkable(member, person) || takenByOtherRow || isLinkedTo(member, loaded.source)) {
        await this.browser.auditRefusal(actor, loaded, { staffId, rowId }, 'Link to a staff member who does not exist or cannot be linked to this person.');
        return { kind: 'refused', message: 'That staff member cannot be linked to this person (they do not exist any more, or are linked to someone else of this source). Nothing was changed.' };
      }
      links[rowId] = staffId;
      if (!picked.includes(rowId)) picked = [...picked, rowId];
    }
    const session = await this.deps.repos.staffImportSessions.replace({ ...loaded, links, newPeople, picked });
    return this.browser.render(actor, session, index);
  }

  /** "Create new": this person becomes a new staff member although a staff member looks like them; the row is picked. */
  async createNew(actor: StaffActor, sessionId: string, rowId: string): Promise<StaffImportCard> {
    const loaded = await this.browser.load(actor, sessionId);
    if ('kind' in loaded) return loaded;
    const person = loaded.people.find((p) => p.externalId === rowId);
    if (!person) return this.browser.foreignRows(actor, { rowIds: [rowId] }, loaded);
    const index = await this.browser.index(loaded.source);
    const match = index.match(person, loaded.emails[rowId] ?? person.email, choiceOf(loaded, rowId));
    if (!isHeld(match)) {
      await this.browser.auditRefusal(actor, loaded, { rowId, createNew: true }, '"Create new" for a person without a possible match to decide on.');
      return { kind: 'refused', message: `${person.displayName} has no possible match to decide on (any more). Nothing was changed.` };
    }
    const links = { ...loaded.links };
    delete links[rowId];
    const session = await this.deps.repos.staffImportSessions.replace({
      ...loaded,
      links,
      newPeople: [...(loaded.newPeople ?? []), rowId],
      picked: loaded.picked.includes(rowId) ? loaded.picked : [...loaded.picked, rowId],
      unpicked: loaded.unpicked.filter((id) => id !== rowId)
    });
    return this.browser.render(actor, session, index);
  }
}
