import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'send' | 'reply' | 'update';
  conversationId: string;
  activityId?: string;
  activity: { id?: string; type?: string; attachments?: { contentType: string; content: unknown }[] };
}

/**
 * A local Bot Connector service: what a bot's replies and card updates are sent to (the activity's
 * serviceUrl). It records sends and in-place updates so tests can follow a card as a job updates it,
 * and answers member look-ups (`GET /v3/conversations/{id}/members/{Entra object id}`) for `members`.
 */
export async function startLocalConnector(members: Record<string, { id: string; name: string }> = {}): Promise<{ serviceUrl: string; calls: ConnectorCall[]; updatesOf(activityId: string): ConnectorCall[]; waitFor(check: () => boolean, timeoutMs?: number): Promise<void>; close(): Promise<void> }> {
  const calls: ConnectorCall[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec((req.url ?? '').split('?')[0]);
      if (req.method === 'GET' && member) {
        const found = members[decodeURIComponent(member[1])];
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ? { ...found, aadObjectId: decodeURIComponent(member[1]) } : { error: { code: 'MemberNotFoundInConversation' } }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec((req.url ?? '').split('?')[0]);
      if (!match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
      const activity = body ? JSON.parse(body) : {};
      const method = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
      const id = method === 'update' ? activityId : randomUUID();
      calls.push({ method, conversationId, activityId: method === 'update' ? activityId : id, activity });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    updatesOf: (activityId) => calls.filter((call) => call.method === 'update' && call.activityId === activityId),
    async waitFor(check, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error('timed out waiting for the connector');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
