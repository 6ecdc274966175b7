import { randomUUID } from 'node:crypto';
import type { CsvImportSummary } from '../services/portalUsers/importCsv';
import { namesLine } from './namesLine';
import type { Notice } from './usersView';
import { renderCard, type AdaptiveCardJson } from './render';
import { groupByReason } from './rowGroups';

/** Teams refuses cards above about 28 KB; reasons are cut short well before that. */
const MAX_REASON_CHARACTERS = 16_000;

/** The prefix of a held row's toggle id on the card: `held-<row number>`. */
export const HELD_INPUT_PREFIX = 'held-';

const NOTICE_STYLES: Record<Notice['tone'], string> = { good: 'good', info: 'emphasis', warning: 'warning', attention: 'attention' };

/**
 * The result of a CSV import: counts, the rows held as possible matches (each with a "create anyway"
 * toggle, none ticked, and one button for the ticked), then every skipped or failed row with its
 * number and reason. `notice` is the answer to that button.
 */
export function csvResultCard(summary: CsvImportSummary, companyId: string, notice?: Notice): AdaptiveCardJson {
  const groups = [
    { heading: `Failed (${summary.failed.length}): nothing was written for these rows`, color: 'Attention', lines: groupByReason(summary.failed) },
    { heading: `Skipped (${summary.skipped.length})`, color: 'Default', lines: groupByReason(summary.skipped) },
    { heading: `Created but not invited (${summary.notInvited.length})`, color: 'Default', lines: groupByReason(summary.notInvited) }
  ].filter((group) => group.lines.length);

  let budget = MAX_REASON_CHARACTERS;
  let cut = 0;
  for (const group of groups) {
    const kept: string[] = [];
    for (const line of group.lines) {
      if (budget - line.length < 0) {
        cut++;
        continue;
      }
      budget -= line.length;
      kept.push(line);
    }
    group.lines = kept;
  }
  const counts = [
    { title: 'Created', value: String(summary.created) },
    ...(summary.invited || summary.notInvited.length ? [{ title: 'Invited', value: String(summary.invited) }] : []),
    { title: 'Skipped', value: String(summary.skipped.length) },
    { title: 'Failed', value: String(summary.failed.length) },
    ...(summary.heldCount ? [{ title: 'Held (possible matches)', value: String(summary.heldCount) }] : [])
  ];
  const more = summary.heldCount - summary.held.length;
  return renderCard('csvResult', {
    companyName: summary.companyName,
    fileName: summary.fileName,
    rows: summary.rows,
    createdLine: summary.created ? `Created: ${namesLine(summary.createdNames, summary.created)}.` : undefined,
    notice: notice?.text,
    noticeStyle: notice ? NOTICE_STYLES[notice.tone] : undefined,
    counts,
    heldHeading: summary.heldCount ? `Possible matches held (${summary.heldCount}): not created` : undefined,
    heldIntro: `These rows look like people ${summary.companyName} already has (or an earlier row of the file). Tick those who are someone else, then press Create the ticked people.`,
    held: summary.held.map((row) => ({
      line: `Row ${row.rowNumber}: ${row.name ?? ''}${row.email ? ` (${row.email})` : ''}. ${row.reason}`,
      inputId: `${HELD_INPUT_PREFIX}${row.rowNumber}`,
      toggleTitle: `Create ${row.name ?? row.email ?? `row ${row.rowNumber}`} anyway`
    })),
    heldMore: more > 0 ? `${more} more ${more === 1 ? 'possible match is' : 'possible matches are'} held but not listed here: see the full report, and send those rows again in a smaller file to choose.` : undefined,
    heldData: { companyId, reportToken: summary.reportToken, idempotencyKey: randomUUID() },
    groups: groups.filter((group) => group.lines.length),
    truncated: cut ? `${cut} more reasons are in the full report.` : undefined,
    reportUrl: summary.reportUrl,
    usersData: { view: { companyId, category: 'noAccess' } }
  });
}
