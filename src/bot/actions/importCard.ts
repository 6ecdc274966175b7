import type { z } from 'zod';
import { connectCompanyCard } from '../../cards/connectCompanyCard';
import { importCard } from '../../cards/importCard';
import { importLinkCard } from '../../cards/importLinkCard';
import { IMPORT_CARD_WORDS } from '../../cards/importWords';
import { noticeCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { staffSourceProblemCard } from '../../cards/staffSourceProblemCard';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { ImportAnswer, RowDecision } from '../../services/imports/engine/answer';
import type { ImportAudience, ImportCardInput } from '../../services/imports/view';
import type { ImportBrowser } from '../../services/imports/engine/browser';
import { cardAction } from './cardAction';
import { importInput, type CardFields } from './importCardInputs';

/**
 * One kind of import card (a client import's, a staff import's), for the handlers both share: its
 * audience (whose words its cards speak, cards/importWords.ts), the engine it talks to, and what its
 * buttons carry (read as the engine's input by importInput).
 */
export interface ImportCardKind<Schema extends z.ZodType<CardFields>> {
  audience: ImportAudience;
  browser(services: Services): ImportBrowser;
  data: Schema;
}

/** The card of an import's answer: its page (with a notice), the connect card, a source's problem, or a refusal. */
export function importAnswerCard(answer: ImportAnswer, audience: ImportAudience, notice?: Notice): AdaptiveCardJson {
  switch (answer.kind) {
    case 'page':
      return importCard(answer.view, notice);
    case 'notConnected':
      return connectCompanyCard(answer);
    case 'problem':
      return staffSourceProblemCard(answer.problem);
    case 'refused':
      return noticeCard({ title: IMPORT_CARD_WORDS[audience].refusedTitle, tone: 'refused', message: answer.message });
  }
}

/** `<kind>.page`: picks, emails, search, paging, choices; the selection is saved in the session. */
export function pageActionFor<Schema extends z.ZodType<CardFields>>(services: Services, kind: ImportCardKind<Schema>) {
  return cardAction(services, kind.data, async ({ actor }, data) => importAnswerCard(await kind.browser(services).update(actor, importInput(data)), kind.audience));
}

/** `<kind>.linkForm`: the card's inputs are saved, then the row's "Link to…" (searched, where the audience searches). */
export function linkFormActionFor<Schema extends z.ZodType<CardFields>>(services: Services, kind: ImportCardKind<Schema>, row: (data: z.infer<Schema>) => { rowId?: string; search?: string }) {
  return cardAction(services, kind.data, async ({ actor }, data) => {
    const { rowId, search } = row(data);
    if (!rowId) return outOfDate(kind.audience);
    const result = await kind.browser(services).linkChoices(actor, importInput(data), rowId, search ?? '');
    return 'kind' in result ? importAnswerCard(result, kind.audience) : importLinkCard(result);
  });
}

/** A row's own decision, checked by the engine; the page comes back (or what `refused` makes of a refusal). */
export async function decideRow(
  services: Services,
  kind: Pick<ImportCardKind<z.ZodType<CardFields>>, 'audience' | 'browser'>,
  actor: StaffActor,
  input: ImportCardInput,
  rowId: string,
  decision: RowDecision,
  refused?: (message: string) => Promise<AdaptiveCardJson>
): Promise<AdaptiveCardJson> {
  const result = await kind.browser(services).decide(actor, input, rowId, decision);
  if (result.kind === 'refused' && refused) return refused(result.message);
  return importAnswerCard(result, kind.audience);
}

export function outOfDate(audience: ImportAudience): AdaptiveCardJson {
  return noticeCard({ title: 'This card is out of date', tone: 'warning', message: `Nothing was changed. ${IMPORT_CARD_WORDS[audience].outOfDate}` });
}
