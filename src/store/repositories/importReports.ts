import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { createDocument, readDocument } from '../documents';

export interface ImportReportRow {
  rowNumber: number;
  email?: string;
  outcome: 'created' | 'invited' | 'skipped' | 'failed' | 'notInvited';
  reason?: string;
}

export interface ImportReportDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'importReport';
  fileName: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  rows: ImportReportRow[];
}

/**
 * The full per-row result of an import, downloadable as CSV for a day. The download link holds a
 * random token; only its hash is the document id, so the store never holds a usable link.
 */
export class ImportReportRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  static idOf(token: string): string {
    return `report-${createHash('sha256').update(token).digest('hex')}`;
  }

  async create(token: string, report: Omit<ImportReportDoc, 'id' | 'mspId' | 'type'>): Promise<void> {
    await createDocument(this.container, { ...report, id: ImportReportRepository.idOf(token), mspId: this.mspId, type: 'importReport' as const });
  }

  async get(companyId: string, token: string): Promise<ImportReportDoc | undefined> {
    const doc = await readDocument<ImportReportDoc>(this.container, ImportReportRepository.idOf(token), companyId);
    return doc && doc.mspId === this.mspId && doc.type === 'importReport' ? doc : undefined;
  }
}
