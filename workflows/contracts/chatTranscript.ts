/** The workflow of one transcript request: its id makes a repeated request the same one. */
export const chatTranscriptWorkflowId = (caseId: string, requestId: string) =>
  `chat-transcript-${caseId}-${requestId}`;
