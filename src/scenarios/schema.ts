/**
 * The scenario file format, version 1, as a valibot schema. It describes the shape the engine takes
 * (ScenarioSpec); validate.ts casts the parsed output to that type, and running every lecture and
 * the golden traces is what keeps the two in step. Names (flags, route fields, socket options,
 * trace kinds) come from the engine's tables. Cross-references (process names, route labels,
 * times) are checked in validate.ts.
 */
import * as v from 'valibot';
import {
  families,
  MAX_PROCESSES,
  groupNames,
  REQUEST_FLAG_NAMES,
  ROUTE_FIELD_NAMES,
  RTMGR_REQUEST_NAMES,
  RTMGR_TYPES,
  SOCKET_OPTIONS,
  TRACE_KINDS,
  type ProtocolName,
  type SocketOptionName,
  type TraceKind,
} from '../engine';
import { BYTES_MAX, MS_MAX, PID_MAX, READ_COUNT_MAX, U32_MAX } from './limits';

/** How many actions, captions and questions a scenario may have. */
export const MAX_ACTIONS = 5000;
export const MAX_NARRATION = 1000;
export const MAX_QUESTIONS = 200;
/** The keys a scenario file must have; the rest are optional. */
export const REQUIRED_KEYS = ['version', 'id', 'title', 'summary', 'goals', 'processes', 'routes', 'actions'] as const;

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const u32 = int(0, U32_MAX);
const ms = v.pipe(v.number(), v.minValue(0), v.maxValue(MS_MAX));
const name = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'a short name of letters and digits, starting with a letter'));
const ipv4 = v.pipe(v.string(), v.regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address like 192.168.1.1'));
const prefix = v.pipe(
  v.string(),
  v.regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12][0-9]|3[0-2]))?$/, 'an IPv4 prefix like 10.0.1.0/24'),
);
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

const fieldName = (names: readonly string[]) => v.union([v.picklist(names as [string, ...string[]]), int(0, 255)]);

const RouteFields = {
  dst: prefix,
  gateway: v.optional(ipv4),
  oif: v.optional(v.union([name, int(1, 0xffff)])),
  prefsrc: v.optional(ipv4),
  priority: v.optional(u32),
  table: v.optional(v.union([v.picklist(ROUTE_FIELD_NAMES.table as [string, ...string[]]), u32])),
  protocol: v.optional(fieldName(ROUTE_FIELD_NAMES.protocol)),
  scope: v.optional(fieldName(ROUTE_FIELD_NAMES.scope)),
  type: v.optional(fieldName(ROUTE_FIELD_NAMES.type)),
  tos: v.optional(int(0, 255)),
};

const RouteSchema = v.strictObject(RouteFields);
const LabelledRouteSchema = v.strictObject({ label: name, ...RouteFields });

const AddressFields = {
  address: prefix,
  validLft: v.optional(int(0, 0xffff_fffe)),
  preferredLft: v.optional(int(0, 0xffff_fffe)),
};

const SOCKET_OPTION_NAMES = SOCKET_OPTIONS.map((o) => o.name) as [SocketOptionName, ...SocketOptionName[]];
/** socket(AF_NETLINK, SOCK_RAW, protocol): by the name of a kernel family the engine has. */
const protocol = v.picklist(families().map((f) => f.name) as [ProtocolName, ...ProtocolName[]]);
/** A module entry's name: 1..7 printable characters (the 8th byte is the NUL). */
const entryName = v.pipe(v.string(), v.regex(/^[\x21-\x7e]{1,7}$/, 'an entry name of 1 to 7 printable characters, like R3'));
const socketOptions = {
  protocol: v.optional(protocol),
  rcvbuf: v.optional(int(0, BYTES_MAX)),
  noEnobufs: v.optional(v.boolean()),
  capAck: v.optional(v.boolean()),
  extAck: v.optional(v.boolean()),
  pktinfo: v.optional(v.boolean()),
  strictChk: v.optional(v.boolean()),
};

const REQUEST_TYPES = ['RTM_NEWROUTE', 'RTM_DELROUTE', 'RTM_GETROUTE', 'RTM_NEWADDR', 'RTM_DELADDR', 'RTM_GETADDR', ...RTMGR_REQUEST_NAMES] as const;

const RequestSchema = v.strictObject({
  type: v.picklist(REQUEST_TYPES),
  flags: v.array(v.picklist(REQUEST_FLAG_NAMES as [string, ...string[]])),
  seq: u32,
  pid: v.optional(u32),
  route: v.optional(RouteSchema),
  routeOf: v.optional(name),
  label: v.optional(name),
  address: v.optional(v.strictObject({ ...AddressFields, dev: v.union([name, int(1, 0xffff)]) })),
  override: v.optional(v.strictObject({ dstLen: v.optional(int(0, 255)), table: v.optional(int(0, 255)) })),
  extraAttrs: v.optional(
    v.pipe(
      v.array(
        v.strictObject({ type: int(0, 0xffff), hex: v.pipe(v.string(), v.regex(/^([0-9a-fA-F]{2}){0,256}$/, 'pairs of hex digits, at most 256 bytes')) }),
      ),
      v.maxLength(16),
    ),
  ),
  /** NETLINK_RTMGR: the fields of struct rtmgr_entry_msg (the rest are zero). */
  entry: v.optional(v.strictObject({ name: v.optional(entryName), dst: v.optional(prefix), delayMs: v.optional(u32) })),
});

