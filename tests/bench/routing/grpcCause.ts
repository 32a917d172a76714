/** The gRPC status a Temporal client error carries in its cause, when it has one. */
export function grpcCause(err: unknown): { code: unknown; details: unknown } | null {
  const cause = (err as { cause?: { code?: unknown; details?: unknown } }).cause;
  return cause?.code === undefined ? null : { code: cause.code, details: cause.details };
}
