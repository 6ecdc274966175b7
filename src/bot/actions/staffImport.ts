import { z } from 'zod';
import { noticeCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { staffImportConfirmCard } from '../../cards/staffConfirmCard';
import { staffImportResultCard } from '../../cards/staffImportResultCard';
import { staffSourcesCard } from '../../cards/staffSourcesCard';
import { StaffIdSchema } from '../../cards/staffView';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { ImportAnswer } from '../../services/imports/engine/answer';
import { cardAction } from './cardAction';
import { decideRow, importAnswerCard, linkFormActionFor, outOfDate, pageActionFor, type ImportCardKind } from './importCard';
import { importCardFields, importInput, sessionOnly } from './importCardInputs';

/** A row id as the card carries it: the source's id of the person (checked against the session by the engine). */
const RowId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);
/** What every staff import card's button carries (no company: a staff import's is the MSP's own); the card's inputs come alongside. */
export const StaffImportData = z.object({ ...importCardFields(RowId), rowId: RowId.optional() }).passthrough();

/** The staff import card: the MSP's staff, from its own Entra ID or a PSA. */
const STAFF: ImportCardKind<typeof StaffImportData> = { audience: 'staff', browser: (services) => services.staff.imports, data: StaffImportData };

/** The card for a staff import's answer. */
export function staffImportCardOf(result: ImportAnswer, notice?: Notice): AdaptiveCardJson {
  return importAnswerCard(result, 'staff', notice);
}

/** The sources card, or the refusal for someone who may not manage staff. */
export function staffSourcesCardFor(services: Services, actor: StaffActor): AdaptiveCardJson {
  const sources = services.staff.sources(actor);
  if ('refused' in sources) return noticeCard({ title: 'Not done', tone: 'refused', message: sources.refused });
  return staffSourcesCard(sources);
}

/** staffImport.sources: choose where to import from. */
export function staffSourcesAction(services: Services) {
  return cardAction(services, z.object({}).passthrough(), async ({ actor }) => staffSourcesCardFor(services, actor));
}

/** staffImport.open: reads the source's active people and shows the first page. */
export function staffImportOpenAction(services: Services) {
  return cardAction(services, z.object({ source: z.string().max(40) }), async ({ actor }, data) => staffImportCardOf(await services.staff.open(actor, data.source)));
}

/** staffImport.page: picks, emails, search, paging, role; the selection is saved in the session. */
export function staffImportPageAction(services: Services) {
  return pageActionFor(services, STAFF);
}

/** staffImport.linkForm: the card's inputs are saved, then the staff members this row may be linked to. */
export function staffImportLinkFormAction(services: Services) {
  return linkFormActionFor(services, STAFF, (data) => ({ rowId: data.rowId }));
}

/** staffImport.link: the "Link to existing staff" card's Link: the row is linked to the chosen staff member (checked again). */
export function staffImportLinkAction(services: Services) {
  return cardAction(services, z.object({ sessionId: z.string().uuid(), rowId: RowId, staffId: StaffIdSchema }), async ({ actor }, data) =>
    decideRow(services, STAFF, actor, sessionOnly(data.sessionId), data.rowId, { kind: 'link', userId: data.staffId })
  );
}

/** A row's own decision on the import card, with the card's inputs (saved first, so nothing typed or ticked is lost). */
function rowDecisionAction<Schema extends typeof StaffImportData>(services: Services, schema: Schema, decision: (data: z.infer<Schema>) => Parameters<typeof decideRow>[5]) {
  return cardAction(services, schema, async ({ actor }, data) =>
    data.rowId ? decideRow(services, STAFF, actor, { ...importInput(data), move: 'stay' }, data.rowId, decision(data)) : outOfDate('staff')
  );
}

/** staffImport.unlink: the row's choice (a link by hand, or "Create new") is undone. */
export function staffImportUnlinkAction(services: Services) {
  return rowDecisionAction(services, StaffImportData, () => ({ kind: 'undo' }));
}

/** staffImport.linkMatch: "Link to <name>" on a possible match links the row to that staff member, as a link by hand does. */
export function staffImportLinkMatchAction(services: Services) {
  return rowDecisionAction(services, StaffImportData.extend({ staffId: StaffIdSchema }), (data) => ({ kind: 'link', userId: data.staffId }));
}

/** staffImport.createNew: "Create new" on a possible match: the person is imported as a new staff member all the same. */
export function staffImportCreateNewAction(services: Services) {
  return rowDecisionAction(services, StaffImportData, () => ({ kind: 'createNew' }));
}

/** staffImport.confirm: "Import selected (N)" saves the card and asks for confirmation with what will happen. */
export function staffImportConfirmAction(services: Services) {
  return cardAction(services, StaffImportData, async ({ actor }, data) => {
    const preview = await services.staff.preview(actor, importInput(data));
    if ('kind' in preview) return staffImportCardOf(preview);
    const count = preview.create.length + preview.link.length + preview.update.length;
    if (count === 0) {
      const page = await services.staff.imports.update(actor, { ...importInput(data), move: 'stay' });
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
