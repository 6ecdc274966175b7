import type { Container } from '@azure/cosmos';
import { bulkCreate, bulkDelete } from '../bulk';
import { createDocument, readDocument, type Stored } from '../documents';
import { derivedId } from '../ids';
import { UNASSIGNED, UNASSIGNED_RECORD_KINDS, type CompanyRecordDoc, type RecordKind, type UnassignedRecordKind } from '../model';
import { queryAll, queryCount } from '../paging';

/**
 * Company records synced from the PSA (tickets, assets, invoices, ...), partitioned by company. Records
 * whose company was permanently deleted are kept in the UNASSIGNED partition.
 */
export class RecordRepository {
  constructor(
    private readonly container: Container,
    readonly mspId: string
  ) {}

  async create(record: CompanyRecordDoc): Promise<Stored<CompanyRecordDoc>> {
    return createDocument(this.container, record);
  }

  async countByKind(companyId: string, kind: RecordKind): Promise<number> {
    return queryCount(this.container, {
      query:
        "SELECT VALUE COUNT(1) FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND c.kind = @kind",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId },
        { name: '@kind', value: kind }
      ]
    });
  }

  /** How many records of each kind that a permanent delete keeps without a company, and the SLA policies it deletes. */
  async deletionCounts(companyId: string): Promise<{ unassigned: Record<UnassignedRecordKind, number>; slaPolicies: number }> {
    const counts = await Promise.all(UNASSIGNED_RECORD_KINDS.map((kind) => this.countByKind(companyId, kind)));
    const unassigned = Object.fromEntries(UNASSIGNED_RECORD_KINDS.map((kind, i) => [kind, counts[i]])) as Record<UnassignedRecordKind, number>;
    return { unassigned, slaPolicies: await this.countByKind(companyId, 'slaPolicy') };
  }

  /** Invoices of the company that still have an outstanding balance (these block a permanent delete). */
  async countOutstandingInvoices(companyId: string): Promise<number> {
    return queryCount(this.container, {
      query:
        "SELECT VALUE COUNT(1) FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND c.kind = 'invoice' AND c.balance > 0",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
  }

  /** The company's invoices with the largest outstanding balances, at most `count`. */
  async largestOutstandingInvoices(companyId: string, count: number): Promise<{ title: string; balance: number }[]> {
    return queryAll<{ title: string; balance: number }>(this.container, {
      query: `SELECT TOP ${Math.max(1, Math.min(count, 100))} c.title, c.balance FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND c.kind = 'invoice' AND c.balance > 0 ORDER BY c.balance DESC`,
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
  }

  /** Up to `count` of the company's records: SLA policies, or every other kind. */
  async batch(companyId: string, which: 'slaPolicies' | 'kept', count: number): Promise<Stored<CompanyRecordDoc>[]> {
    const kindFilter = which === 'slaPolicies' ? "c.kind = 'slaPolicy'" : "c.kind != 'slaPolicy'";
    return queryAll(this.container, {
      query: `SELECT TOP ${Math.max(1, Math.min(count, 1000))} * FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND ${kindFilter}`,
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
  }

  /**
   * Keeps records without their company: each is copied to the UNASSIGNED partition under an id derived
   * from its own (so a repeated copy finds itself), then the original is deleted. Safe to repeat.
   */
  async unassign(records: CompanyRecordDoc[], formerCompanyName: string, at: string): Promise<void> {
    const copies = records.map(({ _etag, ...record }: CompanyRecordDoc & { _etag?: string }): CompanyRecordDoc => ({
      ...record,
      id: derivedId('unassigned', record.companyId, record.id),
      companyId: UNASSIGNED,
      unassigned: { at, formerCompanyName, sourceId: record.id }
    }));
    await bulkCreate(this.container, copies, (copy) => copy.companyId);
    await this.remove(records);
  }

  /** Deletes records; already gone counts as done. */
  async remove(records: Pick<CompanyRecordDoc, 'id' | 'companyId'>[]): Promise<number> {
    return bulkDelete(this.container, records.map((record) => ({ id: record.id, partitionKey: record.companyId })));
  }

  /** The kept copy of a record once its company was deleted. */
  async unassignedCopyOf(formerCompanyId: string, recordId: string): Promise<Stored<CompanyRecordDoc> | undefined> {
    const copy = await readDocument<CompanyRecordDoc>(this.container, derivedId('unassigned', formerCompanyId, recordId), UNASSIGNED);
    return copy?.mspId === this.mspId ? copy : undefined;
  }
}
