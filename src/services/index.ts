import type { Logger } from 'pino';
import { AuditRecorder } from '../audit/recorder';
import type { InvitationSettings } from '../config';
import type { Repositories } from '../store/repositories';
import { mspCompanyIdOf } from '../store/repositories/companies';
import { ActorService } from './actors';
import { ApprovalsChannelService } from './approvalsChannel';
import { CompanyDirectory } from './companies/directory';
import type { MailSender } from './mail';
import { PortalUserService } from './portalUsers';

export interface ServiceSettings {
  mspTenantId: string;
  /** The MSP's display name, shown on cards. */
  mspName: string;
  /** The app's public base URL: invitation links and downloads point here. */
  publicUrl: () => string;
  invitations: InvitationSettings;
  /** Embedded mode only: show invitation links on cards so a newcomer can follow them. */
  showInvitationLinks: boolean;
  /**
   * Embedded mode and tests only: accept files from http://127.0.0.1 and localhost. In production a
   * file sent in Teams is downloaded only over https.
   */
  allowLocalFileUrls: boolean;
}

/** What the services reach beyond the store. */
export interface ServiceIntegrations {
  mail: MailSender;
  logger: Logger;
  clock?: () => Date;
}

/** The one service layer that every surface (bot, tab, approval cards) calls. */
export interface Services {
  settings: ServiceSettings;
  repos: Repositories;
  clock: () => Date;
  audit: AuditRecorder;
  actors: ActorService;
  approvalsChannel: ApprovalsChannelService;
  companies: CompanyDirectory;
  portalUsers: PortalUserService;
}

export function createServices(repos: Repositories, settings: ServiceSettings, integrations: ServiceIntegrations): Services {
  const clock = integrations.clock ?? (() => new Date());
  const audit = new AuditRecorder(repos.audit, mspCompanyIdOf(repos.mspId), clock);
  return {
    settings,
    repos,
    clock,
    audit,
    actors: new ActorService(repos, settings.mspTenantId),
    approvalsChannel: new ApprovalsChannelService(repos, audit),
    companies: new CompanyDirectory(repos),
    portalUsers: new PortalUserService({
      repos,
      audit,
      mail: integrations.mail,
      clock,
      logger: integrations.logger,
      settings: {
        invitations: settings.invitations,
        publicUrl: settings.publicUrl,
        mspName: settings.mspName,
        showInvitationLinks: settings.showInvitationLinks
      }
    })
  };
}
