import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const noteSignal = defineSignal<[string]>('note');
export const notesQuery = defineQuery<number>('notes');

/** The baseline of `npm run bench:memory`: a workflow that keeps its signals and waits forever. */
export async function trivialWorkflow(): Promise<void> {
  const notes: string[] = [];
  setHandler(noteSignal, (note) => void notes.push(note));
  setHandler(notesQuery, () => notes.length);
  await condition(() => false);
}
