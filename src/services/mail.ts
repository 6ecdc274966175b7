/** Sends one email from the MSP's mailbox (Microsoft Graph sendMail in production). */
export interface MailSender {
  send(message: { to: string; toName?: string; subject: string; html: string }): Promise<void>;
}
