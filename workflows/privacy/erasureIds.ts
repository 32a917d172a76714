/** One erasure per customer: a second request finds the first (running or done). */
export const erasureWorkflowId = (subject: string) => `erasure-${subject}`;
/** One retention schedule per task queue (the tests share a server, one queue each). */
export const retentionScheduleId = (taskQueue: string) => `relais-retention-${taskQueue}`;
export const retentionWorkflowId = (taskQueue: string) => `relais-retention-run-${taskQueue}`;
