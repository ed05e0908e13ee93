/**
 * The engine's public API. A pure, deterministic netlink (NETLINK_ROUTE) simulation:
 * run a scenario, get a timeline of steps with immutable world snapshots and real wire bytes.
 */
export * from './constants';
export type { Route, ProcessState, SocketState, TimerState, Endpoint, Message, MessageKind, World } from './model';
export { socketOf } from './model';
export { fifoToArray, type Fifo } from './fifo';
export type {
  ScenarioSpec,
  ProcessSpec,
  SocketSpec,
  RouteSpec,
  LabelledRouteSpec,
  ActionSpec,
  ActionKind,
  RequestSpec,
  NarrationSpec,
  QuestionSpec,
  MessageTypeName,
} from './spec';
export { DEFAULT_LATENCY_MS, DEFAULT_INTERFACES } from './spec';
export type { TraceEvent, TraceKind } from './trace';
export { TRACE_KINDS, assertNever } from './trace';
export type { Step, Timeline, RunOptions, ForkOptions } from './timeline';
export { run, seek, seekTime, fork, forkScenario } from './timeline';
export { buildRequest, socketId, dumpOrder } from './sim';
export type { NlMessage, NlMsgHeader, NlPayload, RouteAttr, RtMsg } from './wire';
export { encode, encodedLength, toHex, fromHex, hexPairs, splitDatagram, WireError, align4 } from './wire';
export type { Decoded, DecodedField } from './decode';
export { decode } from './decode';
export { formatRoute, parsePrefix, routeFromSpec, storedRouteBody, requestRouteBody, ROUTE_FIELD_NAMES, routeSpecOf } from './routes';
export { describeStep, endpointName, messageLabel, stepActor, stepMessage, processOfSocket } from './describe';
