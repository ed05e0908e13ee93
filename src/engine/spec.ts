import type { RtmgrRequestName } from './families/rtmgr/uapi';

/**
 * What a scenario asks the engine to simulate. src/scenarios validates JSON into this shape;
 * the engine trusts it only as far as types go and reports what it cannot do in the trace.
 */

export type RouteFieldName = string | number;

/** A route as written in a scenario. Names (main, boot, link, unicast, eth0) or numbers. */
export interface RouteSpec {
  /** "10.0.1.0/24" */
  dst: string;
  gateway?: string;
  /** Output interface: its name ("eth0") or ifindex. */
  oif?: string | number;
  prefsrc?: string;
  priority?: number;
  table?: RouteFieldName;
  protocol?: RouteFieldName;
  scope?: RouteFieldName;
  type?: RouteFieldName;
  tos?: number;
}

export interface LabelledRouteSpec extends RouteSpec {
  label: string;
}

/** Socket options a scenario may set (SOL_NETLINK level), by the kernel's name. */
export type SocketOptionName = 'NETLINK_NO_ENOBUFS' | 'NETLINK_CAP_ACK' | 'NETLINK_EXT_ACK' | 'NETLINK_PKTINFO' | 'NETLINK_GET_STRICT_CHK';

/** The protocols a socket may be opened for: socket(AF_NETLINK, SOCK_RAW, protocol). */
export type ProtocolName = 'NETLINK_ROUTE' | 'NETLINK_RTMGR';

export interface SocketSpec {
  name: string;
  /** Default NETLINK_ROUTE. NETLINK_RTMGR needs the scenario's `module`. */
  protocol?: ProtocolName;
  /**
   * The value passed to setsockopt(SO_RCVBUF). The kernel keeps twice that (capped at rmem_max,
   * at least SOCK_MIN_RCVBUF 2304). Left out: net.core.rmem_default, 212 992, as the kernel keeps it.
   */
  rcvbuf?: number;
  noEnobufs?: boolean;
  capAck?: boolean;
  extAck?: boolean;
  pktinfo?: boolean;
  strictChk?: boolean;
}

export interface ProcessSpec {
  name: string;
  pid: number;
  /** Default: one socket named "s0". */
  sockets?: SocketSpec[];
}

export type MessageTypeName = 'RTM_NEWROUTE' | 'RTM_DELROUTE' | 'RTM_GETROUTE' | 'RTM_NEWADDR' | 'RTM_DELADDR' | 'RTM_GETADDR' | RtmgrRequestName;

/** The fields of struct rtmgr_entry_msg a request fills; the rest are zero, as rtmgr_user sends them. */
export interface EntrySpec {
  /** 1..7 characters: "R3". */
  name?: string;
  /** ADD: "10.0.4.0/24". */
  dst?: string;
  /** ARM: the delay before deletion; 0 or left out means the module's 10 000. */
  delayMs?: number;
}

/** The course module (public/course-module/rtmgr_mod.c) as insmod loads it. */
export interface ModuleSpec {
  /** insmod rtmgr_mod.ko use_multicast=1: one multicast to group 1 instead of a unicast per listener. */
  useMulticast?: boolean;
  /** The table on load; left out: R1 10.0.1.0/24, R2 10.0.2.0/24, R3 10.0.3.0/24 (rtmgr_initial[]). */
  entries?: Array<{ name: string; dst: string }>;
}

export interface RequestSpec {
  type: MessageTypeName;
  /** Flag names as the kernel spells them, e.g. ["NLM_F_REQUEST", "NLM_F_ACK"]. */
  flags: string[];
  seq: number;
  /** nlmsg_pid as the sender writes it; requests usually leave it 0. */
  pid?: number;
  /** Route fields; for a dump, leave it out. */
  route?: RouteSpec;
  /** Address fields for RTM_NEWADDR / RTM_DELADDR; for a dump, leave it out. */
  address?: AddressSpec & { dev: string | number };
  /** Copy the route fields from the route that has this label when the request is sent. */
  routeOf?: string;
  /** Label the kernel's new route gets (RTM_NEWROUTE); default: next free R<n>. */
  label?: string;
  /** Header values written as given, even when the kernel will refuse them (e.g. a /33 prefix). */
  override?: { dstLen?: number; table?: number };
  /** Attributes appended as raw bytes, e.g. one the kernel does not know. */
  extraAttrs?: Array<{ type: number; hex: string }>;
  /** The payload of a NETLINK_RTMGR request (struct rtmgr_entry_msg). */
  entry?: EntrySpec;
}

interface ActionBase {
  /** Simulated time in milliseconds. */
  at: number;
  /** A name captions and questions can point at instead of the action's index (it survives reordering). */
  label?: string;
}
interface SocketAction extends ActionBase {
  actor: string;
  /** Socket name within the process; default: its first socket. */
  socket?: string;
}

