/**
 * The engine's public API. A pure, deterministic netlink simulation: run a scenario, get a
 * timeline of steps with immutable world snapshots and real wire bytes. Everything else in this
 * folder is internal.
 */
export * from './protocol/netlink';
export * from './protocol/rtnetlink';
export * from './protocol/names';
export type { Result } from './result';
export { ok, err } from './result';
export type { Route, ProcessState, SocketState, TimerState, Endpoint, Message, MessageKind, World, IfAddr, DumpState } from './model';
export { socketOf } from './model';
export { fifoToArray, fifoPush, type Fifo } from './fifo';
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
  RecapSpec,
  MessageTypeName,
  SocketOptionName,
  AddressSpec,
  InterfaceSpec,
  ProtocolName,
} from './spec';
export { families } from './families';
export type { RtmgrEntry } from './families/rtmgr/state';
export { NETLINK_RTMGR, NETLINK_RTMGR_NAME, RTMGR_TYPES, RTMGR_REQUEST_NAMES, RTMGR_GRP_EVENTS } from './families/rtmgr/uapi';
export { SOCKET_OPTIONS, optionsOn } from './core/options';
export { skbTruesize, rcvbufFor, SOCK_MIN_RCVBUF, RMEM_DEFAULT, RMEM_MAX, NLMSG_GOODSIZE, DEFAULT_RECV_BUFFER } from './core/skb';
export { datagramInfo } from './describe/steps';
export { DEFAULT_LATENCY_MS, DEFAULT_INTERFACES, MAX_PROCESSES } from './spec';
export type { TraceEvent, TraceKind, EntryChange } from './trace';
export { TRACE_KINDS, assertNever } from './trace';
export type { Step, Timeline, RunOptions, ForkOptions, Runner, MessageList } from './timeline';
export { ReadList, ArrayList } from './list';
export { StepList, stepList } from './steps';
export { run, startRun, seek, seekTime, fork, forkScenario } from './timeline';
export { CHECKPOINT } from './snapshots';
export { socketId } from './core/world';
export { initialWorld } from './families';
export { nextLabel, dumpOrder } from './families/route/table';
export type { NlMessage, NlMsgHeader, NlPayload } from './wire/message';
export { encode, encodedLength, splitDatagram, NLMSGERR_ATTRS } from './wire/message';
export type { NlAttr } from './wire/attr';
export type { RouteAttr, RtMsg } from './families/route/rtmsg';
export { toHex, fromHex, WireError, align4 } from './wire/bytes';
export type { Decoded, DecodedField, FieldText, FieldWords, FieldPhrase, FieldTemplate } from './describe/fields';
export { decode, fieldText, sayField, fieldPhrases } from './describe/fields';
export { formatRoute, parsePrefix, routeFromSpec, storedRouteBody, requestRouteBody } from './families/route/routes';
export { addressText } from './families/route/addresses';
export { glossaryEntry, glossaryTerms, glossaryPhrases, sayGlossary, type GlossaryEntry, type GlossaryText, type GlossaryWords } from './describe/glossary';
export { endpointName, messageLabel, stepActor, stepMessage, processOfSocket } from './describe/steps';
export { describeStep, ENGLISH, type EngineWords } from './describe/english';
export { sayFailure, type Failure, type FailureId, type FailureWords } from './failure';
export { FAILURE_ENGLISH, failureEnglish } from './describe/failures';
export {
  stepText,
  sayStep,
  at as timeText,
  message as messageText,
  label as messageLabelText,
  type StepText,
  type StepTextId,
  type StepWords,
  type MessageText,
  type MessageLabel,
  type Who,
  type DropReason,
} from './describe/stepText';
