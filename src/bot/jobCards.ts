import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { jobProgressCard } from '../cards/jobProgressCard';
import { cardAttachment } from './cardAttachment';
import { botReference } from './references';
import type { JobView } from '../services/published';

/** Progress is shown at most this often; the last state always. */
const MIN_INTERVAL_MS = 2000;

/**
 * Keeps a background job's card up to date in place: the worker calls `update` after every commit, and
 * the card is replaced (updateActivity) through the bot's own conversation reference. Whichever
 * instance runs the job can do it: the reference is stored with the job.
 */
export function createJobCardNotifier(adapter: TeamsAdapter, botAppId: string | undefined, logger: Logger, reportUrl: (job: JobView) => string | undefined) {
  const lastShown = new Map<string, number>();
  return {
    async update(job: JobView): Promise<void> {
      if (!job.notify) return;
      const finished = job.state === 'done' || job.state === 'failed' || (job.state === 'queued' && Boolean(job.notBefore));
      const now = Date.now();
      if (!finished && now - (lastShown.get(job.id) ?? 0) < MIN_INTERVAL_MS) return;
      lastShown.set(job.id, now);
      if (finished) lastShown.delete(job.id);
      const card = jobProgressCard(job, { reportUrl: reportUrl(job) });
      const { activityId } = job.notify;
      const reference = botReference(job.notify.reference);
      try {
        await adapter.continueConversationAsync(botAppId ?? '', reference, async (context) => {
          await context.updateActivity({ type: 'message', id: activityId, conversation: reference.conversation, attachments: [cardAttachment(card)] });
        });
      } catch (error) {
        logger.warn({ err: error, jobId: job.id }, 'could not update the job card');
      }
    }
  };
}
