import type { Response } from 'restify';
import { escapeHtml } from '../services/portalUsers/invitationMail';

/**
 * A small server-rendered page. Every value is escaped; the headers keep the page out of frames and
 * caches, and `Referrer-Policy: no-referrer` keeps a secret in the URL from leaking to other sites.
 */
export function sendPage(res: Response, status: number, page: { title: string; body: string }): void {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f5f5f5; color: #242424; margin: 0; }
  main { max-width: 32rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  button { font: inherit; font-weight: 600; background: #5b5fc7; color: #fff; border: 0; border-radius: 4px; padding: .6rem 1.4rem; cursor: pointer; }
  button:focus-visible { outline: 3px solid #242424; outline-offset: 2px; }
  .muted { color: #616161; font-size: .9rem; }
  @media (prefers-color-scheme: dark) { body { background: #1f1f1f; color: #fff; } main { background: #292929; } .muted { color: #adadad; } }
</style>
</head>
<body><main>${page.body}</main></body>
</html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  });
  res.end(html);
}
