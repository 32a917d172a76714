import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '$worker/store/users';
import type { SessionUser } from './session';

/** Operations managers, and supervisors who look over their shoulder: the (manager) pages. */
export const managerRoles: readonly Role[] = ['manager', 'supervisor'];

/** Who may open each route group: the group's name appears in the route id. */
const groupRoles: { group: string; roles: readonly Role[] }[] = [
  { group: '/(manager)', roles: managerRoles },
];

/** Only managers publish and roll back rule sets. */
export const publisherRoles: readonly Role[] = ['manager'];

export function loginPath(url: URL): string {
  const next = url.pathname + url.search;
  return `/login?next=${encodeURIComponent(next)}`;
}

/** The signed-in user, or a redirect to the login page. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
  const { user } = event.locals;
  if (!user) redirect(303, loginPath(event.url));
  return user;
}

/** The signed-in user when their role is one of `roles`; a 403 otherwise. */
export function requireRole(
  event: Pick<RequestEvent, 'locals' | 'url'>,
  roles: readonly Role[],
): SessionUser {
  const user = requireUser(event);
  if (!roles.includes(user.role))
    error(403, event.locals.lang === 'fr' ? 'Accès réservé' : 'Access restricted');
  return user;
}

/** The roles a route requires, from its groups; null when it is open to any signed-in user. */
export function rolesFor(routeId: string | null): readonly Role[] | null {
  if (!routeId) return null;
  return groupRoles.find((g) => routeId.includes(g.group))?.roles ?? null;
}

export function needsLogin(routeId: string | null): boolean {
  return routeId?.startsWith('/(app)') ?? false;
}
