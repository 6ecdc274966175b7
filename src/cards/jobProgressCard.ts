import { SKIP_REASONS, type SkipReason } from '../domain/entraImport';
import type { EntraImportCursor } from '../services/imports/entraImportJob';
import type { EntraSyncCursor } from '../services/imports/entraSyncJob';
import type { JobView } from '../services/published';
import { cardTime } from './localTime';
import { namesLine } from './namesLine';
import { renderCard, type AdaptiveCardJson } from './render';
import { CARD_VERBS } from './verbs';

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const SYNC_CHANGE_TITLE = { disabled: 'Lost portal access', updated: 'Updated', flagged: 'Back in Entra ID' } as const;

/**
 * The people a sync found back in Entra ID: the first few by name ("and N more"), and the button to the
 * users list of those waiting to be enabled.
 */
function backInEntra(companyId: string, names: readonly string[], count: number) {
  if (count <= 0) return undefined;
  return {
    title: `Back in Entra ID (${count}): can be enabled again`,
    names: names.length ? namesLine(names, count) : `${count} ${count === 1 ? 'person' : 'people'}`,
    hint: `${count === 1 ? 'Their Entra account is' : 'Their Entra accounts are'} active again; they stay disabled here until someone enables them.`,
    data: { view: { companyId, category: 'backInEntra' } }
  };
}

/**
 * The card of a background import or sync: progress while it runs (done of total, rate), then the
 * summary: who was imported (the first few by name; the CSV lists everyone) or, for a sync, how many
 * people it checked and who changed, with every reason for skipping. State is said in words; colour
 * only for a failure (Attention), never light green or yellow text.
 */
export function jobProgressCard(job: JobView, links: { reportUrl?: string }): AdaptiveCardJson {
  const params = job.params as { companyName: string };
  const { progress } = job;
  const isImport = job.kind === 'entraImport';
  const started = Date.parse(job.startedAt ?? job.createdAt);
  const elapsed = (job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - started;
  const rate = progress.done && elapsed > 0 ? Math.round((progress.done / elapsed) * 1000) : 0;
  const running = isImport
    ? `${progress.done}${progress.total !== undefined ? ` of ${progress.total}` : ''} people${rate ? ` (${rate} per second)` : ''}`
    : `${progress.done} ${progress.done === 1 ? 'change' : 'changes'} read from Microsoft Entra ID so far`;
  const status =
    job.state === 'done'
      ? `Done in ${duration(elapsed)}. ${job.message ?? ''}`.trim()
      : job.state === 'failed'
        ? `Stopped: ${job.message ?? 'an error.'}`
        : job.state === 'queued' && job.notBefore
          ? `Paused: Microsoft 365 asked to wait; continues at {{TIME(${cardTime(job.notBefore)})}}.`
          : `${job.state === 'queued' ? 'Waiting to start' : 'Running'}: ${running}`;
  const skipped = Object.values(progress.skipped).reduce((a, b) => a + b, 0);
  const done = job.state === 'done';
  let facts: [string, number][];
  let named: { title: string; text: string }[] = [];
  let back: { title: string; names: string; hint: string; data: unknown } | undefined;
  if (isImport) {
    facts = [
      ['Created', progress.created],
      ['Linked to existing users', progress.linked],
      ['Updated', progress.updated],
      ['Unchanged', progress.unchanged],
      ['Invited', progress.invited],
      ['Skipped', skipped],
      ['Failed', progress.failed]
    ];
    const names = (job.cursor as EntraImportCursor | undefined)?.named ?? {};
    const outcomes = [
      ['Imported', names.created ?? [], progress.created],
      ['Linked', names.linked ?? [], progress.linked],
      ['Updated from Entra ID', names.updated ?? [], progress.updated]
    ] as const;
    named = outcomes.filter(([, list]) => list.length > 0).map(([title, list, count]) => ({ title, text: namesLine([...list], count) }));
  } else {
    const cursor = (job.cursor as EntraSyncCursor | undefined) ?? { page: 0 };
    facts = [
      ['Checked', progress.total ?? progress.done],
      ...(cursor.linked !== undefined ? ([['Linked portal users', cursor.linked]] as [string, number][]) : []),
      ['Updated', progress.updated],
      ['Lost portal access', progress.disabled],
      ['Back in Entra ID (can be enabled)', progress.flagged],
      ['Failed', progress.failed]
    ];
    const changes = cursor.changes ?? [];
    // The people back in Entra ID have a part of their own (below); the others are named here.
    const total = progress.updated + progress.disabled;
    named = changes.map((change) => ({ title: SYNC_CHANGE_TITLE[change.change], text: change.detail ? `${change.name}: ${change.detail}` : change.name }));
    if (total > changes.length) named.push({ title: 'And more', text: `${total - changes.length} more in the company's history` });
    back = backInEntra(job.companyId, cursor.back ?? [], progress.flagged);
  }
  return renderCard('jobProgress', {
    title: `${isImport ? 'Import from Microsoft Entra ID' : 'Sync with Microsoft Entra ID'}: ${params.companyName}`,
    status,
    statusColor: job.state === 'failed' ? 'Attention' : 'Default',
    facts: facts.map(([title, value]) => ({ title, value: String(value) })),
    named: done ? named : [],
    back: done ? back : undefined,
    namedTitle: isImport ? (links.reportUrl ? 'Who (everyone is in the CSV)' : 'Who') : 'What changed',
    reasons: Object.entries(progress.skipped).map(([reason, n]) => `${n} \u00d7 ${SKIP_REASONS[reason as SkipReason] ?? reason}`),
    links: done && links.reportUrl ? [{ title: 'Download the full list (CSV)', url: links.reportUrl }] : [],
    buttons: done ? [{ title: 'Show the users', verb: CARD_VERBS.users.show, data: { view: { companyId: job.companyId, category: isImport ? 'noAccess' : 'disabled' } } }] : []
  });
}
