import type { PortalUserDeps } from './deps';

/** Escapes text for HTML: every value in the mail comes from data people typed. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function acceptLink(publicUrl: string, secret: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/invite/${secret}`;
}

/**
 * Mails the invitation from the MSP's mailbox. Returns a note for the card when the mail could not be
 * sent: the invitation exists either way, and a re-invite sends a new one.
 */
export async function mailInvitation(
  deps: PortalUserDeps,
  invitee: { displayName: string; email: string },
  companyName: string,
  link: string,
  expiresAt: Date
): Promise<string | undefined> {
  const { mspName } = deps.settings;
  const until = expiresAt.toUTCString().replace(/:\d\d GMT$/, ' UTC');
  const html = [
    `<p>Hello ${escapeHtml(invitee.displayName)},</p>`,
    `<p>${escapeHtml(mspName)} invited you to the client portal of <strong>${escapeHtml(companyName)}</strong>.</p>`,
    `<p><a href="${escapeHtml(link)}">Open your invitation</a> and press <strong>Accept</strong> to get access.</p>`,
    `<p>The link works once and until ${escapeHtml(until)}. If it has expired, ask your administrator for a new invitation.</p>`,
    `<p>If you did not expect this invitation, you can ignore this email.</p>`
  ].join('\n');
  try {
    await deps.mail.send({ to: invitee.email, toName: invitee.displayName, subject: `Your invitation to the ${companyName} portal`, html });
    return undefined;
  } catch (error) {
    deps.logger.warn({ err: error, to: invitee.email }, 'invitation mail failed');
    return 'The invitation email could not be sent; use Re-invite to try again.';
  }
}
