import type { Engine, EngineResult } from 'json-rules-engine';

/**
 * Engines built once and lent out one run at a time. A json-rules-engine Engine keeps a single
 * running/finished status, so two overlapping runs on one engine can make the second skip its
 * rules; the pool gives each concurrent decision its own engine and keeps them for reuse.
 */
export class EnginePool {
  private readonly idle: Engine[] = [];

  constructor(private readonly build: () => Engine) {}

  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? this.build();
    try {
      return await engine.run(facts);
    } finally {
      this.idle.push(engine);
    }
  }

  /** How many engines exist; they are only built when runs overlap. */
  get size(): number {
    return this.idle.length;
  }
}
