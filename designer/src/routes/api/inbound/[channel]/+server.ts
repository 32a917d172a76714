import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { receiveInbound } from '$worker/inbound/receive';
import { WebformRequestSchema } from '$worker/inbound/schemas';
import { badRequest, readJson } from '$lib/server/http';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request }) => {
  if (params.channel !== 'webform')
    return json({ error: `unknown inbound channel "${params.channel}"` }, { status: 404 });
  const read = await readJson(request);
  if (!read.ok) return json({ error: 'the body is not valid JSON' }, { status: 400 });
  const parsed = WebformRequestSchema.safeParse(read.body);
  if (!parsed.success) return badRequest(parsed.error);
  const body = parsed.data;
  const { stores, client, config } = await relais();
  const result = await receiveInbound(
    { stores, client, taskQueue: config.TEMPORAL_TASK_QUEUE },
    { email: body.customer.email },
    {
      name: body.customer.name,
      tier: 'standard',
      segment: 'B2C',
      lang: body.lang,
      timezone: 'Europe/Paris',
      smsOptIn: false,
    },
    {
      messageId: body.messageId,
      channel: 'webform',
      receivedAt: new Date().toISOString(),
      lang: body.lang,
      subject: body.subject,
      text: body.text,
      caseRef: null,
      category: body.category,
      callbackRequested: false,
      surveyScore: null,
    },
  );
  return json(result, { status: 202, headers: { 'x-request-id': randomUUID() } });
};
