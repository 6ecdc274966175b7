import type { StaffActor } from '../../domain/actor';
import { authorize } from '../../domain/permissions';
import { isAnswer, type ImportAnswer } from '../imports/engine/answer';
import type { ImportCardInput } from '../imports/view';
import { ImportBrowser } from '../imports/engine/browser';
import { staffAudience, staffIndex, staffRoleOf, staffSourceOf } from './audience';
import type { StaffDeps } from './deps';
import { previewOf, type StaffImportPreview } from './importPreview';
import { StaffImportRunner } from './importRun';
import type { SourceState } from './sources';
import { StaffRoleService } from './staffRoles';

export type { StaffImportPreview } from './importPreview';
export type { StaffImportRunResult } from './importRun';
export type { StaffListState, StaffListValue } from './staffRoles';
export type { StaffMemberView } from './view';

/**
 * The MSP's staff: the list and its roles (Super Admin only), and importing staff from the MSP's own
 * Entra ID or a PSA through the one import engine (staff/audience.ts). Every surface goes through
 * this; nothing else decides.
 */
export class StaffService {
  readonly roles: StaffRoleService;
  /** The staff import cards: the import engine, for the MSP's staff. */
  readonly imports: ImportBrowser;
  readonly runner: StaffImportRunner;

  constructor(private readonly deps: StaffDeps) {
    this.roles = new StaffRoleService(deps);
    this.imports = new ImportBrowser(staffAudience(deps), deps);
    this.runner = new StaffImportRunner(deps, this.imports);
  }

  /** The sources, and whether each is ready; a refusal when the actor may not manage staff. */
  sources(actor: StaffActor): SourceState[] | { refused: string } {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { refused: permission.reason };
    return this.deps.sources.states();
  }

  /** Reads the source's active people into a new session: the card's first page. */
  open(actor: StaffActor, source: unknown): Promise<ImportAnswer> {
    return this.imports.open(actor, { source });
  }

  /** What "Import selected" would do, for the confirmation card; the card's inputs are saved first. */
  async preview(actor: StaffActor, input: ImportCardInput): Promise<StaffImportPreview | ImportAnswer> {
    const settled = await this.imports.settle(actor, input);
    if (isAnswer(settled)) return settled;
    const { session } = settled;
    return previewOf({ ...session, role: staffRoleOf(session) }, await staffIndex(this.deps, staffSourceOf(session)));
  }
}
