import { AuditRecorder } from '../audit/recorder';
import type { Repositories } from '../store/repositories';
import { mspCompanyIdOf } from '../store/repositories/companies';
import { ActorService } from './actors';
import { ApprovalsChannelService } from './approvalsChannel';

export interface ServiceSettings {
  mspTenantId: string;
  /** The MSP's display name, shown on cards. */
  mspName: string;
}

/** The one service layer that every surface (bot, tab, approval cards) calls. */
export interface Services {
  settings: ServiceSettings;
  repos: Repositories;
  audit: AuditRecorder;
  actors: ActorService;
  approvalsChannel: ApprovalsChannelService;
}

export function createServices(repos: Repositories, settings: ServiceSettings): Services {
  const audit = new AuditRecorder(repos.audit, mspCompanyIdOf(repos.mspId));
  return {
    settings,
    repos,
    audit,
    actors: new ActorService(repos, settings.mspTenantId),
    approvalsChannel: new ApprovalsChannelService(repos, audit)
  };
}
