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

export interface SocketSpec {
  name: string;
  /** sk_rcvbuf in bytes (default 212 992, net.core.rmem_default). */
  rcvbuf?: number;
  noEnobufs?: boolean;
  capAck?: boolean;
}

export interface ProcessSpec {
  name: string;
  pid: number;
  /** Default: one socket named "s0". */
  sockets?: SocketSpec[];
}

export type MessageTypeName = 'RTM_NEWROUTE' | 'RTM_DELROUTE' | 'RTM_GETROUTE';

export interface RequestSpec {
  type: MessageTypeName;
  /** Flag names as the kernel spells them, e.g. ["NLM_F_REQUEST", "NLM_F_ACK"]. */
  flags: string[];
  seq: number;
  /** nlmsg_pid as the sender writes it; requests usually leave it 0. */
  pid?: number;
  /** Route fields; for a dump, leave it out. */
  route?: RouteSpec;
  /** Copy the route fields from the route that has this label when the request is sent. */
  routeOf?: string;
  /** Label the kernel's new route gets (RTM_NEWROUTE); default: next free R<n>. */
  label?: string;
}

interface ActionBase {
  /** Simulated time in milliseconds. */
  at: number;
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
  | (SocketAction & { do: 'read'; count?: number })
  | (SocketAction & { do: 'set-rcvbuf'; bytes: number })
  | (ActionBase & { do: 'spawn'; actor: string; pid: number })
  | (SocketAction & { do: 'open'; socket: string; rcvbuf?: number; noEnobufs?: boolean; capAck?: boolean })
  | (ActionBase & { do: 'arm-timer'; route: string; afterMs: number })
  | (ActionBase & { do: 'cancel-timer'; route: string });

export type ActionKind = ActionSpec['do'];

/** Ties a caption to the first step that matches. No `action`: the opening caption (step 0). */
export interface NarrationSpec {
  action?: number;
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
}

export interface ScenarioSpec {
  version: 1;
  id: string;
  title: string;
  summary: string;
  goals: string[];
  settings?: { latencyMs?: number; seed?: number };
  interfaces?: Array<{ index: number; name: string }>;
  processes: ProcessSpec[];
  routes: LabelledRouteSpec[];
  actions: ActionSpec[];
  narration?: NarrationSpec[];
  questions?: QuestionSpec[];
}

export const DEFAULT_LATENCY_MS = 300;
export const DEFAULT_INTERFACES: Array<{ index: number; name: string }> = [
  { index: 1, name: 'lo' },
  { index: 2, name: 'eth0' },
  { index: 3, name: 'eth1' },
];
