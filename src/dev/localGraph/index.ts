export { startLocalGraph, type LocalGraph, type LocalGraphOptions } from './server';
export type { LocalTenantControl } from './store';
export { SyntheticUsers } from './synthetic';
export {
  BENCHMARK_DOMAIN,
  BENCHMARK_TENANT_ID,
  BENCHMARK_USER_COUNT,
  DEMO_MAIL_SENDER,
  NOT_CONSENTED_COMPANY,
  demoTenants
} from './demoTenants';
export type { LazyUsers, LocalGraphRequest, LocalTenant, LocalUser, LocalUserSource, SentMail } from './types';
