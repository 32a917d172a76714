import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { kpiEventTypes, KpiEventSchema, type KpiEvent } from '../kpis/kpiEvent';

const KpiDocSchema = z.object({
  caseId: z.string(),
  type: KpiEventSchema.shape.type,
  at: z.date(),
  data: z
    .object({
      channel: z.unknown().optional(),
      score: z.unknown().optional(),
      kind: z.unknown().optional(),
    })
    .optional(),
});

const pick = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/**
 * The timeline events of a window, cut down for the KPIs. FerretDB v1 has no $facet and a
 * $group without medians, so the maths runs in code (worker/kpis) on this bounded read.
 */
export class KpiEventStore {
  private readonly col: Collection;

  constructor(db: Db) {
    this.col = db.collection('events');
  }

  /** At most `limit` events; `truncated` says when the window held more. */
  async inWindow(
    from: Date,
    to: Date,
    limit = 100_000,
  ): Promise<{ events: KpiEvent[]; truncated: boolean }> {
    const docs = await this.col
      .find(
        { at: { $gte: from, $lt: to }, type: { $in: [...kpiEventTypes] } },
        {
          projection: {
            _id: 0,
            caseId: 1,
            type: 1,
            at: 1,
            'data.channel': 1,
            'data.score': 1,
            'data.kind': 1,
          },
        },
      )
      .limit(limit + 1)
      .toArray();
    const truncated = docs.length > limit;
    const events = docs.slice(0, limit).flatMap((raw) => {
      const doc = KpiDocSchema.safeParse(raw);
      if (!doc.success) return [];
      const { caseId, type, at, data } = doc.data;
      return [
        {
          caseId,
          type,
          at: at.toISOString(),
          channel: pick(KpiEventSchema.shape.channel, data?.channel),
          score: pick(KpiEventSchema.shape.score, data?.score),
          kind: pick(KpiEventSchema.shape.kind, data?.kind),
        },
      ];
    });
    return { events, truncated };
  }
}
