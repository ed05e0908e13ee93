/** iproute2 spellings: a stored route as `ip route add` words, and the command that sends a request. */
import {
  decode,
  NLM_F_APPEND,
  NLM_F_CREATE,
  NLM_F_DUMP,
  NLM_F_EXCL,
  NLM_F_REPLACE,
  RT_PROTOCOLS,
  RT_SCOPES,
  RT_TABLES,
  RT_TYPES,
  RTA_NAMES,
  RTM_DELROUTE,
  RTM_GETROUTE,
  RTM_NEWROUTE,
  type Route,
} from '../engine';

type Interfaces = Readonly<Record<number, string>>;

// Words `ip` knows (lib/rt_names.c); anything else is given as a number, which `ip` also accepts.
const IP_TABLES = new Set(['main', 'local', 'default']);
const IP_PROTOCOLS = new Set(['redirect', 'kernel', 'boot', 'static']);
const IP_SCOPES = new Set(['global', 'site', 'link', 'host', 'nowhere']);
const IP_TYPES = new Set(['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit']);

function word(table: ReadonlyArray<{ value: number; short: string }>, known: Set<string>, v: number): string {
  const hit = table.find((n) => n.value === v && known.has(n.short));
  return hit ? hit.short : String(v);
}

const tableWord = (v: number) => word(RT_TABLES, IP_TABLES, v);
const protoWord = (v: number) => word(RT_PROTOCOLS, IP_PROTOCOLS, v);
const scopeWord = (v: number) => word(RT_SCOPES, IP_SCOPES, v);
const typeWord = (v: number) => word(RT_TYPES, IP_TYPES, v);

const dev = (ifindex: number, interfaces: Interfaces) => interfaces[ifindex] ?? `if${ifindex}`;

/** Every field of a stored route, as the arguments of `ip route add` that recreate it exactly. */
export function routeAddArgs(r: Route, interfaces: Interfaces): string {
  const w = [typeWord(r.type), `${r.dst}/${r.dstLen}`];
  if (r.gateway) w.push('via', r.gateway);
  if (r.oif !== undefined) w.push('dev', dev(r.oif, interfaces));
  if (r.prefsrc) w.push('src', r.prefsrc);
  w.push('proto', protoWord(r.protocol), 'scope', scopeWord(r.scope), 'table', tableWord(r.table));
  if (r.priority) w.push('metric', String(r.priority));
  if (r.tos) w.push('tos', String(r.tos));
  return w.join(' ');
}

/** The `ip route` verb for RTM_NEWROUTE's flags, as iproute2's do_iproute() maps them. */
function newVerb(flags: number): string | undefined {
  const f = flags & (NLM_F_CREATE | NLM_F_EXCL | NLM_F_REPLACE | NLM_F_APPEND);
  if (f === (NLM_F_CREATE | NLM_F_EXCL)) return 'add';
  if (f === (NLM_F_CREATE | NLM_F_REPLACE)) return 'replace';
  if (f === NLM_F_REPLACE) return 'change';
  if (f === (NLM_F_CREATE | NLM_F_APPEND)) return 'append';
  if (f === NLM_F_CREATE) return 'prepend';
  return undefined;
}

/** The iproute2 command that sends this request (give or take NLM_F_ACK, which `ip` always sets), or undefined. */
export function ipCommand(bytes: Uint8Array, interfaces: Interfaces): string | undefined {
  const d = decode(bytes);
  if (!d.ok) return undefined;
  const m = d.value.message;
  const p = m.payload;
  if (p.kind !== 'route') return undefined;
  const h = m.header;
  const attr = (name: string) => p.attrs.find((a) => RTA_NAMES[a.type] === name);
  const ipv4 = (name: string) => {
    const a = attr(name);
    return a && a.kind === 'ipv4' ? a.value : undefined;
  };
  const u32 = (name: string) => {
    const a = attr(name);
    return a && a.kind === 'u32' ? a.value : undefined;
  };
  if (h.type === RTM_GETROUTE) {
    if ((h.flags & NLM_F_DUMP) === NLM_F_DUMP) {
      // `ip route show` asks for table main with RTA_TABLE (and turns on strict checking, without which the kernel ignores it).
      const table = u32('RTA_TABLE') ?? p.rtmsg.table;
      const which = table === 0 ? ' table all' : table === 254 ? '' : ` table ${tableWord(table)}`;
      return `ip ${p.rtmsg.family === 2 ? '-4 ' : ''}route show${which}`;
    }
    const dst = ipv4('RTA_DST');
    return dst ? `ip route get fibmatch ${dst}` : undefined;
  }
  if (h.type !== RTM_NEWROUTE && h.type !== RTM_DELROUTE) return undefined;
  const verb = h.type === RTM_DELROUTE ? 'del' : newVerb(h.flags);
  if (!verb) return undefined;
  const r = p.rtmsg;
  const w = ['ip', 'route', verb];
  if (h.type === RTM_NEWROUTE && r.type !== 1) w.push(typeWord(r.type));
  w.push(`${ipv4('RTA_DST') ?? '0.0.0.0'}/${r.dstLen}`);
  const gw = ipv4('RTA_GATEWAY');
  if (gw) w.push('via', gw);
  const oif = u32('RTA_OIF');
  if (oif !== undefined) w.push('dev', dev(oif, interfaces));
  const src = ipv4('RTA_PREFSRC');
  if (src) w.push('src', src);
  const table = u32('RTA_TABLE') ?? r.table;
  if (table !== 254 && table !== 0) w.push('table', tableWord(table));
  if (h.type === RTM_NEWROUTE) {
    if (r.protocol !== 3) w.push('proto', protoWord(r.protocol));
    // `ip route add` picks scope link for a route with no gateway, universe otherwise.
    const defaultScope = gw ? 0 : 253;
    if (r.scope !== defaultScope) w.push('scope', scopeWord(r.scope));
  } else if (r.protocol) w.push('proto', protoWord(r.protocol));
  const metric = u32('RTA_PRIORITY');
  if (metric) w.push('metric', String(metric));
  return w.join(' ');
}
