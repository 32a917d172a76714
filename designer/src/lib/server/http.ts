import { json } from '@sveltejs/kit';
import type { z } from 'zod';

/** A 400 naming each bad field, in the shape zod reports it. */
export function badRequest(error: z.ZodError) {
  return json(
    {
      error: 'invalid request',
      issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
    { status: 400 },
  );
}

export async function readJson(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    return { ok: true, body: await request.json() };
  } catch {
    return { ok: false };
  }
}
