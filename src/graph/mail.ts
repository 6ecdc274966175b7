import type { GraphAccess } from './graphAccess';
import { toGraphError } from './errors';

export interface OutgoingMail {
  to: string;
  toName?: string;
  subject: string;
  html: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends one HTML mail from a mailbox of the MSP's own tenant (app-only, Mail.Send):
 * `POST /users/{fromMailbox}/sendMail` with `saveToSentItems: false`. Graph answers 202 with no body;
 * an unknown mailbox is 404 ErrorInvalidUser and a user without a mailbox 404
 * MailboxNotEnabledForRESTAPI, both thrown as GraphRequestError (statusCode 404, code).
 */
export async function sendMail(graph: GraphAccess, mspTenantId: string, fromMailbox: string, message: OutgoingMail): Promise<void> {
  if (!EMAIL.test(fromMailbox)) throw new Error(`Not a mailbox address: "${fromMailbox}"`);
  if (!EMAIL.test(message.to)) throw new Error(`Not an email address: "${message.to}"`);
  const body = {
    message: {
      subject: message.subject,
      body: { contentType: 'HTML', content: message.html },
      toRecipients: [{ emailAddress: message.toName ? { address: message.to, name: message.toName } : { address: message.to } }]
    },
    saveToSentItems: false
  };
  // '@' may stay as is in a path segment; anything else (a '#' or '/') is encoded.
  const mailbox = encodeURIComponent(fromMailbox).replace(/%40/g, '@');
  try {
    await graph.client(mspTenantId).api(`/users/${mailbox}/sendMail`).post(body);
  } catch (error) {
    throw toGraphError(error, mspTenantId);
  }
}
