/**
 * Why an action could not run, as data: which sentence (`id`) and the names and numbers that go in
 * it, as a step's description is data (describe/stepText.ts). Each language words it: English in
 * describe/failures.ts for the CLI, validation and the English interface, other languages in src/i18n.
 * Names here are already the kernel's spelling (message types, flags, protocols), so no language
 * translates them.
 */
export type Failure =
  /** `socket` is left out where the action named none (recvmsg, sendmsg and SO_RCVBUF say less). */
  | { id: 'no-socket'; process: string; socket?: string }
  | { id: 'already-closed'; socket: string }
  | { id: 'already-member'; socket: string; group: number }
  | { id: 'not-member'; socket: string; group: number }
  | { id: 'process-exists'; process: string }
  | { id: 'pid-taken'; pid: number }
  | { id: 'no-process'; process: string }
  | { id: 'socket-exists'; process: string; socket: string }
  /** socket() for a protocol whose module is not loaded: EPROTONOSUPPORT. */
  | { id: 'protocol-not-registered'; protocol: string; number: number }
  | { id: 'no-family'; number: number }
  /** bind(): EADDRINUSE. */
  | { id: 'port-in-use'; portId: number }
  /** bind() of a bound socket to another port id: EINVAL. */
  | { id: 'already-bound'; socket: string; portId: number }
  | { id: 'no-kernel-timer'; protocol: string }
  | { id: 'no-timer-cancel'; protocol: string }
  | { id: 'no-route-to-time'; route: string }
  | { id: 'no-timer'; route: string }
  | { id: 'module-not-loaded' }
  | { id: 'no-entry-to-time'; entry: string }
  // A request that cannot be written as bytes.
  | { id: 'unknown-type'; type: string }
  | { id: 'not-protocol-type'; type: string; protocol: string }
  | { id: 'not-a-flag'; flag: string; type: string }
  | { id: 'entry-name'; name: string }
  | { id: 'needs-entry'; type: string }
  | { id: 'no-route'; route: string; type: string }
  | { id: 'needs-route'; type: string }
  | { id: 'dump-only'; type: string }
  | { id: 'needs-address'; type: string }
  | { id: 'not-hex'; attribute: number; hex: string }
  /** The wire encoder's own message (a WireError), English in every language. */
  | { id: 'not-encodable'; detail: string }
  // A route or address field a request or scenario names.
  | { id: 'unknown-name'; name: string }
  | { id: 'not-prefix'; text: string }
  | { id: 'unknown-interface'; name: string };

export type FailureId = Failure['id'];

/** One way of wording every failure, e.g. English or Spanish. */
export type FailureWords = { readonly [K in FailureId]: (f: Extract<Failure, { id: K }>) => string };

/** A failure in the given words. */
export function sayFailure(f: Failure, words: FailureWords): string {
  return (words[f.id] as (f: Failure) => string)(f);
}
