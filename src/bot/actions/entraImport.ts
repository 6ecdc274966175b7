import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { importPreviewCard } from '../../cards/importPreviewCard';
import { jobProgressCard } from '../../cards/jobProgressCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { StartResult } from '../../services/imports';
import type { ImportAnswer } from '../../services/imports/engine/answer';
import type { ImportCardInput } from '../../services/imports/view';
import { cardAction } from './cardAction';
import { decideRow, importAnswerCard, linkFormActionFor, pageActionFor, type ImportCardKind } from './importCard';
import { importCardFields, importInput } from './importCardInputs';

const Id = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);

/** What every client import card's button carries: the company and the engine's card fields; the card's inputs come alongside. */
export const ImportCardData = z
  .object({
    companyId: Id,
    ...importCardFields(z.string().max(80)),
    idempotencyKey: z.string().uuid().optional(),
    /** The preview's selection fingerprint, on its confirm button. */
    fingerprint: z.string().max(40).optional()
  })
  .passthrough();

const RowData = ImportCardData.and(
  z.object({
    rowId: z.string().max(80),
    resolve: z.enum(['link', 'createNew', 'undo', 'useSignInName']).optional(),
    /** A possible match's "Link to <name>" button names the user; the "Link to…" card's choice comes as linkUserId. */
    userId: z.string().max(120).optional(),
    linkUserId: z.string().max(120).optional(),
    linkSearch: z.string().max(100).optional()
  })
);

/** The client import card: a client company's people, from its own Entra ID. */
const CLIENT: ImportCardKind<typeof ImportCardData> = { audience: 'client', browser: (services) => services.imports.browser, data: ImportCardData };
const ROW: ImportCardKind<typeof RowData> = { ...CLIENT, data: RowData };

/** The card for an import's answer. */
export function importCardOf(result: ImportAnswer, notice?: Notice): AdaptiveCardJson {
  return importAnswerCard(result, 'client', notice);
}

/** The card for a started job: its summary when it ran in the turn, its progress otherwise. */
export function startedCardOf(services: Services, result: StartResult): AdaptiveCardJson {
  if (result.kind !== 'job') return importCardOf(result);
  return jobProgressCard(result.job, { reportUrl: services.imports.reportUrl(result.job) });
}

/** import.page: picks, emails, search, paging; the selection is saved in the session. */
export function importPageAction(services: Services) {
  return pageActionFor(services, CLIENT);
}

/** The preview card, or the card of why there is none (the page with the refusal on it, the connect card). */
async function previewCardOf(services: Services, actor: StaffActor, input: ImportCardInput, notice?: Notice): Promise<AdaptiveCardJson> {
  const preview = await services.imports.preview(actor, input);
  if (preview.kind === 'preview') return importPreviewCard(preview.view, notice);
  if (preview.kind === 'refused') {
    const page = await services.imports.update(actor, { ...input, move: 'stay' });
    return importCardOf(page, { text: preview.message, tone: 'attention' });
  }
  return importCardOf(preview);
}

/** import.review: saves the card's ticks and shows what the import will do, with one confirm button. */
export function importReviewAction(services: Services) {
  return cardAction(services, ImportCardData, async ({ actor }, data) => previewCardOf(services, actor, importInput(data)));
}

/**
 * import.run: the preview's confirm button starts the import; the card becomes its summary, or its
 * progress card updated in place. A selection changed since the preview (on another card) is shown
 * again instead of imported unseen; so is an older card's button that carries no preview at all.
 */
export function importRunAction(services: Services) {
  return cardAction(services, ImportCardData, async ({ turn, actor }, data) => {
    const input = importInput(data);
    if (!data.idempotencyKey || !data.fingerprint) return previewCardOf(services, actor, input, { text: 'Nothing was imported yet: check who will be imported, then confirm.', tone: 'info' });
    const current = await services.imports.preview(actor, input);
    if (current.kind !== 'preview') return previewCardOf(services, actor, input);
    if (current.view.fingerprint !== data.fingerprint) {
      return importPreviewCard(current.view, { text: 'The selection changed since this card was shown. Nothing was imported: check it again, then confirm.', tone: 'attention' });
    }
    const notify = turn.activity.replyToId ? { reference: TurnContext.getConversationReference(turn.activity), activityId: turn.activity.replyToId } : undefined;
    const result = await services.imports.start(actor, input, data.idempotencyKey, notify);
    if (result.kind === 'refused') return previewCardOf(services, actor, input, { text: result.message, tone: 'attention' });
    return startedCardOf(services, result);
  });
}

/** import.linkForm: the row's "Link to…", and the search on that card. */
export function importLinkFormAction(services: Services) {
  return linkFormActionFor(services, ROW, (data) => ({ rowId: data.rowId, search: data.linkSearch }));
}

/** import.row: a row's own decision (link, create new, undo, use the sign-in name); the page comes back. */
export function importRowAction(services: Services) {
  return cardAction(services, RowData, async ({ actor }, data) => {
    const input = importInput(data);
    const { resolve } = data;
    const userId = data.userId ?? data.linkUserId;
    if (!resolve || (resolve === 'link' && !userId)) return importCardOf(await services.imports.update(actor, input), { text: 'Choose the portal user to link to. Nothing was changed.', tone: 'attention' });
    const decision = resolve === 'link' ? { kind: 'link' as const, userId: userId as string } : { kind: resolve };
    // A refusal is said on the page, as it is now (the row's decision kept nothing).
    return decideRow(services, ROW, actor, input, data.rowId, decision, async (message) =>
      importCardOf(await services.imports.update(actor, { ...input, rowIds: [], picks: {}, emails: {} }), { text: message, tone: 'attention' })
    );
  });
}

/** import.open: from the company pick list. */
export function importOpenAction(services: Services) {
  return cardAction(services, z.object({ companyId: Id }), async ({ actor }, data) => importCardOf(await services.imports.open(actor, data.companyId)));
}
