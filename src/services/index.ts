import type { Logger } from 'pino';
import { AuditRecorder } from '../audit/recorder';
import type { InvitationSettings } from '../config';
import type { GraphAccess } from '../graph/graphAccess';
import { JobWorker } from '../jobs/worker';
import { SyncScheduler } from '../jobs/syncScheduler';
import type { Stored } from '../store/documents';
import type { JobDoc } from '../store/repositories/jobs';
import { ConsentLinks } from './companies/consent';
import { EntraImportService } from './imports';
import { entraImportHandler } from './imports/entraImportJob';
import { entraSyncHandler } from './imports/entraSyncJob';
import type { Repositories } from '../store/repositories';
import { mspCompanyIdOf } from '../store/repositories/companies';
import { ActorService } from './actors';
import { CompanyService } from './companies';
import type { CompanyDeps } from './companies/deps';
import type { MailSender } from './mail';
import { SILENT_NOTIFICATIONS, type Notifications } from './notifications';
import { SignedTokens } from './signedTokens';
import { OperationService } from './operations';
import { operationTable } from './operations/table';
import { QueryService } from './queries';
import { queryTable } from './queries/table';
import { PortalUserService } from './portalUsers';
import { StaffService } from './staff';
import type { StaffDeps } from './staff/deps';
import type { PortalUserDeps } from './portalUsers/deps';
import { StaffIdentityBinder } from './staff/identityBinding';
import { StaffSources } from './staff/sources';
import { createPsaConnectors, type PsaConnectors } from '../psa/config';

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
  /** The multi-tenant Entra app's client id (admin-consent links); absent in embedded mode. */
  entraAppClientId?: string;
  /** Minutes between scheduled Entra syncs; 0 turns them off. */
  syncIntervalMinutes: number;
  /** Background jobs: how long a lease lasts and how often instances look for work. */
  jobs: { leaseMs: number; pollMs: number };
  /** Hours a permanent-delete request waits for approval. */
  deleteApprovalHours: number;
}

/** What the services reach beyond the store. */
export interface ServiceIntegrations {
  mail: MailSender;
  graph: GraphAccess;
  logger: Logger;
  clock?: () => Date;
  /** Keeps a job's card up to date (the bot's side). */
  onJobProgress?: (job: Stored<JobDoc>) => Promise<void>;
  /** Approval cards and personal notices (the bot's side). */
  notifications?: Notifications;
  /** The PSAs staff can be imported from; none when absent. */
  psa?: PsaConnectors;
}

/**
 * The one service layer that every surface (bot, tab, approval cards) calls: use cases only. Surfaces
 * are typed with this, so none of them can reach a repository.
 */
export interface Services {
  settings: ServiceSettings;
  clock: () => Date;
  actors: ActorService;
  companies: CompanyService;
  consent: ConsentLinks;
  portalUsers: PortalUserService;
  /** Every read-only query by id (services/queries/table.ts), checked the same way from every surface. */
  queries: QueryService;
  /** Every mutating operation by id (services/operations/table.ts), through the one pipeline. */
  operations: OperationService;
  imports: EntraImportService;
  /** The MSP's staff and their roles; staff imports from Entra ID and the PSAs. */
  staff: StaffService;
  /** Background jobs of this instance; started and stopped with the app. */
  jobs: JobWorker;
  syncScheduler: SyncScheduler;
}

/** The services with the repositories they share: for the composition root (start-up, seeding) and tests. */
export interface AppServices extends Services {
  repos: Repositories;
  /** The audit log's writer (bootstrap and seeding); surfaces record only through the services. */
  audit: AuditRecorder;
  /** What the services are built on (the deletion job, the signed tokens): for the composition root and tests. */
  deps: { companies: CompanyDeps; portalUsers: PortalUserDeps; staff: StaffDeps };
}

export function createServices(repos: Repositories, settings: ServiceSettings, integrations: ServiceIntegrations): AppServices {
  const clock = integrations.clock ?? (() => new Date());
  const audit = new AuditRecorder(repos.audit, mspCompanyIdOf(repos.mspId), clock);
  const staffBinder = new StaffIdentityBinder(repos, integrations.graph, settings.mspTenantId, audit, clock, integrations.logger);
  const actors = new ActorService(repos, settings.mspTenantId, staffBinder);
  const portalUserDeps = {
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
  };
  const tokens = new SignedTokens(repos.settings, clock);
  const consent = new ConsentLinks(repos, tokens, { publicUrl: settings.publicUrl, entraAppClientId: settings.entraAppClientId });
  const jobs = new JobWorker(repos.jobs, { ...settings.jobs, logger: integrations.logger, onProgress: integrations.onJobProgress })
    .register(entraImportHandler({ portalUsers: portalUserDeps, actors, graph: integrations.graph }))
    .register(entraSyncHandler({ portalUsers: portalUserDeps, actors, graph: integrations.graph }));
  const imports = new EntraImportService({
    repos,
    graph: integrations.graph,
    consent,
    queue: jobs,
    audit,
    clock,
    publicUrl: settings.publicUrl
  });
  const companyDeps: CompanyDeps = {
    repos,
    audit,
    clock,
    notifications: integrations.notifications ?? SILENT_NOTIFICATIONS,
    tokens,
    consent,
    graph: integrations.graph,
    jobs,
    settings: { deleteApprovalHours: settings.deleteApprovalHours, publicUrl: settings.publicUrl, mspName: settings.mspName }
  };
  const staffDeps: StaffDeps = {
    repos,
    audit,
    clock,
    logger: integrations.logger,
    graph: integrations.graph,
    mspTenantId: settings.mspTenantId,
    sources: new StaffSources(integrations.graph, settings.mspTenantId, integrations.psa ?? createPsaConnectors({})),
    binder: staffBinder
  };
  return {
    settings,
    repos,
    clock,
    audit,
    actors,
    companies: new CompanyService(companyDeps, integrations.logger),
    consent,
    portalUsers: new PortalUserService(portalUserDeps),
    operations: new OperationService({ repos, audit }, operationTable({ companies: companyDeps, portalUsers: portalUserDeps, staff: staffDeps })),
    queries: new QueryService(queryTable({ companies: companyDeps, portalUsers: portalUserDeps })),
    imports,
    staff: new StaffService(staffDeps),
    jobs,
    syncScheduler: new SyncScheduler(repos, jobs, settings.syncIntervalMinutes, integrations.logger, clock),
    deps: { companies: companyDeps, portalUsers: portalUserDeps, staff: staffDeps }
  };
}
