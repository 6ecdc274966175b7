import type { StaffDeps } from './deps';
import { StaffImportBrowser } from './importBrowser';
import { StaffImportChoices } from './importChoices';
import { StaffImportRunner } from './importRun';
import { StaffRoleService } from './staffRoles';

export type { StaffImportCard, StaffImportInput, StaffImportPageView, StaffImportRowView } from './importBrowser';
export type { LinkChoices } from './importChoices';
export type { StaffImportPreview } from './importPreview';
export type { StaffImportRunResult } from './importRun';
export type { StaffListState, StaffListValue } from './staffRoles';
export type { StaffMemberView } from './view';

/**
 * The MSP's staff: the list and its roles (Super Admin only), and importing staff from the MSP's own
 * Entra ID or a PSA. Every surface goes through this; nothing else decides.
 */
export class StaffService {
  readonly roles: StaffRoleService;
  readonly imports: StaffImportBrowser;
  /** A row's link by hand, "Link to <name>" and "Create new" for a possible match. */
  readonly choices: StaffImportChoices;
  readonly runner: StaffImportRunner;

  constructor(readonly deps: StaffDeps) {
    this.roles = new StaffRoleService(deps);
    this.imports = new StaffImportBrowser(deps);
    this.choices = new StaffImportChoices(deps, this.imports);
    this.runner = new StaffImportRunner(deps, this.imports);
  }
}
