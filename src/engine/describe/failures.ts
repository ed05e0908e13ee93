/**
 * Why an action could not run, in English: the CLI's trace, scenario validation, the C generator's
 * notes and the English interface read these, so a change here changes them all.
 */
import { sayFailure, type Failure, type FailureWords } from '../failure';

export const FAILURE_ENGLISH: FailureWords = {
  'no-socket': (f) => `${f.process} has no socket ${f.socket ?? ''}`.trim(),
  'already-closed': (f) => `${f.socket} is already closed`,
  'already-member': (f) => `${f.socket} is already a member of group ${f.group}`,
  'not-member': (f) => `${f.socket} is not a member of group ${f.group}`,
  'process-exists': (f) => `there is already a process ${f.process}`,
  'pid-taken': (f) => `pid ${f.pid} is already taken`,
  'no-process': (f) => `there is no process ${f.process}`,
  'socket-exists': (f) => `${f.process} already has a socket "${f.socket}"`,
  'protocol-not-registered': (f) => `socket(AF_NETLINK, SOCK_RAW, ${f.protocol}) fails with EPROTONOSUPPORT: no module has registered protocol ${f.number}`,
  'no-family': (f) => `no kernel family for protocol ${f.number}`,
  'port-in-use': (f) => `bind(): port id ${f.portId} is in use (EADDRINUSE)`,
  'already-bound': (f) => `bind(): ${f.socket} is already bound to port id ${f.portId}; only that id may be named again (EINVAL)`,
  'no-kernel-timer': (f) => `${f.protocol} has no kernel-side timer to arm`,
  'no-timer-cancel': (f) => `${f.protocol} has no way to cancel a timer (rtmgr_mod.c offers none)`,
  'no-route-to-time': (f) => `no route ${f.route} to arm a timer on`,
  'no-timer': (f) => `no timer armed on ${f.route}`,
  'module-not-loaded': () => 'the module is not loaded (add "module" to the scenario)',
  'no-entry-to-time': (f) => `the module has no entry ${f.entry} to arm a timer on`,
  'unknown-type': (f) => `unknown message type ${f.type}`,
  'not-protocol-type': (f) => `${f.type} is not a ${f.protocol} message type`,
  'not-a-flag': (f) => `${f.flag} is not a flag of ${f.type}`,
  'entry-name': (f) => `entry name "${f.name}" is not 1 to 8 printable characters`,
  'needs-entry': (f) => `${f.type} needs "entry": { "name": ... }`,
  'no-route': (f) => `no route ${f.route} in the table when ${f.type} is sent`,
  'needs-route': (f) => `${f.type} needs route fields`,
  'dump-only': (f) => `${f.type} is answered only as a dump: add NLM_F_DUMP`,
  'needs-address': (f) => `${f.type} needs "address" fields`,
  'not-hex': (f) => `extra attribute ${f.attribute}: "${f.hex}" is not hex bytes`,
  'not-encodable': (f) => f.detail,
  'unknown-name': (f) => `unknown name "${f.name}"`,
  'not-prefix': (f) => `"${f.text}" is not an IPv4 prefix like 10.0.1.0/24`,
  'unknown-interface': (f) => `unknown interface "${f.name}"`,
};

/** A failure in plain English, as the CLI, validation and the C generator say it. */
export const failureEnglish = (f: Failure): string => sayFailure(f, FAILURE_ENGLISH);
