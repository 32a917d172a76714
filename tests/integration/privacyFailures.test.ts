import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverToCustomer } from '../../worker/inbound/deliver';
import { isEncrypted, payloadKeyId } from '../../worker/privacy/encryptionCodec';
import { customerKeyId } from '../../worker/privacy/keyChoice';
import { defaultNewCustomer } from '../../worker/store/customers';
import { caseWorkflowId } from '../../workflows/contracts/customer';
import { customerProfile, inboundMessage } from '../support/messages';
import { testDataConverter, testEncryption } from '../support/privacy';
import { createRelaisWorker, eventually, type RelaisTestWorker } from '../support/relaisWorker';

/**
 * A failure's message and stack trace go to Temporal through the codec: an error quoting a
 * customer's email (a mail server refusing the recipient) is ciphertext in the history, under
 * that customer's data key, and reads back in full through the codec.
 */

const { EventType } = proto.temporal.api.enums.v1;

let relais: RelaisTestWorker;
let raw: Client;
let client: Client;
let clientConnection: Connection;
let workerConnection: NativeConnection;
let stopWorker = () => {};
let running: Promise<unknown>;

const refusal = (to: string | null) => `550 mailbox unavailable: ${to}`;

beforeAll(async () => {
  const address = inject('temporalAddress');
  workerConnection = await NativeConnection.connect({ address });
  clientConnection = await Connection.connect({ address });
  relais = await createRelaisWorker(workerConnection, {
    replace: {
      // The mail server refuses the case's first message, its acknowledgement.
      runSteps: async (steps) => {
        const to = steps.flatMap((s) => (s.kind === 'send' ? [s.message.to] : []))[0] ?? null;
        throw ApplicationFailure.nonRetryable(refusal(to), 'RecipientRefused');
      },
    },
  });
  running = relais.run(() => new Promise<void>((resolve) => (stopWorker = resolve)));
  client = new Client({ connection: clientConnection, dataConverter: await testDataConverter() });
  raw = new Client({ connection: clientConnection });
});
afterAll(async () => {
  stopWorker();
  await running;
  await clientConnection?.close();
  await workerConnection?.close();
});

describe('failures in Temporal', () => {
  it('keeps an activity’s error message quoting an email out of the raw history; the codec reads it', async () => {
    const tag = randomUUID().slice(0, 8);
    const email = `lea.${tag}@exemple.fr`;
    const doc = await relais.stores.customers.findOrCreate(
      { email },
      { ...defaultNewCustomer, name: `Léa Refusée${tag}` },
    );
    const profile = customerProfile({ customerId: doc._id, email, name: `Léa Refusée${tag}` });
    const caseId = await deliverToCustomer(client, relais.taskQueue, profile, inboundMessage());
    const handle = raw.workflow.getHandle(caseWorkflowId(caseId));

    // The acknowledgement's refusal fails the activity, then the case with it.
    const failed = await eventually(async () => {
      const { events } = await handle.fetchHistory();
      const last = events?.at(-1);
      return last?.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED && events;
    }, 'the case failed on the refusal');
    const bytes = proto.temporal.api.history.v1.History.encode({ events: failed }).finish();
    expect(Buffer.from(bytes).toString('utf8')).not.toContain(email);

    const activityFailure = failed.find(
      (e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
    )?.activityTaskFailedEventAttributes?.failure;
    const workflowFailure = failed.at(-1)?.workflowExecutionFailedEventAttributes?.failure;
    for (const failure of [activityFailure, workflowFailure]) {
      expect(failure?.message).toBe('Encoded failure');
      const attributes = failure?.encodedAttributes as Payload;
      expect(isEncrypted(attributes)).toBe(true);
      expect(payloadKeyId(attributes)).toBe(customerKeyId(doc._id));
    }
    const [decoded] = await (
      await testEncryption()
    ).codec.decode([activityFailure?.encodedAttributes as Payload]);
    expect(JSON.parse(Buffer.from(decoded!.data!).toString('utf8')).message).toBe(refusal(email));

    // A client with the codec gets the error as it was thrown.
    const error = await client.workflow
      .getHandle(caseWorkflowId(caseId))
      .result()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activityError = (error as WorkflowFailedError).cause?.cause as Error | undefined;
    expect(activityError?.message).toBe(refusal(email));
  });
});
