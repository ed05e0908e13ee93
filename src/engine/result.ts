/**
 * The engine's one error convention: a function that can fail returns a Result. Failures that
 * happen during a run are not Results: they stay data in the trace (an `action-failed` step, an
 * NLMSG_ERROR on the wire), as they would in the kernel.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
