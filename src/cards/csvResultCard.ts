import type { CsvImportSummary } from '../services/portalUsers/importCsv';
import { namesLine } from './namesLine';
import { renderCard, type AdaptiveCardJson } from './render';
import { groupByReason } from './rowGroups';

/** Teams refuses cards above about 28 KB; reasons are cut short well before that. */
const MAX_REASON_CHARACTERS = 16_000;

/** The result of a CSV import: counts, then every skipped or failed row with its number and reason. */
export function csvResultCard(summary: CsvImportSummary, companyId: string): AdaptiveCardJson {
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
    { title: 'Failed', value: String(summary.failed.length) }
  ];
  return renderCard('csvResult', {
    companyName: summary.companyName,
    fileName: summary.fileName,
    rows: summary.rows,
    createdLine: summary.created ? `Created: ${namesLine(summary.createdNames, summary.created)}.` : undefined,
    counts,
    groups: groups.filter((group) => group.lines.length),
    truncated: cut ? `${cut} more reasons are in the full report.` : undefined,
    reportUrl: summary.reportUrl,
    usersData: { view: { companyId, category: 'noAccess' } }
  });
}
