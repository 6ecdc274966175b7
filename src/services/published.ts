import type { Stored } from '../store/documents';
import type { ImportOutcome as StoredImportOutcome } from '../store/repositories/importReports';
import type { StaffImportSummaryRow as StoredSummaryRow } from '../store/repositories/importSessions';
import type { JobDoc } from '../store/repositories/jobs';

/*
 * Stored shapes the surfaces render as they are, published by the service layer: surfaces import
 * these, never the store (eslint.config.mjs), so a change of a stored document meets the services first.
 */

/** A background job (an Entra import or sync, a permanent delete) as its card and the tab show it. */
export type JobView = Stored<JobDoc>;

/** What an import did for one row of its report. */
export type ImportOutcome = StoredImportOutcome;

/** One person of a finished staff import, as its result card lists them. */
export type StaffImportSummaryRow = StoredSummaryRow;
