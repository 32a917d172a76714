import type { Payload, SerializationContext } from '@temporalio/common';
import { LRUCache } from 'lru-cache';
import type { DataKeyStore } from '../store/dataKeys';

export const systemKeyId = 'system';
export const customerKeyId = (customerId: string) => `customer:${customerId}`;

const customerWorkflowPrefix = 'customer-';
const caseWorkflowPrefix = 'case-';

/** The one value a JSON payload gives the string field `field`; null when none or several. */
function onlyValueOf(field: string, data: Uint8Array | null | undefined): string | null {
  if (!data || data.length === 0) return null;
  const key = Buffer.from(`"${field}":"`);
  // A payload without data (a workflow returning nothing) may come from protobuf's default, a
  // plain array rather than a view on bytes.
  const bytes = ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
  let found: string | null = null;
  for (let at = bytes.indexOf(key); at >= 0;) {
    const start = at + key.length;
    const end = bytes.indexOf(0x22, start);
    if (end < 0) break;
    const value = bytes.toString('utf8', start, end);
    if (found !== null && found !== value) return null;
    found = value;
    at = bytes.indexOf(key, end);
  }
  return found;
}

/** The one customer a JSON payload names by `"customerId"`; null when none or several. */
export const customerNamedIn = (data: Uint8Array | null | undefined) =>
  onlyValueOf('customerId', data);

/**
 * Which data key encrypts a payload. The codec only knows the workflow the payload belongs to
 * (Temporal's serialization context): a customer workflow's id holds its customer; a case is
 * bound to its customer by its first payload (the case input names the customer), recorded in
 * MongoDB for the other processes. Elsewhere (the router, no context) a payload about one
 * customer or one case uses that customer's key: a case's work item sent to the router is
 * shredded with its customer. The rest (the router's state, which holds many cases) uses the
 * system key.
 */
export class KeyChoice {
  private readonly bound = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly store: () => DataKeyStore) {}

  async keyIdFor(payload: Payload, context: SerializationContext | undefined): Promise<string> {
    const workflowId = context?.workflowId;
    if (workflowId?.startsWith(customerWorkflowPrefix))
      return customerKeyId(workflowId.slice(customerWorkflowPrefix.length));
    if (workflowId?.startsWith(caseWorkflowPrefix))
      return (await this.caseKey(workflowId, payload)) ?? systemKeyId;
    const customer = customerNamedIn(payload.data);
    if (customer) return customerKeyId(customer);
    const caseId = onlyValueOf('caseId', payload.data);
    if (caseId === null) return systemKeyId;
    return (await this.boundKey(`${caseWorkflowPrefix}${caseId}`)) ?? systemKeyId;
  }

  private async caseKey(workflowId: string, payload: Payload): Promise<string | null> {
    const bound = await this.boundKey(workflowId);
    if (bound !== null) return bound;
    const named = customerNamedIn(payload.data);
    if (named === null) return null;
    const keyId = await this.store().bind(workflowId, customerKeyId(named));
    this.bound.set(workflowId, keyId);
    return keyId;
  }

  private async boundKey(workflowId: string): Promise<string | null> {
    const keyId = this.bound.get(workflowId) ?? (await this.store().binding(workflowId));
    if (keyId !== null) this.bound.set(workflowId, keyId);
    return keyId;
  }
}
