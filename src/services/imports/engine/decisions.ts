import type { AuditSurface } from '../../../store/model';
import type { ImportCardInput, LinkChoicesView } from '../view';
import { isAnswer, type ImportActor, type ImportAnswer, type RowDecision } from './answer';
import type { ImportScope } from './audience';
import type { ImportBrowser, Loaded } from './browser';

/** The row's person, as the source has them: a card naming anyone else is refused. */
async function rowOf<Scope extends ImportScope>(browser: ImportBrowser<Scope>, actor: ImportActor, input: ImportCardInput, rowId: string, surface: AuditSurface) {
  const settled = await browser.settle(actor, input, surface);
  if (isAnswer(settled)) return settled;
  const person = await settled.source.person(settled.session, rowId);
  if (!person) return browser.refuse(actor, settled, { rowId }, { message: settled.source.strangerMessage }, surface);
  return { settled, person };
}

/**
 * "Link to…" for one row: the people already there it may be linked to (searched, where the audience
 * searches them). The card's other inputs are saved first, so nothing typed is lost.
 */
export async function linkChoices<Scope extends ImportScope>(browser: ImportBrowser<Scope>, actor: ImportActor, input: ImportCardInput, rowId: string, search: string, surface: AuditSurface = 'bot'): Promise<LinkChoicesView | ImportAnswer> {
  const row = await rowOf(browser, actor, input, rowId, surface);
  if (isAnswer(row)) return row;
  const { settled, person } = row;
  const { scope, session, source } = settled;
  const matcher = await browser.audience.matcher(scope, session, source);
  return {
    sessionId: session.id,
    audience: browser.audience.kind,
    companyId: scope.companyId,
    companyName: scope.companyName,
    sourceLabel: source.label,
    rowId,
    person: { name: person.displayName, email: person.email, signInName: person.email ? null : (person.signInName ?? null), jobTitle: person.jobTitle },
    ...(await matcher.linkChoices(person, search.trim().slice(0, 100)))
  };
}

/**
 * A person's decision for one row, checked as if it came from a stranger: the row must be one of the
 * source's people, a link's target someone the audience lets this person be linked to, a "Create new"
 * (where the audience asks) a possible match to decide on. A link and an undo take back a "Create new";
 * every decision but an undo picks the row. The card's other inputs are saved with it; the page is shown again.
 */
export async function decide<Scope extends ImportScope>(browser: ImportBrowser<Scope>, actor: ImportActor, input: ImportCardInput, rowId: string, decision: RowDecision, surface: AuditSurface = 'bot'): Promise<ImportAnswer> {
  const row = await rowOf(browser, actor, input, rowId, surface);
  if (isAnswer(row)) return row;
  const { settled, person } = row;
  const { session } = settled;
  const refuse = (message: string, audited?: string) => browser.refuse(actor, settled, { rowId, decision }, { message, audited }, surface);
  const matcher = await browser.audience.matcher(settled.scope, session, settled.source);
  const links = { ...session.links };
  let newPeople = session.newPeople ?? [];
  let { emails } = session;
  switch (decision.kind) {
    case 'link': {
      const refused = await matcher.linkRefusal(person, decision.userId);
      if (refused) return refuse(refused.message, refused.audited);
      links[rowId] = decision.userId;
      newPeople = newPeople.filter((id) => id !== rowId);
      break;
    }
    case 'createNew': {
      if (browser.audience.rules.createNewNeedsPossibleMatch) {
        const match = (await matcher.match([person])).get(person.id);
        if (match?.status !== 'possibleMatch' || match.createNew) return refuse(`${person.displayName} has no possible match to decide on (any more). Nothing was changed.`, '"Create new" for a person without a possible match to decide on.');
      }
      delete links[rowId];
      if (!newPeople.includes(rowId)) newPeople = [...newPeople, rowId];
      break;
    }
    case 'undo':
      delete links[rowId];
      newPeople = newPeople.filter((id) => id !== rowId);
      break;
    case 'useSignInName':
      if (person.email || !person.signInName) return refuse(`${person.displayName} has ${person.email ? 'a mailbox' : 'no sign-in name that reads as an address'}. Nothing was changed.`);
      emails = { ...emails, [rowId]: person.signInName };
      break;
  }
  const picks = decision.kind === 'undo' ? {} : { picked: session.picked.includes(rowId) ? session.picked : [...session.picked, rowId], unpicked: session.unpicked.filter((id) => id !== rowId) };
  const saved: Loaded<Scope> = { ...settled, session: await browser.save({ ...session, links, newPeople, emails, ...picks }) };
  return browser.render(actor, saved);
}
