import { app, authentication } from '@microsoft/teams-js';

/** The consent pop-up's last page: tells the tab whether consent was given, then Teams closes the pop-up. */
async function end(): Promise<void> {
  await app.initialize().catch(() => undefined);
  const query = new URLSearchParams(location.search);
  const expected = sessionStorage.getItem('tab.authState');
  sessionStorage.removeItem('tab.authState');
  const error = query.get('error');
  if (error) authentication.notifyFailure(query.get('error_description') ?? error);
  else if (!expected || query.get('state') !== expected) authentication.notifyFailure('The sign-in answer does not match the request. Try again.');
  else authentication.notifySuccess('consented');
  document.body.textContent = 'You can close this window.';
}

void end();
