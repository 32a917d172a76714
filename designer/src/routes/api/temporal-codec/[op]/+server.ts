import { json } from '@sveltejs/kit';
import { CodecRequestSchema, payloadsFromJson, payloadsToJson } from '$worker/privacy/codecJson';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/**
 * Temporal's codec endpoint (`temporal server start-dev --ui-codec-endpoint`, or the UI's
 * "Codec Server" setting): POST {endpoint}/decode and /encode with `{ payloads }`. Decoded
 * payloads hold personal data: managers only, and only the Temporal UI's origin may call it
 * from a browser (README "Personal data").
 */
const operations = ['encode', 'decode'] as const;
type Operation = (typeof operations)[number];
const isOperation = (op: string): op is Operation => (operations as readonly string[]).includes(op);

async function corsHeaders(request: Request): Promise<Record<string, string>> {
  const origin = request.headers.get('origin');
  const { config } = await relais();
  const allowed = (
    config.RELAIS_CODEC_CORS_ORIGIN ?? `http://localhost:${config.RELAIS_TEMPORAL_UI_PORT}`
  ).split(',');
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, x-namespace, authorization',
    vary: 'origin',
  };
}

export const OPTIONS: RequestHandler = async ({ request }) =>
  new Response(null, { status: 204, headers: await corsHeaders(request) });

export const POST: RequestHandler = async ({ params, request, locals }) => {
  const headers = await corsHeaders(request);
  if (!locals.user)
    return json({ code: 'unauthenticated', message: 'Sign in first' }, { status: 401, headers });
  if (locals.user.role !== 'manager')
    return json({ code: 'forbidden', message: 'Managers only' }, { status: 403, headers });
  if (!isOperation(params.op))
    return json({ code: 'not-found', message: 'encode or decode' }, { status: 404, headers });
  const parsed = CodecRequestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json(
      { code: 'invalid-request', message: parsed.error.message },
      { status: 400, headers },
    );
  const { codec } = (await relais()).encryption;
  try {
    const payloads = await codec[params.op](payloadsFromJson(parsed.data));
    return json(payloadsToJson(payloads), { headers });
  } catch (err) {
    return json(
      { code: 'payload-undecodable', message: (err as Error).message },
      { status: 422, headers },
    );
  }
};
