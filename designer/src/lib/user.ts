import type { Lang } from '$rules/model/channel';
import type { Role } from '$worker/store/users';

/** The signed-in user as pages see it: no password hash, nothing secret. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  lang: Lang;
}

/** Managers and supervisors open the rule pages; only managers change them. */
export const canEditRules = (user: SessionUser | null): boolean =>
  user?.role === 'manager' || user?.role === 'supervisor';

/** Only managers publish and roll back rule sets. */
export const canPublish = (user: SessionUser | null): boolean => user?.role === 'manager';