export type ActionSpec =
  | (SocketAction & { do: 'bind'; portId?: number; groups?: number })
  | (SocketAction & { do: 'join'; group: number })
  | (SocketAction & { do: 'leave'; group: number })
  | (SocketAction & { do: 'send'; request: RequestSpec })
  /** recvmsg() `count` times (default: until the queue is empty), each with a buffer of `buffer` bytes (default 32 768). */
  | (SocketAction & { do: 'read'; count?: number; buffer?: number })
  /** setsockopt(SO_RCVBUF, bytes): the kernel keeps twice that, at least 2304. */
  | (SocketAction & { do: 'set-rcvbuf'; bytes: number })
  | (SocketAction & { do: 'set-option'; option: SocketOptionName; value: boolean })
  /** A new process with one socket "s0" of `protocol` (default NETLINK_ROUTE). */
  | (ActionBase & { do: 'spawn'; actor: string; pid: number; protocol?: ProtocolName })
  | (SocketAction & { do: 'open'; socket: string } & Omit<SocketSpec, 'name'>)
  /** close(): the port id is free again; a kernel that unicasts to it gets ECONNREFUSED. */
  | (SocketAction & { do: 'close' })
  /** A kernel timer, scripted: on a route (NETLINK_ROUTE), or on a module entry as ARM would arm it. */
  | (ActionBase & { do: 'arm-timer'; route: string; afterMs: number; protocol?: ProtocolName })
  | (ActionBase & { do: 'cancel-timer'; route: string; protocol?: ProtocolName });

export type ActionKind = ActionSpec['do'];

/** Ties a caption to the first step that matches. No `action`: the opening caption (step 0). */
export interface NarrationSpec {
  /** The action, by index in `actions` or by its `label`. */
  action?: number | string;
  /** Trace event kind, e.g. "message-delivered". Default: the first step the action causes. */
  event?: string;
  /** Process name the step must concern (receiver, reader, binder). */
  actor?: string;
  /** Message type name the step's message must have. */
  messageType?: string;
  /** Which match to take when several steps match: 1 (the default) is the first. */
  nth?: number;
  title: string;
  text: string;
  /** Index of the learning goal this caption teaches. */
  goal?: number;
}

export interface QuestionSpec {
  id: string;
  /** The question pauses playback before the step that this matcher finds. */
  before: Omit<NarrationSpec, 'title' | 'text' | 'goal'>;
  prompt: string;
  kind: 'single' | 'multiple';
  choices: string[];
  /** Indexes into choices. */
  answer: number[];
  explanation: string;
  /**
   * A transfer question's variation, which the lecture itself does not show: "try it in the sandbox"
   * forks the run just before the step `forkBefore` finds (at its end when left out) and adds these
   * actions, whose `at` counts from the fork (see src/scenarios/variation.ts).
   */
  tryIt?: { label: string; forkBefore?: Omit<NarrationSpec, 'title' | 'text' | 'goal'>; actions: ActionSpec[] };
}

/** What to keep from a lecture: one sentence on what happened and the facts worth remembering. */
export interface RecapSpec {
  happened: string;
  facts: string[];
}

export interface ScenarioSpec {
  version: 1;
  id: string;
  title: string;
  summary: string;
  goals: string[];
  /** rmemMax: net.core.rmem_max (default 212 992, the kernel's own). */
  settings?: { latencyMs?: number; seed?: number; rmemMax?: number };
  /** The network interfaces and their IPv4 addresses; default: lo, eth0 and eth1 (DEFAULT_INTERFACES). */
  interfaces?: InterfaceSpec[];
  processes: ProcessSpec[];
  routes: LabelledRouteSpec[];
  /** Load the course module beside rtnetlink (NETLINK_RTMGR sockets need it). */
  module?: ModuleSpec;
  actions: ActionSpec[];
  narration?: NarrationSpec[];
  questions?: QuestionSpec[];
  /** The end-of-lecture summary card. */
  recap?: RecapSpec;
  /** The learner's text in other languages: per language code, English text -> translation. */
  i18n?: Record<string, Record<string, string>>;
}

/** How many processes a scenario may have at once: what the stage lays out readably at 1024×700. */
export const MAX_PROCESSES = 16;

export const DEFAULT_LATENCY_MS = 300;
/** An IPv4 address on an interface, as `ip address add` gives it. */
export interface AddressSpec {
  /** "192.168.1.2/24" */
  address: string;
  /** IFA_CACHEINFO lifetimes in seconds; left out: forever (IFA_F_PERMANENT). */
  validLft?: number;
  preferredLft?: number;
  /** The label the kernel's prefix route for this address gets on the stage (default: the next free C<n>). */
  routeLabel?: string;
}

export interface InterfaceSpec {
  index: number;
  name: string;
  addresses?: AddressSpec[];
}

/** The interfaces of the namespace the kernel captures come from: lo, eth0 with 192.168.1.2/24, eth1. */
export const DEFAULT_INTERFACES: InterfaceSpec[] = [
  { index: 1, name: 'lo', addresses: [{ address: '127.0.0.1/8' }] },
  { index: 2, name: 'eth0', addresses: [{ address: '192.168.1.2/24' }] },
  { index: 3, name: 'eth1' },
];
