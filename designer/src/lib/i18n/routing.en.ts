/** English text of a case's place with the router (merged into en.ts). */
export const routingEn = {
  routing: {
    title: 'Waiting for an agent',
    position: 'Position in the queue',
    expectedWait: 'Expected wait',
    /** Null: no agent serves the queue, so no estimate. */
    wait: (seconds: number | null) =>
      seconds === null
        ? 'unknown (no agent serves this queue)'
        : seconds < 60
          ? 'under a minute'
          : seconds < 3600
            ? `about ${Math.round(seconds / 60)} min`
            : `about ${Math.round(seconds / 360) / 10} h`,
    why: 'Why',
    offeredTo: (name: string) => `On offer to ${name}`,
  },
};
