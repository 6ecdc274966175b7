import type { Store } from '../cosmos';
import { AuditRepository } from './audit';
import { BotStateStorage } from './botStateStorage';
import { CompanyRepository } from './companies';
import { CompanyDataRepository } from './companyData';
import { AdminGuardRepository } from './adminGuard';
import { UserStatsRepository } from './userStats';
import { ImportReportRepository } from './importReports';
import { ImportSessionRepository } from './importSessions';
import { JobRepository } from './jobs';
import { MspSettingsRepository } from './mspSettings';
import { SyncStateRepository } from './syncStates';
import { InvitationBudgetRepository } from './invitationBudget';
import { InvitationLinkRepository } from './invitationLinks';
import { ConversationRepository } from './conversations';
import { LookupRepository } from './lookups';
import { PortalUserRepository } from './portalUsers';
import { RecordRepository } from './records';
import { StaffRepository } from './staff';
import { SuperAdminGuardRepository } from './superAdminGuard';

/** Every repository, scoped to one MSP: nothing built from these can read another MSP's data. */
export interface Repositories {
  mspId: string;
  settings: MspSettingsRepository;
  companies: CompanyRepository;
  companyData: CompanyDataRepository;
  portalUsers: PortalUserRepository;
  invitationLinks: InvitationLinkRepository;
  importReports: ImportReportRepository;
  /** Import cards' sessions, of client imports and staff imports alike. */
  importSessions: ImportSessionRepository;
  jobs: JobRepository;
  syncStates: SyncStateRepository;
  userStats: UserStatsRepository;
  invitationBudget: InvitationBudgetRepository;
  adminGuard: AdminGuardRepository;
  records: RecordRepository;
  staff: StaffRepository;
  /** The last-Super-Admin rule across staff documents. */
  superAdminGuard: SuperAdminGuardRepository;
  audit: AuditRepository;
  lookups: LookupRepository;
  conversations: ConversationRepository;
  botState: BotStateStorage;
}

export function createRepositories(store: Store, mspId: string): Repositories {
  const lookups = new LookupRepository(store.container('lookups'), mspId);
  const userStats = new UserStatsRepository(store.container('portalUsers'), mspId);
  const staff = new StaffRepository(store.container('staff'), lookups, mspId);
  return {
    mspId,
    settings: new MspSettingsRepository(store.container('botState'), mspId),
    lookups,
    companies: new CompanyRepository(store.container('companies'), lookups, mspId),
    companyData: new CompanyDataRepository(store.container('portalUsers'), store.container('jobs'), mspId),
    portalUsers: new PortalUserRepository(store.container('portalUsers'), lookups, userStats, mspId),
    userStats,
    invitationBudget: new InvitationBudgetRepository(store.container('portalUsers'), mspId),
    adminGuard: new AdminGuardRepository(store.container('portalUsers'), mspId),
    invitationLinks: new InvitationLinkRepository(store.container('lookups'), lookups, mspId),
    importReports: new ImportReportRepository(store.container('jobs'), mspId),
    importSessions: new ImportSessionRepository(store.container('jobs'), mspId),
    jobs: new JobRepository(store.container('jobs'), mspId),
    syncStates: new SyncStateRepository(store.container('jobs'), mspId),
    records: new RecordRepository(store.container('records'), mspId),
    staff,
    superAdminGuard: new SuperAdminGuardRepository(store.container('staff'), staff, mspId),
    audit: new AuditRepository(store.container('audit'), mspId),
    conversations: new ConversationRepository(store.container('botState'), mspId),
    botState: new BotStateStorage(store.container('botState'), mspId)
  };
}
