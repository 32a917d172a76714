import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/**
 * How long Temporal keeps a closed workflow's history (its payloads, encrypted, included): the
 * namespace's retention. `npm start` sets it on the embedded dev server after each start;
 * on a cluster of your own it is the operator's (`temporal operator namespace update --retention`).
 */
export async function setNamespaceRetention(
  address: string,
  namespace: string,
  days: number,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(days * 24 * 3600_000) },
    });
  } finally {
    await connection.close();
  }
}
