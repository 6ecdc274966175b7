import { z } from 'zod';
import { noticeCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { staffImportConfirmCard } from '../../cards/staffConfirmCard';
import { STAFF_EMAIL_PREFIX, STAFF_PICK_PREFIX, staffImportCard } from '../../cards/staffImportCard';
import { staffImportLinkCard } from '../../cards/staffImportLinkCard';
import { staffImportResultCard } from '../../cards/staffImportResultCard';
import { staffSourceProblemCard } from '../../cards/staffSourceProblemCard';
import { staffSourcesCard } from '../../cards/staffSourcesCard';
import { StaffIdSchema } from '../../cards/staffView';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { StaffImportCard, StaffImportInput } from '../../services/staff';
import { cardAction } from './cardAction';
import { shownRowInputs, truthy } from './importCardInputs';

/** A row id as the card carries it: the source's id of the person (checked against the session by the service). */
const RowId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);
/** What every staff import card action carries; the card's inputs come alongside, read by prefix below. */
export const StaffImportData = z
  .object({
    sessionId: z.string().uuid(),
    rowIds: z.array(RowId).max(50),
    autoPicked: z.array(RowId).max(50).optional(),
    move: z.enum(['stay', 'next', 'previous', 'search']),
    role: z.string().max(50).optional(),
    allUnlinked: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    search: z.string().max(100).optional(),
    rowId: RowId.optional()
  })
  .passthrough();

/** The card's inputs for the rows it showed: `pick_<id>` toggles and `email_<id>` fields. */
export function staffImportInput(data: z.infer<typeof StaffImportData>): StaffImportInput {
  const { picks, emails } = shownRowInputs(data as Record<string, unknown>, data.rowIds, { pick: STAFF_PICK_PREFIX, email: STAFF_EMAIL_PREFIX });
  return {
    sessionId: data.sessionId,
    move: data.move,
    rowIds: data.rowIds,
    autoPicked: data.autoPicked,
    picks,
    emails,
    role: data.role,
    allUnlinked: data.allUnlinked === undefined ? undefined : truthy(data.allUnlinked),
    search: data.search
  };
}

/** The card for a staff import card result. */
export function staffImportCardOf(result: StaffImportCard, notice?: Notice): AdaptiveCardJson {
  switch (result.kind) {
    case 'page':
      return staffImportCard(result.view, notice);
    case 'problem':
      return staffSourceProblemCard(result.problem);
    case 'refused':
      return noticeCard({ title: 'Not done', tone: 'refused', message: result.message });
  }
}

/** The sources card, or the refusal for someone who may not manage staff. */
export function staffSourcesCardFor(services: Services, actor: StaffActor): AdaptiveCardJson {
  const sources = services.staff.imports.sources(actor);
  if ('refused' in sources) return noticeCard({ title: 'Not done', tone: 'refused', message: sources.refused });
  return staffSourcesCard(sources);
}

/** staffImport.sources: choose where to import from. */
export function staffSourcesAction(services: Services) {
  return cardAction(services, z.object({}).passthrough(), async ({ actor }) => staffSourcesCardFor(services, actor));
}

/** staffImport.open: reads the source's active people and shows the first page. */
export function staffImportOpenAction(services: Services) {
  return cardAction(services, z.object({ source: z.string().max(40) }), async ({ actor }, data) => staffImportCardOf(await services.staff.imports.open(actor, data.source)));
}

/** staffImport.page: picks, emails, search, paging, role; the selection is saved in the session. */
export function staffImportPageAction(services: Services) {
  return cardAction(services, StaffImportData, async ({ actor }, data) => staffImportCardOf(await services.staff.imports.update(actor, staffImportInput(data))));
}

/** staffImport.linkForm: the card's inputs are saved, then the staff members this row may be linked to. */
export function staffImportLinkFormAction(services: Services) {
  return cardAction(services, StaffImportData, async ({ actor }, data) => {
    if (!data.rowId) return outOfDate();
    const choices = await services.staff.choices.linkChoices(actor, staffImportInput(data), data.rowId);
    return 'kind' in choices ? staffImportCardOf(choices) : staffImportLinkCard(choices);
  });
}

