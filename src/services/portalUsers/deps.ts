import type { Logger } from 'pino';
import type { AuditRecorder } from '../../audit/recorder';
import type { InvitationSettings } from '../../config';
import type { Repositories } from '../../store/repositories';
import type { MailSender } from '../mail';

export interface PortalUserSettings {
  invitations: InvitationSettings;
  /** Base of the invitation links, e.g. https://portal.example.com (known once the app listens). */
  publicUrl: () => string;
  mspName: string;
  /**
   * Embedded mode only: results carry the accept link so a newcomer can follow it without a mailbox.
   * Production never shows a link to anyone but the invitee's inbox.
   */
  showInvitationLinks: boolean;
}

export interface PortalUserDeps {
  repos: Repositories;
  audit: AuditRecorder;
  mail: MailSender;
  settings: PortalUserSettings;
  clock: () => Date;
  logger: Logger;
}
