import { z } from 'zod';

/** Kept apart from the user store so the actor schema it audits with can import it too. */
export const RoleSchema = z.enum(['manager', 'supervisor', 'agent']);
export type Role = z.infer<typeof RoleSchema>;