/** staffImport.link: links the row to the chosen staff member (checked again), back to the import card. */
export function staffImportLinkAction(services: Services) {
  return cardAction(services, z.object({ sessionId: z.string().uuid(), rowId: RowId, staffId: StaffIdSchema }), async ({ actor }, data) =>
    staffImportCardOf(await services.staff.choices.setLink(actor, data.sessionId, data.rowId, data.staffId), undefined)
  );
}

/**
 * A row action of the import card: the card's inputs are saved first (so nothing typed or ticked is
 * lost), then `choose` acts on the row, checked again by the service.
 */
function rowChoiceAction<Schema extends typeof StaffImportData>(services: Services, schema: Schema, choose: (actor: StaffActor, data: z.infer<Schema> & { rowId: string }) => Promise<StaffImportCard>) {
  return cardAction(services, schema, async ({ actor }, data) => {
    if (!data.rowId) return outOfDate();
    const settled = await services.staff.imports.update(actor, { ...staffImportInput(data), move: 'stay' });
    if (settled.kind !== 'page') return staffImportCardOf(settled);
    return staffImportCardOf(await choose(actor, { ...data, rowId: data.rowId }));
  });
}

/** staffImport.unlink: the row's choice (a link by hand, or "Create new") is undone. */
export function staffImportUnlinkAction(services: Services) {
  return rowChoiceAction(services, StaffImportData, (actor, data) => services.staff.choices.setLink(actor, data.sessionId, data.rowId, undefined));
}

/** staffImport.linkMatch: "Link to <name>" on a possible match links the row to that staff member, as a link by hand does. */
export function staffImportLinkMatchAction(services: Services) {
  return rowChoiceAction(services, StaffImportData.extend({ staffId: StaffIdSchema }), (actor, data) => services.staff.choices.setLink(actor, data.sessionId, data.rowId, data.staffId));
}

/** staffImport.createNew: "Create new" on a possible match: the person is imported as a new staff member all the same. */
export function staffImportCreateNewAction(services: Services) {
  return rowChoiceAction(services, StaffImportData, (actor, data) => services.staff.choices.createNew(actor, data.sessionId, data.rowId));
}

/** staffImport.confirm: "Import selected (N)" saves the card and asks for confirmation with what will happen. */
export function staffImportConfirmAction(services: Services) {
  return cardAction(services, StaffImportData, async ({ actor }, data) => {
    const preview = await services.staff.imports.preview(actor, staffImportInput(data));
    if ('kind' in preview) return staffImportCardOf(preview);
    const count = preview.create.length + preview.link.length + preview.update.length;
    if (count === 0) {
      const page = await services.staff.imports.update(actor, { ...staffImportInput(data), move: 'stay' });
      const why = preview.held.length
        ? 'Nobody selected can be imported yet: choose "Link to \u2026" or "Create new" for each possible match first.'
        : preview.withoutEmail.length || preview.emailTaken.length
          ? 'Nobody selected can be imported: give the people without an email one first.'
          : 'Nobody is selected: tick the people to import, or "Select all unlinked".';
      return staffImportCardOf(page, { text: why, tone: 'attention' });
    }
    return staffImportConfirmCard(preview);
  });
}

/** staffImport.run: the confirmed import; the card becomes its summary. */
export function staffImportRunAction(services: Services) {
  return cardAction(services, z.object({ sessionId: z.string().uuid(), idempotencyKey: z.string().uuid() }), async ({ actor }, data) => {
    const result = await services.staff.runner.run(actor, data.sessionId, data.idempotencyKey);
    return result.kind === 'done' ? staffImportResultCard(result) : staffImportCardOf(result);
  });
}

function outOfDate(): AdaptiveCardJson {
  return noticeCard({ title: 'This card is out of date', tone: 'warning', message: 'Nothing was changed. Say "import staff" to start again.' });
}
