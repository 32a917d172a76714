/**
 * A schema built on its first use rather than when its module loads. The worker evaluates the
 * contracts once for all workflows and freezes what they export (worker/workflowBundle.ts);
 * zod completes a schema on its first parse, which a frozen one refuses. So what workflow code
 * validates with is built afresh from its builder, kept in this closure, and shared by every
 * workflow of the worker.
 */
export function lazySchema<S>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}
