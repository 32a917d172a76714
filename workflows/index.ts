/** Entry point for the worker's workflow bundle: every workflow type Relais registers. */
export { customerWorkflow } from './customer/customerWorkflow';
export { caseWorkflow } from './case/caseWorkflow';
export { b2bComplaintWorkflow } from './lifecycles/b2bComplaintWorkflow';
export { routerWorkflow } from './router/routerWorkflow';
export { erasureWorkflow } from './privacy/erasureWorkflow';
export { retentionWorkflow } from './privacy/retentionWorkflow';
export { chatTranscriptWorkflow } from './chat/chatTranscriptWorkflow';
