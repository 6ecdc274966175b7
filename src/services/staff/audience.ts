import { authorize } from '../../domain/permissions';
import { MSP_ROLE_LABELS, type MspRole } from '../../domain/roles';
import { checkImportRole, DEFAULT_IMPORT_ROLE, IMPORT_ROLES } from '../../domain/staffRoles';
import { mspCompanyIdOf } from '../../store/repositories/companies';
import type { ImportSessionDoc } from '../../store/repositories/importSessions';
import type { StaffImportSource } from '../../store/model';
import { refusal } from '../imports/engine/answer';
import type { ImportAudienceDefinition, ImportScope } from '../imports/engine/audience';
import type { StaffDeps } from './deps';
import { StaffIndex } from './matching';
import { isStaffImportSource, STAFF_SOURCE_LABELS, toSourceProblem } from './sources';
import { STAFF_ROWS, staffMatcher } from './staffMatcher';

/** The source of a staff session (every staff session is opened on one). */
export function staffSourceOf(session: ImportSessionDoc): StaffImportSource {
  return isStaffImportSource(session.source) ? session.source : 'entra';
}

/** The role a staff session gives: one an import may give, else the least. */
export function staffRoleOf(session: ImportSessionDoc): MspRole {
  return (IMPORT_ROLES as readonly string[]).includes(session.role ?? '') ? (session.role as MspRole) : DEFAULT_IMPORT_ROLE;
}

/** The staff, indexed the ways an import looks them up (one read of the staff list). */
export async function staffIndex(deps: StaffDeps, source: StaffImportSource): Promise<StaffIndex> {
  return new StaffIndex(await deps.repos.staff.list(), source, deps.mspTenantId);
}

/**
 * Importing the MSP's own staff, by a Super Admin in the bot, from the MSP's own Entra ID or one of
 * the four PSAs (read once into the session). Rows are matched against the staff; an import gives at
 * most MSP Admin, and a role above that on the card is refused before anything is kept.
 */
export function staffAudience(deps: StaffDeps): ImportAudienceDefinition {
  const { mspId } = deps.repos;
  return {
    kind: 'staff',
    words: { outOfDate: 'This import card is out of date. Say "import staff" to start again.' },
    rules: STAFF_ROWS,

    async scope(actor) {
      const permission = authorize(actor, 'staff.manage', { mspId });
      if (!permission.ok) return refusal(permission.reason);
      // Staff sessions are filed under the MSP's own company; the page names its source, not a company.
      return { companyId: mspCompanyIdOf(mspId), companyName: 'Staff', mspId } satisfies ImportScope;
    },
    sourceToOpen: (_scope, source) => (isStaffImportSource(source) ? deps.sources.source(source) : refusal('That is not a source staff can be imported from.')),
    source: (_scope, session) => deps.sources.source(staffSourceOf(session)),
    start: () => ({ role: DEFAULT_IMPORT_ROLE }),
    fits: (_scope, session) => isStaffImportSource(session.source),
    matcher: async (_scope, session) => staffMatcher(await staffIndex(deps, staffSourceOf(session)), session, staffSourceOf(session)),
    roles: (actor) => (actor.kind === 'staff' && actor.role === 'superAdmin' ? IMPORT_ROLES.map((role) => ({ title: MSP_ROLE_LABELS[role], value: role })) : []),
    isRole: (value): value is MspRole => (IMPORT_ROLES as readonly unknown[]).includes(value),
    checkInput(actor, _scope, input) {
      if (input.role === undefined) return undefined;
      const role = checkImportRole(actor, mspId, input.role);
      return role.ok ? undefined : { message: `${role.reason} Nothing was changed.`, audited: role.reason };
    },
    async unreadable(_actor, _scope, error, source) {
      const problem = isStaffImportSource(source.kind) ? toSourceProblem(source.kind, error) : undefined;
      return problem ? { kind: 'problem', problem } : undefined;
    },
    audit: { action: 'staff.import', companyOf: () => undefined, nameOf: (_scope, session) => STAFF_SOURCE_LABELS[staffSourceOf(session)] }
  };
}
