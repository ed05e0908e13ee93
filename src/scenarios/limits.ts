/**
 * The numeric limits of the scenario format, in one place: the schema checks them, and the
 * sandbox clamps what a learner types to them, so that whatever the sandbox makes can be saved and
 * opened again.
 */
export const U32_MAX = 0xffff_ffff;
/** Simulated times and timer delays: at most one day, in milliseconds. */
export const MS_MAX = 86_400_000;
/** SO_RCVBUF and recvmsg() buffer sizes: an int. */
export const BYTES_MAX = 0x7fff_ffff;
/** Linux's largest pid (pid_max on 64-bit). */
export const PID_MAX = 4_194_304;
/** How many datagrams one read action takes at most. */
export const READ_COUNT_MAX = 10_000;

/** A whole number between min and max; anything that is not a finite number becomes min. */
export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.max(min, Math.min(max, Math.floor(value)));
}