const socketRef = { actor: name, socket: v.optional(name) };
/** Every action has a time, and may have a label that captions and questions can point at. */
const at = { at: ms, label: v.optional(name) };
/** A multicast group by number or by its kernel name, like flags (RTNLGRP_IPV4_ROUTE). */
const group = v.union([int(1, 0xffff_ffff), v.picklist(groupNames() as [string, ...string[]])]);

const ActionSchema = v.variant('do', [
  v.strictObject({ ...at, ...socketRef, do: v.literal('bind'), portId: v.optional(u32), groups: v.optional(u32) }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('join'), group }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('leave'), group }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('send'), request: RequestSchema }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('read'), count: v.optional(int(1, READ_COUNT_MAX)), buffer: v.optional(int(0, BYTES_MAX)) }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('set-rcvbuf'), bytes: int(0, BYTES_MAX) }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('set-option'), option: v.picklist(SOCKET_OPTION_NAMES), value: v.boolean() }),
  v.strictObject({ ...at, do: v.literal('spawn'), actor: name, pid: int(1, PID_MAX), protocol: v.optional(protocol) }),
  v.strictObject({ ...at, actor: name, do: v.literal('open'), socket: name, ...socketOptions }),
  v.strictObject({ ...at, ...socketRef, do: v.literal('close') }),
  v.strictObject({ ...at, do: v.literal('arm-timer'), route: name, afterMs: ms, protocol: v.optional(protocol) }),
  v.strictObject({ ...at, do: v.literal('cancel-timer'), route: name, protocol: v.optional(protocol) }),
]);

const TRACE_KIND_NAMES = TRACE_KINDS.filter((k) => k !== 'start') as [TraceKind, ...TraceKind[]];

const StepMatcher = {
  /** The action by its index in "actions", or by its label. */
  action: v.optional(v.union([int(0), name])),
  event: v.optional(v.picklist(TRACE_KIND_NAMES)),
  actor: v.optional(v.union([name, v.literal('kernel')])),
  messageType: v.optional(v.picklist([...new Set([...REQUEST_TYPES, ...RTMGR_TYPES.map((t) => t.name), 'NLMSG_ERROR', 'NLMSG_DONE'])])),
  nth: v.optional(int(1, 1000)),
};

const NarrationSchema = v.strictObject({ ...StepMatcher, title: text(80), text: text(600), goal: v.optional(int(0, 7)) });

const QuestionSchema = v.strictObject({
  id: name,
  before: v.strictObject(StepMatcher),
  prompt: text(300),
  kind: v.picklist(['single', 'multiple']),
  choices: v.pipe(v.array(text(120)), v.minLength(2), v.maxLength(8)),
  answer: v.pipe(v.array(int(0, 7)), v.minLength(1)),
  explanation: text(600),
  tryIt: v.optional(
    v.strictObject({
      label: text(80),
      forkBefore: v.optional(v.strictObject(StepMatcher)),
      actions: v.pipe(v.array(ActionSchema), v.minLength(1), v.maxLength(16)),
    }),
  ),
});

export const ScenarioSchema = v.strictObject({
  $schema: v.optional(v.string()),
  version: v.literal(1),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes')),
  title: text(120),
  summary: text(600),
  goals: v.pipe(v.array(text(160)), v.maxLength(8)),
  settings: v.optional(
    v.strictObject({
      latencyMs: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10_000))),
      seed: v.optional(int(0, 0xffff_ffff)),
      rmemMax: v.optional(int(0, 0x7fff_ffff)),
    }),
  ),
  interfaces: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          index: int(1, 0xffff),
          name,
          addresses: v.optional(v.pipe(v.array(v.strictObject({ ...AddressFields, routeLabel: v.optional(name) })), v.maxLength(8))),
        }),
      ),
      v.maxLength(16),
    ),
  ),
  processes: v.pipe(
    v.array(
      v.strictObject({
        name,
        pid: int(1, PID_MAX),
        sockets: v.optional(v.pipe(v.array(v.strictObject({ name, ...socketOptions })), v.maxLength(8))),
      }),
    ),
    v.maxLength(MAX_PROCESSES),
  ),
  routes: v.pipe(v.array(LabelledRouteSchema), v.maxLength(64)),
  /** insmod rtmgr_mod.ko: the course module beside rtnetlink; entries default to R1-R3. */
  module: v.optional(
    v.strictObject({
      useMulticast: v.optional(v.boolean()),
      entries: v.optional(v.pipe(v.array(v.strictObject({ name: entryName, dst: prefix })), v.maxLength(8))),
    }),
  ),
  actions: v.pipe(v.array(ActionSchema), v.maxLength(MAX_ACTIONS)),
  narration: v.optional(v.pipe(v.array(NarrationSchema), v.maxLength(MAX_NARRATION))),
  questions: v.optional(v.pipe(v.array(QuestionSchema), v.maxLength(MAX_QUESTIONS))),
  recap: v.optional(v.strictObject({ happened: text(400), facts: v.pipe(v.array(text(200)), v.minLength(1), v.maxLength(3)) })),
  /** Per language code ("es", "pt-BR"): an English text of this scenario -> its translation. */
  i18n: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code like es or pt-BR')),
      v.record(v.pipe(v.string(), v.maxLength(600)), text(600)),
    ),
  ),
});
