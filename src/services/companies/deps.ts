import type { AuditRecorder } from '../../audit/recorder';
import type { GraphAccess } from '../../graph/graphAccess';
import type { JobWorker } from '../../jobs/worker';
import type { Repositories } from '../../store/repositories';
import type { Notifications } from '../notifications';
import type { SignedTokens } from '../signedTokens';
import type { ConsentLinks } from './consent';

export interface CompanySettings {
  /** Hours a permanent-delete request waits for approval. */
  deleteApprovalHours: number;
  /** The app's public base URL (export links). */
  publicUrl: () => string;
  mspName: string;
}

/** What the company services reach. */
export interface CompanyDeps {
  repos: Repositories;
  audit: AuditRecorder;
  clock: () => Date;
  notifications: Notifications;
  tokens: SignedTokens;
  consent: ConsentLinks;
  graph: GraphAccess;
  jobs: JobWorker;
  settings: CompanySettings;
}
