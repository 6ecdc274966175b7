import type { Activity } from 'botbuilder';
import { noticeCard, resultCard } from '../cards/noticeCard';
import { csvResultCard } from '../cards/csvResultCard';
import { cardAttachment } from './cardAttachment';
import { derivedId } from '../ids';
import type { CardActionContext } from './actions/cardAction';
import { forgetCsvImport, pendingCsvImport } from './pendingCsvImport';

/** How Teams delivers a file sent to a bot in personal chat. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const MAX_CSV_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 20_000;

export interface TeamsFile {
  name: string;
  downloadUrl: string;
  fileType?: string;
}

export function teamsFileOf(activity: Partial<Activity>): TeamsFile | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === TEAMS_FILE_DOWNLOAD_INFO);
  const content = attachment?.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
  if (!attachment || typeof content?.downloadUrl !== 'string') return undefined;
  return { name: attachment.name ?? 'file', downloadUrl: content.downloadUrl, fileType: typeof content.fileType === 'string' ? content.fileType : undefined };
}

/**
 * A file in personal chat: the CSV of a pending import. It is downloaded from the URL Teams gives
 * (https only, unless the app runs embedded), at most 5 MB, and imported through the service, which
 * checks the actor's rights on the company again. A Teams retry of the same message carries the same
 * activity id, so it is the same import and creates nothing twice.
 */
export async function receiveCsvFile(context: CardActionContext, file: TeamsFile): Promise<void> {
  const { turn, state, actor, services } = context;
  const reply = (card: Parameters<typeof cardAttachment>[0]) => turn.sendActivity({ attachments: [cardAttachment(card)] });
  const pending = pendingCsvImport(state, services.clock());
  if (!pending) {
    await reply(noticeCard({ title: 'Which company is this file for?', tone: 'info', message: 'Say "import csv for <company>" first, then send the file again.' }));
    return;
  }
  const isCsv = /\.csv$/i.test(file.name) || file.fileType?.toLowerCase() === 'csv';
  if (!isCsv) {
    await reply(noticeCard({ title: 'Not a CSV file', tone: 'refused', message: `"${file.name}" is not a .csv file. In Excel, use File > Save As > CSV UTF-8.` }));
    return;
  }
  const download = await downloadFile(file.downloadUrl, services.settings.allowLocalFileUrls);
  if (!download.ok) {
    await reply(noticeCard({ title: 'The file could not be read', tone: 'refused', message: download.reason }));
    return;
  }
  const result = await services.portalUsers.importCsv({
    actor,
    surface: 'bot',
    companyId: pending.companyId,
    idempotencyKey: derivedId('csv', turn.activity.id ?? file.downloadUrl),
    fileName: file.name,
    content: download.content,
    invite: pending.invite
  });
  if (result.status === 'done') {
    forgetCsvImport(state);
    await reply(csvResultCard(result.value, pending.companyId));
  } else {
    await reply(resultCard(result));
  }
}

async function downloadFile(url: string, allowLocal: boolean): Promise<{ ok: true; content: Buffer } | { ok: false; reason: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'Teams gave no usable download address for the file.' };
  }
  const local = parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost');
  if (parsed.protocol !== 'https:' && !(allowLocal && local)) {
    return { ok: false, reason: 'Files are only downloaded over https.' };
  }
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok || !response.body) return { ok: false, reason: `Downloading the file failed (HTTP ${response.status}). Send it again.` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_CSV_BYTES) return { ok: false, reason: 'The file is larger than 5 MB. Split it into smaller files.' };
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.length;
      if (size > MAX_CSV_BYTES) {
        await reader.cancel();
        return { ok: false, reason: 'The file is larger than 5 MB. Split it into smaller files.' };
      }
      chunks.push(Buffer.from(part.value));
    }
    return { ok: true, content: Buffer.concat(chunks) };
  } catch {
    return { ok: false, reason: 'Downloading the file took too long or failed. Send it again.' };
  }
}
