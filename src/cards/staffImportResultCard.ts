import type { StaffImportRunResult } from '../services/staff';
import type { StaffImportSummaryRow } from '../services/published';
import { namesLine } from './namesLine';
import { renderCard, type AdaptiveCardJson } from './render';

const SHOWN_ROWS = 30;

/** Each outcome in words; colour only for what went wrong, in the red every Teams theme keeps legible. */
const OUTCOME: Record<StaffImportSummaryRow['outcome'], { text: string; color: string }> = {
  created: { text: 'Added to the staff', color: 'Default' },
  linked: { text: 'Linked', color: 'Default' },
  updated: { text: 'Updated', color: 'Default' },
  unchanged: { text: 'Unchanged', color: 'Default' },
  skipped: { text: 'Skipped', color: 'Attention' },
  failed: { text: 'Failed', color: 'Attention' }
};

/** How many names the summary's first sentence gives (everyone is in the rows below, up to SHOWN_ROWS). */
const NAMED = 5;

function namesOf(rows: StaffImportSummaryRow[], count: number): string {
  return namesLine(rows.map((row) => row.name), count, NAMED);
}

/** The summary of a staff import: counts, and each person with what happened and why. */
export function staffImportResultCard(result: Extract<StaffImportRunResult, { kind: 'done' }>): AdaptiveCardJson {
  const { summary } = result;
  const total = summary.created + summary.linked + summary.updated + summary.unchanged + summary.skipped + summary.failed;
  const changed = summary.created + summary.linked + summary.updated;
  const line = [
    `${summary.created} created`,
    `${summary.linked} linked`,
    `${summary.updated} updated`,
    `${summary.unchanged} unchanged`,
    `${summary.skipped} skipped`,
    `${summary.failed} failed`
  ].join(' \u00b7 ');
  const rows = summary.rows.slice(0, SHOWN_ROWS).map((row) => ({
    name: row.email ? `${row.name} (${row.email})` : row.name,
    line: row.reason ? `${OUTCOME[row.outcome].text}: ${row.reason}` : OUTCOME[row.outcome].text,
    color: OUTCOME[row.outcome].color
  }));
  const created = summary.rows.filter((row) => row.outcome === 'created');
  const linked = summary.rows.filter((row) => row.outcome === 'linked');
  const said = [
    summary.created ? `Added to the staff: ${namesOf(created, summary.created)}.` : '',
    summary.linked ? `Linked to existing staff: ${namesOf(linked, summary.linked)}.` : '',
    changed ? '' : 'Nobody was added or changed.'
  ]
    .filter(Boolean)
    .join(' ');
  return renderCard('staffImportResult', {
    sourceLabel: result.sourceLabel,
    outcome: summary.failed ? 'done, with failures' : changed ? 'done' : 'nothing changed',
    titleColor: summary.failed ? 'Attention' : 'Default',
    summary: `${said} ${line}.${result.replayed ? ' (This import was done already; here is its summary again.)' : ''}`,
    facts: [
      { title: 'People', value: String(total) },
      { title: 'Linked to their Microsoft account now', value: String(summary.boundNow) },
      { title: 'New staff take their role', value: 'from their first message (people not linked yet are linked by email then)' }
    ],
    rows,
    more: summary.rows.length > SHOWN_ROWS ? `and ${summary.rows.length - SHOWN_ROWS} more (see the staff list)` : undefined,
    backData: { sessionId: result.sessionId, rowIds: [], move: 'stay' }
  });
}
