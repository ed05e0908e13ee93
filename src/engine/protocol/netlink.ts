/**
 * The netlink core's numbers and names (include/uapi/linux/netlink.h, errno.h), each defined once.
 * Spelled exactly as the kernel spells them, so a learner can search for them. Everything else
 * (the validation schema, the sandbox's menus, the inspector, the CLI) derives from these tables.
 */

export const NLMSG_HDRLEN = 16;
export const NLMSG_ALIGNTO = 4;
/** Protocol message types start here; 0-15 are the core's control messages. */
export const NLMSG_MIN_TYPE = 16;

export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;

export const AF_INET = 2;
export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;

export const SOL_NETLINK = 270;
export const NETLINK_ADD_MEMBERSHIP = 1;
export const NETLINK_DROP_MEMBERSHIP = 2;
export const NETLINK_PKTINFO = 3;
export const NETLINK_NO_ENOBUFS = 5;
export const NETLINK_CAP_ACK = 10;
export const NETLINK_EXT_ACK = 11;
export const NETLINK_GET_STRICT_CHK = 12;

/** The control messages every netlink protocol shares. */
export const CONTROL_TYPES: ReadonlyArray<{ type: number; name: string; meaning: string }> = [
  { type: NLMSG_NOOP, name: 'NLMSG_NOOP', meaning: 'Nothing: a message to be ignored.' },
  { type: NLMSG_ERROR, name: 'NLMSG_ERROR', meaning: "The answer to a request: an error code (0 means success, an ACK) and the request's header." },
  { type: NLMSG_DONE, name: 'NLMSG_DONE', meaning: 'The end of a multi-part answer such as a dump.' },
  { type: NLMSG_OVERRUN, name: 'NLMSG_OVERRUN', meaning: 'Data was lost (defined, but the kernel does not send it).' },
];

/**
 * What the modifier bits 0x100 and up mean depends on the kind of message: a NEW, a DEL, a GET,
 * or an ACK. `common` bits mean the same on every message.
 */
export type FlagClass = 'common' | 'get' | 'new' | 'del' | 'ack';

export interface FlagInfo {
  name: string;
  bit: number;
  class: FlagClass;
  /** One plain sentence: what the bit asks for or says. */
  meaning: string;
}

export const FLAGS: readonly FlagInfo[] = [
  { name: 'NLM_F_REQUEST', bit: 0x01, class: 'common', meaning: 'This message is a request (set on everything sent to the kernel).' },
  { name: 'NLM_F_MULTI', bit: 0x02, class: 'common', meaning: 'One part of a multi-part answer; NLMSG_DONE ends it.' },
  { name: 'NLM_F_ACK', bit: 0x04, class: 'common', meaning: 'Send an acknowledgement (NLMSG_ERROR with error 0) on success.' },
  { name: 'NLM_F_ECHO', bit: 0x08, class: 'common', meaning: 'Send the resulting notification back to the requester too.' },
  { name: 'NLM_F_DUMP_INTR', bit: 0x10, class: 'common', meaning: 'The dump was interrupted by a change and may be inconsistent.' },
  { name: 'NLM_F_DUMP_FILTERED', bit: 0x20, class: 'common', meaning: 'The dump was filtered as the request asked.' },
  { name: 'NLM_F_ROOT', bit: 0x100, class: 'get', meaning: 'Return the whole table, not one entry.' },
  { name: 'NLM_F_MATCH', bit: 0x200, class: 'get', meaning: 'Return every entry that matches.' },
  { name: 'NLM_F_ATOMIC', bit: 0x400, class: 'get', meaning: 'Return an atomic snapshot of the table.' },
  { name: 'NLM_F_REPLACE', bit: 0x100, class: 'new', meaning: 'Replace an existing entry.' },
  { name: 'NLM_F_EXCL', bit: 0x200, class: 'new', meaning: 'Fail with EEXIST if the entry exists.' },
  { name: 'NLM_F_CREATE', bit: 0x400, class: 'new', meaning: 'Create the entry if it does not exist.' },
  { name: 'NLM_F_APPEND', bit: 0x800, class: 'new', meaning: 'Add to the end of the list of entries.' },
  { name: 'NLM_F_NONREC', bit: 0x100, class: 'del', meaning: 'Do not delete recursively.' },
  { name: 'NLM_F_BULK', bit: 0x200, class: 'del', meaning: 'Delete several entries at once.' },
  { name: 'NLM_F_CAPPED', bit: 0x100, class: 'ack', meaning: 'The echoed request was cut to its header.' },
  { name: 'NLM_F_ACK_TLVS', bit: 0x200, class: 'ack', meaning: 'Extended-ACK attributes follow the echoed request.' },
];

