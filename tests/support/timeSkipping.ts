import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { searchAttributeKeys } from '../../workflows/contracts/searchAttributes';
import { testDataConverter } from './privacy';

/**
 * Temporal's time-skipping test server, from the PyPI wheel provisioned in .tools/, with the
 * Relais search attributes registered as on a real cluster.
 */
const IndexedValueType = {
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
};

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerBin') } },
    client: { dataConverter: await testDataConverter() },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(searchAttributeKeys).map((k) => [
        k.name,
        k.type === SearchAttributeType.INT ? IndexedValueType.INT : IndexedValueType.KEYWORD,
      ]),
    ),
  });
  return env;
}
