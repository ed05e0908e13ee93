/**
 * Names for numbers, derived from the tables in netlink.ts and rtnetlink.ts: message types per
 * protocol, flags per kind of message, rtmsg field values, groups. Nothing here defines a fact.
 */
import { CONTROL_TYPES, FLAGS, NETLINK_ROUTE, NLMSG_ERROR, NLMSG_MIN_TYPE, NLM_F_DUMP, NLM_F_DUMP_NAME, type FlagClass, type FlagInfo } from './netlink';
import { RTM_TYPES, RTNL_GROUPS, RT_PROTOCOLS, RT_SCOPES, RT_TABLES, RT_TYPES, RTA_ATTRS, rtmVerb, type NamedValue } from './rtnetlink';

export interface MessageTypeInfo {
  protocol: number;
  type: number;
  name: string;
  /** Which modifier flags apply: rtnetlink's NEW/DEL/GET, or none. */
  flagClass: FlagClass | null;
}

const registry: MessageTypeInfo[] = RTM_TYPES.map((t) => ({ protocol: NETLINK_ROUTE, type: t.type, name: t.name, flagClass: verbClass(t.type) }));

function verbClass(type: number): FlagClass | null {
  const verb = rtmVerb(type);
  return verb === 'set' ? null : verb;
}

/** A kernel family adds its own message types (a module's protocol has its own numbering). */
export function registerMessageTypes(types: readonly MessageTypeInfo[]): void {
  for (const t of types) if (!registry.some((r) => r.protocol === t.protocol && r.type === t.type)) registry.push(t);
}

export function messageTypes(protocol?: number): readonly MessageTypeInfo[] {
  return protocol === undefined ? registry : registry.filter((r) => r.protocol === protocol);
}

/** The kernel's name for a message type, if it has one. */
export function knownMessageTypeName(type: number, protocol = NETLINK_ROUTE): string | undefined {
  if (type < NLMSG_MIN_TYPE) return CONTROL_TYPES.find((c) => c.type === type)?.name;
  return registry.find((r) => r.protocol === protocol && r.type === type)?.name;
}

/** The kernel's name for a message type, or "type 42" in English (the CLI's words; the interface words its own). */
export function messageTypeName(type: number, protocol = NETLINK_ROUTE): string {
  return knownMessageTypeName(type, protocol) ?? `type ${type}`;
}

export function messageTypeFromName(name: string, protocol?: number): number | undefined {
  const control = CONTROL_TYPES.find((c) => c.name === name);
  if (control) return control.type;
  return registry.find((r) => r.name === name && (protocol === undefined || r.protocol === protocol))?.type;
}

/** The kind of modifier bits a message carries: fixed for control messages, per type otherwise. */
function flagClass(type: number, protocol: number): FlagClass | null {
  if (type === NLMSG_ERROR) return 'ack';
  if (type < NLMSG_MIN_TYPE) return null;
  const known = registry.find((r) => r.protocol === protocol && r.type === type);
  if (known) return known.flagClass;
  return protocol === NETLINK_ROUTE ? verbClass(type) : null;
}

/** The flags a class of message may carry, worked out once per class (every request names its flags). */
const flagTables = new Map<FlagClass | null, readonly FlagInfo[]>();

function flagsOf(cls: FlagClass | null): readonly FlagInfo[] {
  let table = flagTables.get(cls);
  if (!table) flagTables.set(cls, (table = FLAGS.filter((f) => f.class === 'common' || f.class === cls)));
  return table;
}

/**
 * Flag names valid for this message type. Bits 0x100 and up are reused, so the type decides:
 * 0x600 is NLM_F_EXCL|NLM_F_CREATE on RTM_NEWROUTE but NLM_F_MATCH|NLM_F_ATOMIC on a GET.
 * A GET with both ROOT and MATCH reads as NLM_F_DUMP, as iproute2 and the kernel write it.
 */
export function flagNames(type: number, flags: number, protocol = NETLINK_ROUTE): string[] {
  const cls = flagClass(type, protocol);
  const names: string[] = [];
  let rest = flags;
  for (const f of FLAGS) {
    if (f.class !== 'common') continue;
    if (flags & f.bit) {
      names.push(f.name);
      rest &= ~f.bit;
    }
  }
  if (cls === 'get' && (flags & NLM_F_DUMP) === NLM_F_DUMP) {
    names.push(NLM_F_DUMP_NAME);
    rest &= ~NLM_F_DUMP;
  }
  for (const f of FLAGS) {
    if (f.class !== cls || cls === 'common') continue;
    if (rest & f.bit) {
      names.push(f.name);
      rest &= ~f.bit;
    }
  }
  if (rest) names.push(`0x${rest.toString(16)}`);
  return names;
}

export function formatFlags(type: number, flags: number, protocol = NETLINK_ROUTE): string {
  const names = flagNames(type, flags, protocol);
  return names.length ? names.join('|') : '0';
}

