export { startLocalGraph, type LocalGraph, type LocalGraphOptions } from './server';
export type { LocalTenantControl } from './store';
export { SyntheticUsers } from './synthetic';
export { SeededUsers, syntheticTenant, type SyntheticTenantOptions } from './syntheticTenant';
export { mutateTenant, type MutateOptions } from './mutate';
export { LocalGraphControl, LocalGraphControlError, type ThrottleRequest } from './control';
export {
  BENCHMARK_10K_DOMAIN,
  BENCHMARK_10K_TENANT_ID,
  BENCHMARK_10K_USER_COUNT,
  BENCHMARK_DOMAIN,
  BENCHMARK_TENANT_ID,
  BENCHMARK_USER_COUNT,
  DEMO_MAIL_SENDER,
  NOT_CONSENTED_COMPANY,
  demoTenants
} from './demoTenants';
export type {
  LazyUsers,
  LocalGraphRequest,
  LocalGraphStats,
  LocalTenant,
  LocalUser,
  LocalUserChanges,
  LocalUserSource,
  MutatedUser,
  MutationKind,
  NewLocalUser,
  SentMail
} from './types';
