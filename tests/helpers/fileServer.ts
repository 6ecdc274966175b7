import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves files from memory on 127.0.0.1, standing in for the SharePoint download URL Teams gives a bot. */
export async function startFileServer(): Promise<{ url(name: string): string; put(name: string, content: Buffer | string): void; downloads: string[]; close(): Promise<void> }> {
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    downloads.push(name);
    const content = files.get(name);
    // restify, loaded in this process, patches ServerResponse#writeHead so that it no longer returns `this`.
    if (!content) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length });
    res.end(content);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    put: (name, content) => files.set(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')),
    downloads,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