/** The value of a list of flag names for a message type, or the first name that is not one of its flags. */
export function flagsFromNames(type: number, names: readonly string[], protocol = NETLINK_ROUTE): { ok: true; value: number } | { ok: false; error: string } {
  const cls = flagClass(type, protocol);
  const table = flagsOf(cls);
  let value = 0;
  for (const raw of names) {
    const name = raw.trim();
    if (name === NLM_F_DUMP_NAME && cls === 'get') {
      value |= NLM_F_DUMP;
      continue;
    }
    const hit = table.find((f) => f.name === name);
    if (!hit) return { ok: false, error: name };
    value |= hit.bit;
  }
  return { ok: true, value };
}

const byValue = (table: readonly NamedValue[], key: 'name' | 'short'): Readonly<Record<number, string>> => {
  const out: Record<number, string> = {};
  for (const n of table) if (out[n.value] === undefined) out[n.value] = n[key];
  return out;
};

/** Short table names (`ip route` spelling) by number. */
export const TABLE_NAMES = byValue(
  RT_TABLES.filter((t) => t.value >= 253),
  'short',
);
export const TABLE_CONSTANT_NAMES = byValue(RT_TABLES, 'name');
export const PROTOCOL_NAMES = byValue(RT_PROTOCOLS, 'name');
export const SCOPE_NAMES = byValue(RT_SCOPES, 'name');
export const ROUTE_TYPE_NAMES = byValue(RT_TYPES, 'name');
export const RTA_NAMES: Readonly<Record<number, string>> = Object.fromEntries(RTA_ATTRS.map((a) => [a.type, a.name]));

/** The words a scenario may use for each rtmsg field. */
export const ROUTE_FIELD_NAMES = {
  table: RT_TABLES.filter((t) => t.short !== 'compat').map((t) => t.short),
  protocol: RT_PROTOCOLS.map((t) => t.short),
  scope: RT_SCOPES.map((t) => t.short),
  type: RT_TYPES.map((t) => t.short),
} as const;

export const ROUTE_FIELD_TABLES = { table: RT_TABLES, protocol: RT_PROTOCOLS, scope: RT_SCOPES, type: RT_TYPES } as const;

export const GROUP_NAMES: Readonly<Record<number, string>> = Object.fromEntries(RTNL_GROUPS.map((g) => [g.group, g.name]));

/** Netlink protocols by name (socket()'s third argument); a kernel family registers its own. */
const protocolRegistry: Array<{ protocol: number; name: string }> = [{ protocol: NETLINK_ROUTE, name: 'NETLINK_ROUTE' }];

export function registerProtocol(protocol: number, name: string): void {
  if (!protocolRegistry.some((p) => p.protocol === protocol)) protocolRegistry.push({ protocol, name });
}

/** The protocol number a scenario's name stands for (default NETLINK_ROUTE). */
export function protocolNumber(name: string | undefined): number {
  return protocolRegistry.find((p) => p.name === (name ?? 'NETLINK_ROUTE'))?.protocol ?? NETLINK_ROUTE;
}

/** NETLINK_ROUTE, NETLINK_RTMGR, or the number for a protocol no family speaks. */
export function protocolName(protocol: number): string {
  return protocolRegistry.find((p) => p.protocol === protocol)?.name ?? String(protocol);
}

export function protocolNames(): readonly string[] {
  return protocolRegistry.map((p) => p.name);
}

/** Group numbers are per protocol: group 1 is RTNLGRP_LINK on NETLINK_ROUTE, a module's own group elsewhere. */
const groupRegistry = new Map<number, Readonly<Record<number, string>>>([[NETLINK_ROUTE, GROUP_NAMES]]);

/** A kernel family names its multicast groups. */
export function registerGroupNames(protocol: number, groups: ReadonlyArray<{ group: number; name: string }>): void {
  groupRegistry.set(protocol, { ...groupRegistry.get(protocol), ...Object.fromEntries(groups.map((g) => [g.group, g.name])) });
}

/** A multicast group by its kernel name (RTNLGRP_IPV4_ROUTE, RTMGR_GRP_EVENTS): its protocol and number. */
export function groupByName(name: string): { protocol: number; group: number } | undefined {
  for (const [protocol, names] of groupRegistry) for (const [group, n] of Object.entries(names)) if (n === name) return { protocol, group: Number(group) };
  return undefined;
}

/** Every group name the families know. */
export function groupNames(): string[] {
  return [...groupRegistry.values()].flatMap((names) => Object.values(names));
}

/** The kernel's name for a group, if it has one. */
export function knownGroupName(group: number, protocol = NETLINK_ROUTE): string | undefined {
  return groupRegistry.get(protocol)?.[group];
}

/** The kernel's name for a group, or "group 3" in English (the CLI's words; the interface words its own). */
export function groupName(group: number, protocol = NETLINK_ROUTE): string {
  return knownGroupName(group, protocol) ?? `group ${group}`;
}
