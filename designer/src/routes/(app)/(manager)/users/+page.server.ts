import { defaultCapacity } from '$workflows/contracts/routing';
import {
  defaultRoutingProfile,
  type User,
  UserSchema,
  UserUpdateSchema,
} from '$worker/store/users';
import { managerRoles, requireRole } from '$lib/server/auth';
import {
  catalogueChoices,
  idTaken,
  parsedForm,
  recentAudit,
  refusedChange,
  tellRouter,
} from '$lib/server/catalogue';
import { readUserForm } from '$lib/server/catalogueForms';
import { relais } from '$lib/server/relais';
import { actor } from '$lib/server/ruleSets';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const r = await relais();
  const [users, choices] = await Promise.all([r.stores.users.list(), catalogueChoices(r)]);
  const names = new Map(users.map((u) => [u._id, { fr: u.name, en: u.name }]));
  return {
    users: users.sort((a, b) => a.name.localeCompare(b.name)),
    ...choices,
    defaultCapacity,
    blank: {
      _id: '',
      name: '',
      role: 'agent',
      lang: event.locals.lang,
      enabled: true,
      routing: defaultRoutingProfile(event.locals.lang),
    } satisfies User,
    selected: event.url.searchParams.get('id'),
    audit: await recentAudit(r, 'user', names),
  };
};

const idOf = (form: FormData) => String(form.get('id') ?? '');

/** Every change may alter what the router offers to whom: it reloads its agents. */
export const actions: Actions = {
  create: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const r = await relais();
    const id = idOf(form).trim();
    const parsed = parsedForm(UserSchema, { _id: id, ...readUserForm(form) });
    if (!parsed.ok) return parsed.failure;
    try {
      const created = await r.stores.users.createUser(
        parsed.data,
        String(form.get('password') ?? ''),
        actor(user),
      );
      if (!created) return idTaken();
    } catch (err) {
      return refusedChange(err);
    }
    await tellRouter();
    return { savedUser: id, id };
  },
  update: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const r = await relais();
    const id = idOf(form);
    const parsed = parsedForm(UserUpdateSchema, readUserForm(form));
    if (!parsed.ok) return parsed.failure;
    try {
      if (await r.stores.users.update(id, parsed.data, actor(user))) await tellRouter();
    } catch (err) {
      return refusedChange(err);
    }
    return { savedUser: id, id };
  },
  setEnabled: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const r = await relais();
    const id = idOf(form);
    const enabled = form.get('enabled') === 'true';
    try {
      await r.stores.users.setEnabled(id, enabled, actor(user));
    } catch (err) {
      return refusedChange(err);
    }
    await tellRouter();
    return enabled ? { enabledUser: id, id } : { disabledUser: id, id };
  },
  resetPassword: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const id = idOf(form);
    try {
      await (
        await relais()
      ).stores.users.resetPassword(id, String(form.get('password') ?? ''), actor(user));
    } catch (err) {
      return refusedChange(err);
    }
    return { resetUser: id, id };
  },
};
