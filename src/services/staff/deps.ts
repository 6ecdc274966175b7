import type { Logger } from 'pino';
import type { AuditRecorder } from '../../audit/recorder';
import type { GraphAccess } from '../../graph/graphAccess';
import type { Repositories } from '../../store/repositories';
import type { StaffIdentityBinder } from './identityBinding';
import type { StaffSources } from './sources';

/** What the staff services reach. */
export interface StaffDeps {
  repos: Repositories;
  audit: AuditRecorder;
  clock: () => Date;
  logger: Logger;
  graph: GraphAccess;
  mspTenantId: string;
  sources: StaffSources;
  binder: StaffIdentityBinder;
}
