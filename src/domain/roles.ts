/** Roles of the MSP's own staff, highest first. */
export const MSP_ROLES = ['superAdmin', 'mspAdmin', 'technician'] as const;
export type MspRole = (typeof MSP_ROLES)[number];

/** Roles of a portal user inside their company, highest first. */
export const COMPANY_ROLES = ['admin', 'manager', 'user', 'trainingOnly'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

export const MSP_ROLE_LABELS: Record<MspRole, string> = {
  superAdmin: 'Super Admin',
  mspAdmin: 'MSP Admin',
  technician: 'Technician'
};

export const COMPANY_ROLE_LABELS: Record<CompanyRole, string> = {
  admin: 'Admin',
  manager: 'Manager',
  user: 'User',
  trainingOnly: 'Training Only'
};

export function isMspRole(value: unknown): value is MspRole {
  return typeof value === 'string' && (MSP_ROLES as readonly string[]).includes(value);
}

export function isCompanyRole(value: unknown): value is CompanyRole {
  return typeof value === 'string' && (COMPANY_ROLES as readonly string[]).includes(value);
}
