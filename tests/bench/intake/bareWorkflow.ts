import {
  allHandlersFinished,
  condition,
  defineSignal,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';

/** The baseline's message: only an id, as small as a call can be. */
export const bareSignal = defineSignal<[string]>('bareMessage');
/** The same through update-with-start: answers with the id once handled. */
export const bareUpdate = defineUpdate<string, [string]>('bareDeliver');

/** The empty workflow of the bare ceiling: takes one message, by signal or update, and ends. */
export async function bareWorkflow(): Promise<void> {
  let received = false;
  setHandler(bareSignal, () => {
    received = true;
  });
  setHandler(bareUpdate, (id) => {
    received = true;
    return id;
  });
  await condition(() => received);
  await condition(allHandlersFinished);
}
