import type { Container } from '@azure/cosmos';
import { clearCompanyPartition } from '../partition';

/**
 * The company's own working documents besides its users and records: user counters, the admin guard
 * and invitation budget (portalUsers container); import sessions and reports, sync state and past jobs
 * (jobs container). Removed when the company is permanently deleted.
 */
export class CompanyDataRepository {
  constructor(
    private readonly portalUsers: Container,
    private readonly jobs: Container,
    private readonly mspId: string
  ) {}

  /** Removes it all but the jobs named (the deletion job itself). Safe to repeat. */
  async clear(companyId: string, keepJobIds: string[]): Promise<number> {
    const users = await clearCompanyPartition(this.portalUsers, this.mspId, companyId);
    const jobs = await clearCompanyPartition(this.jobs, this.mspId, companyId, keepJobIds);
    return users + jobs;
  }
}