/** NLM_F_ROOT|NLM_F_MATCH: how iproute2 and the kernel spell "dump". */
export const NLM_F_DUMP_NAME = 'NLM_F_DUMP';

function bit(name: string): number {
  return FLAGS.find((f) => f.name === name)!.bit;
}

export const NLM_F_REQUEST = bit('NLM_F_REQUEST');
export const NLM_F_MULTI = bit('NLM_F_MULTI');
export const NLM_F_ACK = bit('NLM_F_ACK');
export const NLM_F_ECHO = bit('NLM_F_ECHO');
export const NLM_F_DUMP_INTR = bit('NLM_F_DUMP_INTR');
export const NLM_F_DUMP_FILTERED = bit('NLM_F_DUMP_FILTERED');
export const NLM_F_ROOT = bit('NLM_F_ROOT');
export const NLM_F_MATCH = bit('NLM_F_MATCH');
export const NLM_F_ATOMIC = bit('NLM_F_ATOMIC');
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
export const NLM_F_REPLACE = bit('NLM_F_REPLACE');
export const NLM_F_EXCL = bit('NLM_F_EXCL');
export const NLM_F_CREATE = bit('NLM_F_CREATE');
export const NLM_F_APPEND = bit('NLM_F_APPEND');
export const NLM_F_NONREC = bit('NLM_F_NONREC');
export const NLM_F_BULK = bit('NLM_F_BULK');
export const NLM_F_CAPPED = bit('NLM_F_CAPPED');
export const NLM_F_ACK_TLVS = bit('NLM_F_ACK_TLVS');

/** Every flag name a request may carry (the modifier names of every class, and NLM_F_DUMP). */
export const REQUEST_FLAG_NAMES: readonly string[] = [
  ...FLAGS.filter((f) => f.class !== 'ack' && !f.name.startsWith('NLM_F_DUMP_')).map((f) => f.name),
  NLM_F_DUMP_NAME,
];

export interface ErrnoInfo {
  name: string;
  code: number;
  /** strerror() text. */
  text: string;
}

export const ERRNOS: readonly ErrnoInfo[] = [
  { name: 'EPERM', code: 1, text: 'Operation not permitted' },
  { name: 'ENOENT', code: 2, text: 'No such file or directory' },
  { name: 'ESRCH', code: 3, text: 'No such process' },
  { name: 'EAGAIN', code: 11, text: 'Resource temporarily unavailable' },
  { name: 'ENOMEM', code: 12, text: 'Cannot allocate memory' },
  { name: 'EBUSY', code: 16, text: 'Device or resource busy' },
  { name: 'EEXIST', code: 17, text: 'File exists' },
  { name: 'ENODEV', code: 19, text: 'No such device' },
  { name: 'EINVAL', code: 22, text: 'Invalid argument' },
  { name: 'ENOSPC', code: 28, text: 'No space left on device' },
  { name: 'ERANGE', code: 34, text: 'Numerical result out of range' },
  { name: 'EPROTONOSUPPORT', code: 93, text: 'Protocol not supported' },
  { name: 'EOPNOTSUPP', code: 95, text: 'Operation not supported' },
  { name: 'EADDRINUSE', code: 98, text: 'Address already in use' },
  { name: 'EADDRNOTAVAIL', code: 99, text: 'Cannot assign requested address' },
  { name: 'ENETUNREACH', code: 101, text: 'Network is unreachable' },
  { name: 'ENOBUFS', code: 105, text: 'No buffer space available' },
  { name: 'ECONNREFUSED', code: 111, text: 'Connection refused' },
];

export type ErrnoName =
  | 'EPERM'
  | 'ENOENT'
  | 'ESRCH'
  | 'EAGAIN'
  | 'ENOMEM'
  | 'EBUSY'
  | 'EEXIST'
  | 'ERANGE'
  | 'ENODEV'
  | 'EINVAL'
  | 'ENOSPC'
  | 'EPROTONOSUPPORT'
  | 'EOPNOTSUPP'
  | 'EADDRINUSE'
  | 'EADDRNOTAVAIL'
  | 'ENETUNREACH'
  | 'ENOBUFS'
  | 'ECONNREFUSED';

export const ERRNO = Object.fromEntries(ERRNOS.map((e) => [e.name, e.code])) as Readonly<Record<ErrnoName, number>>;

export function errnoName(code: number): ErrnoName | undefined {
  return ERRNOS.find((e) => e.code === code)?.name as ErrnoName | undefined;
}

export function errnoText(code: number): string | undefined {
  return ERRNOS.find((e) => e.code === code)?.text;
}
