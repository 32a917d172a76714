import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { relais } from '$lib/server/relais';
import { ChatStartSchema } from '../chatApi';
import { throttled } from '../limits.server';
import { keepVisitor } from '../visitor.server';
import type { RequestHandler } from './$types';

/**
 * The pre-chat form: the visitor gets a signed cookie naming them; their first message opens
 * the case. Field errors come back as codes by field, and nothing is kept.
 */
export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
  const r = await relais();
  const refused = await throttled([['startPerAddress', getClientAddress()]]);
  if (refused) return refused;
  const parsed = ChatStartSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return json({ code: 'invalid', message: 'Check the fields', errors }, { status: 400 });
  }
  const { name, email, category, lang } = parsed.data;
  const known = category !== null && (await r.stores.categories.ids()).includes(category);
  keepVisitor(r, cookies, url, {
    id: randomUUID(),
    name,
    email,
    category: known ? category : null,
    lang,
    caseId: null,
  });
  return json({ started: true }, { status: 201 });
};
