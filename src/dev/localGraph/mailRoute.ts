import type { TenantStore } from './store';
import type { SentMail } from './types';
import { graphError, type Reply } from './wire';

/**
 * POST /v1.0/users/{mailbox}/sendMail: 202 and the mail recorded in `sent`; 404 ErrorInvalidUser for an
 * unknown mailbox, 404 MailboxNotEnabledForRESTAPI for a user without one, 400 for a bad message.
 */
export function sendMail(store: TenantStore, mailbox: string, body: unknown, sent: SentMail[]): Reply {
  const user = store.find(mailbox);
  if (!user) return graphError(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
  if (!user.mail) return graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  const request = (body ?? {}) as {
    message?: {
      subject?: unknown;
      body?: { contentType?: unknown; content?: unknown };
      toRecipients?: { emailAddress?: { address?: unknown; name?: unknown } }[];
    };
    saveToSentItems?: unknown;
  };
  const message = request.message;
  if (!message || typeof message !== 'object') return graphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  const to = (Array.isArray(message.toRecipients) ? message.toRecipients : []).map((r) => ({
    address: String(r?.emailAddress?.address ?? ''),
    ...(typeof r?.emailAddress?.name === 'string' ? { name: r.emailAddress.name } : {})
  }));
  if (to.length === 0 || to.some((r) => !/^[^\s@]+@[^\s@]+$/.test(r.address))) {
    return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }
  sent.push({
    tenantId: store.tenantId,
    from: user.mail,
    to,
    subject: typeof message.subject === 'string' ? message.subject : '',
    html: typeof message.body?.content === 'string' ? message.body.content : '',
    contentType: typeof message.body?.contentType === 'string' ? message.body.contentType : 'Text',
    saveToSentItems: request.saveToSentItems !== false,
    sentAt: new Date().toISOString()
  });
  return { status: 202 };
}

/** Copies of the sent mails, so that callers cannot change the record. */
export function copyMail(sent: readonly SentMail[]): SentMail[] {
  return sent.map((mail) => ({ ...mail, to: mail.to.map((r) => ({ ...r })) }));
}
