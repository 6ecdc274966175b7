import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { connectCompanyCard } from '../../cards/connectCompanyCard';
import { EMAIL_PREFIX, entraImportCard, PICK_PREFIX } from '../../cards/entraImportCard';
import { jobProgressCard } from '../../cards/jobProgressCard';
import { noticeCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Notice } from '../../cards/usersView';
import type { Services } from '../../services';
import type { ImportCard, ImportCardInput } from '../../services/imports/importBrowser';
import type { StartResult } from '../../services/imports';
import { cardAction } from './cardAction';
import { shownRowInputs, truthy } from './importCardInputs';

const Id = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);

/** What every import-card action carries; the card's inputs come alongside, read by prefix below. */
export const ImportCardData = z
  .object({
    companyId: Id,
    sessionId: z.string().uuid(),
    rowIds: z.array(z.string().max(80)).max(50),
    autoPicked: z.array(z.string().max(80)).max(50).optional(),
    move: z.enum(['stay', 'next', 'previous', 'search']),
    idempotencyKey: z.string().uuid().optional(),
    role: z.string().max(50).optional(),
    invite: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    allUnlinked: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    search: z.string().max(100).optional()
  })
  .passthrough();

/** The card's inputs for the rows it showed: `pick_<id>` toggles and `email_<id>` fields. */
export function importInput(data: z.infer<typeof ImportCardData>): ImportCardInput {
  const { picks, emails } = shownRowInputs(data as Record<string, unknown>, data.rowIds, { pick: PICK_PREFIX, email: EMAIL_PREFIX });
  return {
    companyId: data.companyId,
    sessionId: data.sessionId,
    move: data.move,
    rowIds: data.rowIds,
    autoPicked: data.autoPicked,
    picks,
    emails,
    role: data.role,
    invite: data.invite === undefined ? undefined : truthy(data.invite),
    allUnlinked: data.allUnlinked === undefined ? undefined : truthy(data.allUnlinked),
    search: data.search
  };
}

/** The card for an import card result. */
export function importCardOf(result: ImportCard, notice?: Notice): AdaptiveCardJson {
  switch (result.kind) {
    case 'page':
      return entraImportCard(result.view, notice);
    case 'notConnected':
      return connectCompanyCard(result);
    case 'refused':
      return noticeCard({ title: 'Not possible', tone: 'refused', message: result.message });
  }
}

/** The card for a started job: its summary when it ran in the turn, its progress otherwise. */
export function startedCardOf(services: Services, result: StartResult): AdaptiveCardJson {
  if (result.kind !== 'job') return importCardOf(result);
  return jobProgressCard(result.job, { reportUrl: services.imports.reportUrl(result.job) });
}

/** import.page: picks, emails, search, paging; the selection is saved in the session. */
export function importPageAction(services: Services) {
  return cardAction(services, ImportCardData, async ({ actor }, data) => importCardOf(await services.imports.update(actor, importInput(data))));
}

/** import.run: starts the import; the card becomes its progress card, updated in place. */
export function importRunAction(services: Services) {
  return cardAction(services, ImportCardData, async ({ turn, actor }, data) => {
    if (!data.idempotencyKey) return noticeCard({ title: 'This card is out of date', tone: 'warning', message: 'Nothing was imported. Say "import users for <company>" again.' });
    const notify = turn.activity.replyToId ? { reference: TurnContext.getConversationReference(turn.activity), activityId: turn.activity.replyToId } : undefined;
    const result = await services.imports.start(actor, importInput(data), data.idempotencyKey, notify);
    if (result.kind === 'refused') {
      const page = await services.imports.update(actor, { ...importInput(data), move: 'stay' });
      return importCardOf(page, { text: result.message, tone: 'attention' });
    }
    return startedCardOf(services, result);
  });
}

/** import.open: from the company pick list. */
export function importOpenAction(services: Services) {
  return cardAction(services, z.object({ companyId: Id }), async ({ actor }, data) => importCardOf(await services.imports.open(actor, data.companyId)));
}
