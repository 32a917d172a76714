import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';

export interface Problem {
  path: string;
  message: string;
}

export type Parsed<T> =
  { ok: true; data: T } | { ok: false; failure: ActionFailure<{ problems: Problem[] }> };

const problems = (error: z.ZodError): Problem[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** A form field holding JSON, validated with the same zod schema the rules library uses. */
export function jsonField<T>(form: FormData, name: string, schema: z.ZodType<T>): Parsed<T> {
  const raw = form.get(name);
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : '');
  } catch {
    return {
      ok: false,
      failure: fail(400, { problems: [{ path: name, message: 'not valid JSON' }] }),
    };
  }
  return parse(json, schema);
}

/** Plain form fields (every value a string), validated with a zod schema that coerces. */
export function formFields<T>(
  form: FormData,
  schema: z.ZodType<T>,
  omit: string[] = [],
): Parsed<T> {
  const fields = Object.fromEntries(
    [...form.entries()].filter(([key, value]) => typeof value === 'string' && !omit.includes(key)),
  );
  return parse(fields, schema);
}

function parse<T>(input: unknown, schema: z.ZodType<T>): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, failure: fail(400, { problems: problems(parsed.error) }) };
}
