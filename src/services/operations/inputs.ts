import { z } from 'zod';

/** The ids operations take, as every surface sends them: checked before anything is read. */
export const CompanyIdInput = z.string().regex(/^[A-Za-z0-9-]{1,80}$/, 'not a company id');
export const UserIdInput = z.string().min(1).max(80);
export const StaffIdInput = z.string().min(1).max(80);
