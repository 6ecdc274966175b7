import { SKIP_REASONS, type SkipReason } from '../domain/entraImport';
import type { Stored } from '../store/documents';
import type { JobDoc } from '../store/repositories/jobs';
import { renderCard, type AdaptiveCardJson } from './render';

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The card of a background import or sync: progress while it runs (done of total, rate), then the
 * summary with every reason for skipping, and the full per-person list to download.
 */
export function jobProgressCard(job: Stored<JobDoc>, links: { reportUrl?: string }): AdaptiveCardJson {
  const params = job.params as { companyName: string };
  const { progress } = job;
  const isImport = job.kind === 'entraImport';
  const started = Date.parse(job.startedAt ?? job.createdAt);
  const elapsed = (job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - started;
  const rate = progress.done && elapsed > 0 ? Math.round((progress.done / elapsed) * 1000) : 0;
  const status =
    job.state === 'done'
      ? `Done in ${duration(elapsed)}. ${job.message ?? ''}`.trim()
      : job.state === 'failed'
        ? `Stopped: ${job.message ?? 'an error'}`
        : job.state === 'queued' && job.notBefore
          ? `Paused: Microsoft 365 asked to wait; continues at ${job.notBefore.slice(11, 16)} UTC.`
          : `${job.state === 'queued' ? 'Waiting to start' : 'Running'}: ${progress.done}${progress.total !== undefined ? ` of ${progress.total}` : ''} people${rate ? ` (${rate} per second)` : ''}`;
  const skipped = Object.values(progress.skipped).reduce((a, b) => a + b, 0);
  const facts = isImport
    ? [
        ['Created', progress.created],
        ['Linked to existing users', progress.linked],
        ['Updated', progress.updated],
        ['Unchanged', progress.unchanged],
        ['Invited', progress.invited],
        ['Skipped', skipped],
        ['Failed', progress.failed]
      ]
    : [
        ['Checked', progress.done],
        ['Updated', progress.updated],
        ['Lost portal access', progress.disabled],
        ['Back in Entra ID (can be enabled)', progress.flagged],
        ['Failed', progress.failed]
      ];
  const done = job.state === 'done';
  return renderCard('jobProgress', {
    title: `${isImport ? 'Import from Microsoft Entra ID' : 'Sync with Microsoft Entra ID'}: ${params.companyName}`,
    status,
    statusColor: job.state === 'failed' ? 'Attention' : done ? 'Good' : 'Default',
    facts: facts.map(([title, value]) => ({ title: String(title), value: String(value) })),
    reasons: Object.entries(progress.skipped).map(([reason, n]) => `${n} \u00d7 ${SKIP_REASONS[reason as SkipReason] ?? reason}`),
    links: done && links.reportUrl ? [{ title: 'Download the full list (CSV)', url: links.reportUrl }] : [],
    buttons: done ? [{ title: 'Show the users', verb: 'users.show', data: { view: { companyId: job.companyId, category: isImport ? 'noAccess' : 'disabled' } } }] : []
  });
}
