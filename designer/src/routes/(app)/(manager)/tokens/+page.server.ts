import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiScopeSchema, ApiTokenNameSchema, apiScopes } from '$worker/store/apiTokens';
import { managerRoles, requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import type { Actions, PageServerLoad } from './$types';

const CreateSchema = z.object({
  name: ApiTokenNameSchema,
  scopes: z.array(ApiScopeSchema).min(1),
});

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  const { stores } = await relais();
  const [tokens, audit] = await Promise.all([
    stores.apiTokens.list(),
    stores.securityAudit.recent(20),
  ]);
  return { tokens, audit, scopes: apiScopes };
};

export const actions: Actions = {
  /** The plain token is in this answer only: the page shows it once. */
  create: async (event) => {
    const user = requireRole(event, ['manager']);
    const form = await event.request.formData();
    const name = form.get('name');
    const parsed = CreateSchema.safeParse({ name, scopes: form.getAll('scopes') });
    if (!parsed.success) {
      const field: 'name' | 'scopes' =
        parsed.error.issues[0]?.path[0] === 'scopes' ? 'scopes' : 'name';
      return fail(400, { error: field, name: typeof name === 'string' ? name : '' });
    }
    const { stores } = await relais();
    const { token, info } = await stores.apiTokens.create({ ...parsed.data, createdBy: user.id });
    await stores.securityAudit.append({
      actor: user.id,
      action: 'api-token-created',
      tokenId: info.id,
      tokenName: info.name,
    });
    return { created: { name: info.name, token } };
  },
  revoke: async (event) => {
    const user = requireRole(event, ['manager']);
    const id = (await event.request.formData()).get('id');
    const { stores } = await relais();
    const revoked = typeof id === 'string' ? await stores.apiTokens.revoke(id, user.id) : null;
    if (!revoked) return fail(404, { error: 'notFound' as const, name: '' });
    await stores.securityAudit.append({
      actor: user.id,
      action: 'api-token-revoked',
      tokenId: revoked.id,
      tokenName: revoked.name,
    });
    return { revoked: revoked.name };
  },
};
