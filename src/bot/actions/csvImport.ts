import { z } from 'zod';
import { csvImportCard } from '../../cards/csvImportCard';
import { csvResultCard, HELD_INPUT_PREFIX } from '../../cards/csvResultCard';
import { noticeCard, resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { PORTAL_USER_TEMPLATE_PATH } from '../../web/routes/templates';
import type { TurnState } from '@microsoft/teams-ai';
import { expectCsvImport, forgetCsvImport, PENDING_CSV_MINUTES } from '../pendingCsvImport';
import { cardAction } from './cardAction';
import { noticeOf } from '../resultNotice';

/**
 * Arms a CSV import for a company and returns its instructions card. The service refuses here already
 * when the actor may not import there, so nobody is told to send a file that will be refused.
 */
export async function startCsvImport(services: Services, state: TurnState, actor: StaffActor, companyId: string, invite: boolean, notice?: string): Promise<AdaptiveCardJson> {
  const facts = await services.queries.run('users.csvImportFacts', actor, { companyId, invite });
  if (facts.status !== 'done') return noticeCard({ title: 'Not possible', tone: 'refused', message: facts.message });
  expectCsvImport(state, companyId, invite, services.clock());
  return csvImportCard({
    companyId,
    companyName: facts.value.companyName,
    templateUrl: `${services.settings.publicUrl().replace(/\/+$/, '')}${PORTAL_USER_TEMPLATE_PATH}`,
    invite,
    notice
  });
}

const CsvOptionsData = z.object({
  companyId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  invite: z.union([z.boolean(), z.enum(['true', 'false'])]).optional()
});

/** csv.options: saves the invite choice of the pending import. */
export function csvOptionsAction(services: Services) {
  return cardAction(services, CsvOptionsData, async ({ actor, state }, data) => {
    const invite = data.invite === true || data.invite === 'true';
    const notice = invite
      ? `Saved: everyone imported gets an invitation. Send the file within ${PENDING_CSV_MINUTES} minutes.`
      : `Saved: the people are imported without portal access; you can invite them later. Send the file within ${PENDING_CSV_MINUTES} minutes.`;
    return startCsvImport(services, state, actor, data.companyId, invite, notice);
  });
}

/** csv.cancel: forgets the pending import. */
export function csvCancelAction(services: Services) {
  return cardAction(services, CsvOptionsData, async ({ state }) => {
    forgetCsvImport(state);
    return noticeCard({ title: 'Import cancelled', tone: 'info', message: 'No file is expected any more. Say "import csv for <company>" to start again.' });
  });
}

/** The result card's button: the import (company, report token), its own key, and the held rows' toggles. */
const CreateHeldData = z
  .object({
    companyId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
    reportToken: z.string().max(100),
    idempotencyKey: z.string().uuid()
  })
  .passthrough();

/** The row numbers whose "Create … anyway" toggle is on (`held-<row>`: "true"); anything else is ignored. */
function tickedRows(data: Record<string, unknown>): number[] {
  const rows: number[] = [];
  for (const [name, value] of Object.entries(data)) {
    const row = name.startsWith(HELD_INPUT_PREFIX) ? Number(name.slice(HELD_INPUT_PREFIX.length)) : NaN;
    if (Number.isInteger(row) && row > 0 && (value === true || value === 'true')) rows.push(row);
  }
  return rows.slice(0, 100);
}

/**
 * csv.createHeld: creates the held rows (possible matches) that were ticked "Create … anyway", through
 * the service, which takes the rows from the import's report and checks the actor's rights again. The
 * result card comes back updated, with the outcome on top.
 */
export function csvCreateHeldAction(services: Services) {
  return cardAction(services, CreateHeldData, async ({ actor }, data) => {
    const result = await services.portalUsers.createHeldCsvRows({
      actor,
      surface: 'bot',
      companyId: data.companyId,
      reportToken: data.reportToken,
      rowNumbers: tickedRows(data),
      idempotencyKey: data.idempotencyKey
    });
    const summary = result.status === 'done' ? result.value : result.status === 'noop' ? result.current : undefined;
    return summary ? csvResultCard(summary, data.companyId, noticeOf(result)) : resultCard(result);
  });
}
