import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../../../paths';
import { escapeHtml as e } from '../../../services/portalUsers/invitationMail';

/** Where `npm run build` (scripts/buildTab.ts) writes the tab's bundle. */
export const TAB_BUNDLE_DIR = path.join(PROJECT_ROOT, 'dist', 'tab');

/**
 * The hosts allowed to frame the tab, and no others (not even this app itself): Teams, Outlook and
 * Microsoft 365 on the web, old and new (*.cloud.microsoft) domains, as Microsoft's tab requirements list them.
 */
export const TAB_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com'
];

/**
 * The tab's pages run only this app's own scripts and talk only to this app. Inline styles are allowed:
 * Fluent UI (Griffel) and the Adaptive Cards renderer style elements at run time.
 */
export const TAB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js reads its list of valid Teams origins from Microsoft's CDN (it falls back to a built-in list).
  "connect-src 'self' https://res.cdn.office.net",
  "form-action 'self'",
  "base-uri 'none'",
  `frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`
].join('; ');

/** What the browser needs to know before it signs in; nothing secret. */
export interface TabPageConfig {
  mspName: string;
  /** The Entra app's client id and Application ID URI, for the consent pop-up. */
  clientId: string;
  appIdUri: string;
  /** Embedded mode only: the development sign-in page exists. */
  devSignIn: boolean;
}

const SHELLS = {
  '/tab': { title: 'Portal users', script: 'tab.js' },
  '/tab/auth-start': { title: 'Signing in…', script: 'authStart.js' },
  '/tab/auth-end': { title: 'Signed in', script: 'authEnd.js' }
} as const;

function shell(title: string, script: string, config: TabPageConfig): string {
  // JSON in a non-executed script element; '<' escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<script type="application/json" id="tab-config">${json}</script>
<script src="/tab/assets/${script}" defer></script>
</head>
<body><div id="root"></div><noscript>This page needs JavaScript.</noscript></body>
</html>`;
}

const HEADERS = {
  'Content-Security-Policy': TAB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
};

/**
 * GET /tab (the React app), /tab/auth-start and /tab/auth-end (the consent pop-up of Teams single
 * sign-on), and /tab/assets/* (the bundle built by `npm run build`).
 */
export function registerTabPages(server: Server, config: () => TabPageConfig): void {
  for (const [route, page] of Object.entries(SHELLS)) {
    server.get(route, async (_req: Request, res: Response) => {
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(shell(page.title, page.script, config()));
    });
  }
  server.get('/tab/assets/:file', async (req: Request, res: Response) => {
    const file = String(req.params?.file ?? '');
    const type = /^[A-Za-z0-9-]+\.js$/.test(file) ? 'text/javascript; charset=utf-8' : /^[A-Za-z0-9-]+\.css$/.test(file) ? 'text/css; charset=utf-8' : undefined;
    let content: Buffer | undefined;
    if (type) content = await readFile(path.join(TAB_BUNDLE_DIR, file)).catch(() => undefined);
    if (!content) {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(type ? 'The tab is not built: run npm run build.' : 'Not found.');
      return;
    }
    res.writeHead(200, { ...HEADERS, 'Content-Type': type!, 'Cache-Control': 'no-cache' });
    res.end(content);
  });
}
