import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { CompanyRole } from '../../domain/roles';
import { readDocument } from '../documents';

/** `held`: a CSV row that is possibly someone the company has, not created unless a person chooses to. */
export type ImportOutcome = 'created' | 'invited' | 'linked' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'notInvited' | 'held';

export interface ImportReportRow {
  /** The CSV row number; absent for Entra imports. */
  rowNumber?: number;
  name?: string;
  email?: string;
  outcome: ImportOutcome;
  reason?: string;
  /** A held CSV row: what creating it later needs besides its name and email, and who it may be. */
  hold?: { role: CompanyRole; phone?: string; match: string };
}

export interface ImportReportDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'importReport';
  title: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  /** How many chunk documents hold the rows. */
  chunks: number;
  /** A CSV import's: its idempotency key and invitation choice, for creating its held rows later. */
  csv?: { idempotencyKey: string; invite: boolean };
}

interface ReportChunkDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'importReportChunk';
  rows: ImportReportRow[];
}

/** Rows per chunk document: a chunk stays far below Cosmos DB's 2 MB per document. */
export const REPORT_CHUNK_ROWS = 2000;

/**
 * The full per-person result of an import, downloadable as CSV for a day. The download link holds a
 * random token; only its hash is the report's id, so the store never holds a usable link. Rows are kept
 * in chunk documents, written as the import goes (a chunk written twice is the same chunk).
 */
export class ImportReportRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  static idOf(token: string): string {
    return `report-${createHash('sha256').update(token).digest('hex')}`;
  }

  async writeChunk(companyId: string, token: string, index: number, rows: ImportReportRow[]): Promise<void> {
    const chunk: ReportChunkDoc = { id: `${ImportReportRepository.idOf(token)}-${index}`, companyId, mspId: this.mspId, type: 'importReportChunk', rows };
    await this.container.items.upsert(chunk);
  }

  /** Writes the report's header once its chunks are in; the link works from then on. */
  async finish(token: string, header: Omit<ImportReportDoc, 'id' | 'mspId' | 'type'>): Promise<void> {
    await this.container.items.upsert({ ...header, id: ImportReportRepository.idOf(token), mspId: this.mspId, type: 'importReport' as const });
  }

  /** Writes a whole report at once (a CSV import's rows are all known at the end). */
  async create(token: string, header: Omit<ImportReportDoc, 'id' | 'mspId' | 'type' | 'chunks'>, rows: ImportReportRow[]): Promise<void> {
    const chunks = Math.max(1, Math.ceil(rows.length / REPORT_CHUNK_ROWS));
    for (let i = 0; i < chunks; i++) await this.writeChunk(header.companyId, token, i, rows.slice(i * REPORT_CHUNK_ROWS, (i + 1) * REPORT_CHUNK_ROWS));
    await this.finish(token, { ...header, chunks });
  }

  async get(companyId: string, token: string): Promise<{ header: ImportReportDoc; rows: ImportReportRow[] } | undefined> {
    const id = ImportReportRepository.idOf(token);
    const header = await readDocument<ImportReportDoc>(this.container, id, companyId);
    if (!header || header.mspId !== this.mspId || header.type !== 'importReport') return undefined;
    const rows: ImportReportRow[] = [];
    for (let i = 0; i < header.chunks; i++) {
      const chunk = await readDocument<ReportChunkDoc>(this.container, `${id}-${i}`, companyId);
      if (chunk) rows.push(...chunk.rows);
    }
    return { header, rows };
  }
}
