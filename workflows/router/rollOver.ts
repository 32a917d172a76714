import { defineUpdate } from '@temporalio/workflow';

/**
 * Asks the router to continue-as-new at its next safe point; answers the id of the run that
 * accepted it, so the caller can wait for the run after it. The erasure uses it before
 * destroying a customer's key: the new run starts from the state alone, while the current run's
 * history still holds that customer's signals, which could no longer be decoded on a replay.
 */
export const rollOverUpdate = defineUpdate<string>('rollOver');
