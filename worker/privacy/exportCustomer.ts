import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Db, Document } from 'mongodb';
import { searchAttributeKeys } from '../../workflows/contracts/searchAttributes';
import { customerWorkflowId } from '../../workflows/contracts/customer';
import {
  CustomerExportSchema,
  type CustomerExport,
  type ExportedWorkflow,
  type JsonValue,
} from './exportDocument';

/** Secrets and staff data: never exported, whoever they name. */
const notExported = new Set([
  'dataKeys',
  'workflowKeys',
  'privacySecrets',
  'sessions',
  'apiTokens',
  'accessAudit',
]);

export interface ExportDeps {
  db: Db;
  client: Client;
  codec: PayloadCodec;
  /** Progress lines ("customers: 1 document"); the CLI prints them on stderr. */
  progress?: (line: string) => void;
}

/** A stored value as JSON: dates as ISO strings, ids as text, bytes in base64. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const bson = value as { _bsontype?: string; toHexString?: () => string; buffer?: Uint8Array };
    if (bson._bsontype === 'ObjectId' && bson.toHexString) return bson.toHexString();
    if (bson._bsontype === 'Binary' && bson.buffer)
      return Buffer.from(bson.buffer).toString('base64');
    if (bson._bsontype === 'Long' || bson._bsontype === 'Decimal128') return String(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return null;
}

/** Every document of every collection that is the customer's (by _id) or names them. */
async function mongoPart(deps: ExportDeps, customerId: string) {
  const names = (await deps.db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !notExported.has(n) && !n.startsWith('system.'))
    .sort();
  const out: CustomerExport['mongo'] = {};
  for (const name of names) {
    const docs: Document[] = await deps.db
      .collection(name)
      .find({ $or: [{ _id: customerId as never }, { customerId }] })
      .toArray();
    if (docs.length === 0) continue;
    out[name] = docs.map((d) => toJson(d) as Record<string, JsonValue>);
    deps.progress?.(`${name}: ${docs.length} document${docs.length > 1 ? 's' : ''}`);
  }
  return out;
}

/** Every payload an event carries, wherever it sits in its attributes. */
function payloadsIn(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata !== undefined) out.push(v as Payload);
  else for (const child of Object.values(v)) payloadsIn(child, out);
  return out;
}

const eventTypeName = (type: number | null | undefined) =>
  (proto.temporal.api.enums.v1.EventType[type ?? 0] ?? 'EVENT_TYPE_UNSPECIFIED')
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase();

const timeOf = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  t?.seconds == null
    ? null
    : new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();

async function decodeOne(codec: PayloadCodec, payload: Payload): Promise<JsonValue | undefined> {
  try {
    const [plain] = await codec.decode([payload]);
    return toJson(defaultPayloadConverter.fromPayload(plain!));
  } catch {
    return undefined;
  }
}

async function workflowPart(
  deps: ExportDeps,
  workflowId: string,
  runId: string,
  workflowType: string,
  status: string,
): Promise<ExportedWorkflow> {
  const history = await deps.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events: ExportedWorkflow['events'] = [];
  let unreadable = 0;
  for (const event of history.events ?? []) {
    const found = payloadsIn(event);
    if (found.length === 0) continue;
    const payloads: JsonValue[] = [];
    for (const p of found) {
      const value = await decodeOne(deps.codec, p);
      if (value === undefined) unreadable += 1;
      payloads.push(value ?? null);
    }
    events.push({
      eventId: Number(event.eventId),
      eventType: eventTypeName(event.eventType),
      time: timeOf(event.eventTime),
      payloads,
    });
  }
  return { workflowId, runId, workflowType, status, events, unreadable };
}

/** The customer's workflow and their cases', every run Temporal still keeps. */
async function temporalPart(deps: ExportDeps, customerId: string): Promise<ExportedWorkflow[]> {
  const key = searchAttributeKeys.customerId.name;
  const query = `WorkflowId = "${customerWorkflowId(customerId)}" OR ${key} = "${customerId}"`;
  const out: ExportedWorkflow[] = [];
  for await (const wf of deps.client.workflow.list({ query })) {
    out.push(await workflowPart(deps, wf.workflowId, wf.runId, wf.type, wf.status.name));
    deps.progress?.(`workflow ${wf.workflowId}: decoded`);
  }
  return out;
}

/** The customer's export document, checked against its schema. */
export async function exportCustomer(
  deps: ExportDeps,
  customerId: string,
): Promise<CustomerExport> {
  const mongo = await mongoPart(deps, customerId);
  const temporalWorkflows = await temporalPart(deps, customerId);
  return CustomerExportSchema.parse({
    format: 'relais.customer-export.v1',
    exportedAt: new Date().toISOString(),
    customerId,
    mongo,
    temporal: temporalWorkflows,
  });
}
