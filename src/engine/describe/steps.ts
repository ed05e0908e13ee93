/** Plain-words summaries of steps and endpoints, shared by the CLI, the log and the narration. */
import { errnoName } from '../protocol/netlink';
import { formatFlags, groupName, messageTypeName } from '../protocol/names';
import { IFA_LOCAL, RTA_DST } from '../protocol/rtnetlink';
import { SOCK_MIN_RCVBUF } from '../core/skb';
import { messageLength } from '../core/message';
import type { Endpoint, Message, World } from '../model';
import { formatRoute } from '../families/route/routes';
import { protocolName } from '../protocol/names';
import { socketOf } from '../model';
import type { Step, Timeline } from '../timeline';
import { assertNever } from '../trace';

export function processOfSocket(socket: string): string {
  return socket.slice(0, socket.indexOf('/'));
}

/** "P1", or "P3's sync socket" when the process has more than one. */
function who(socket: string, w: World): string {
  const p = processOfSocket(socket);
  const proc = w.processes[p];
  return proc && proc.sockets.length > 1 ? `${p} (socket "${socket.slice(p.length + 1)}")` : p;
}

/** "P1", "kernel" or the group's name. */
export function endpointName(e: Endpoint): string {
  switch (e.kind) {
    case 'kernel':
      return 'kernel';
    case 'socket':
      return processOfSocket(e.socket);
    case 'group':
      return groupName(e.group, e.protocol);
  }
}

export function messageLabel(m: Message): string {
  const h = m.message.header;
  return `${messageTypeName(h.type, m.protocol)}${m.route ? ` (${m.route})` : ''}`;
}

function errorText(m: Message): string {
  const p = m.message.payload;
  if (p.kind !== 'error') return '';
  if (p.error === 0) return 'ACK (error 0)';
  return `error -${errnoName(-p.error) ?? -p.error}`;
}

/** The process a step concerns, if any: who sent, received, read, bound or joined. */
export function stepActor(step: Step, t: Timeline): string | undefined {
  const e = step.event;
  switch (e.kind) {
    case 'process-started':
      return e.process;
    case 'socket-opened':
    case 'socket-bound':
    case 'group-joined':
    case 'group-left':
    case 'rcvbuf-set':
    case 'option-set':
    case 'message-read':
    case 'read-error':
    case 'socket-closed':
      return processOfSocket(e.socket);
    case 'message-sent': {
      const m = t.messages[e.message]!;
      return endpointName(m.from);
    }
    case 'message-delivered':
    case 'message-dropped':
      return endpointName(t.messages[e.message]!.to);
    case 'timer-armed':
    case 'timer-cancelled':
    case 'timer-fired':
    case 'route-added':
    case 'route-removed':
    case 'address-added':
    case 'address-deprecated':
    case 'address-removed':
    case 'entry-changed':
    case 'unicast-failed':
      return 'kernel';
    case 'start':
    case 'action-failed':
      return undefined;
    default:
      return assertNever(e);
  }
}

/** The message a step is about, if any. */
export function stepMessage(step: Step, t: Timeline): Message | undefined {
  const e = step.event;
  return 'message' in e ? t.messages[e.message] : undefined;
}

function describeMessage(m: Message): string {
  const h = m.message.header;
  const p = m.message.payload;
  let what = '';
  if (p.kind === 'route') {
    const dst = p.attrs.find((a) => a.type === RTA_DST);
    if (dst && dst.kind === 'ipv4') what = ` ${dst.value}/${p.rtmsg.dstLen}`;
  }
  if (p.kind === 'addr') {
    const local = p.attrs.find((a) => a.type === IFA_LOCAL);
    if (local && local.kind === 'ipv4') what = ` ${local.value}/${p.ifa.prefixLen}`;
  }
  if (p.kind === 'rtmgr' && p.name)
    what = ` ${p.name}${p.dstLen || p.dst !== '0.0.0.0' ? ` ${p.dst}/${p.dstLen}` : ''}${p.delayMs ? ` delay_ms ${p.delayMs}` : ''}`;
  const kindText = m.kind === 'ack' || m.kind === 'error' ? ` — ${errorText(m)}` : '';
  return `${messageTypeName(h.type, m.protocol)}${what} (flags ${formatFlags(h.type, h.flags, m.protocol)}, seq ${h.seq}, pid ${h.pid})${kindText}`;
}

const ENTRY_CHANGE = {
  added: (n: string) => `module adds ${n} in a free slot`,
  deleted: (n: string) => `module frees ${n}'s slot; its interest list goes with it`,
  registered: (n: string, p: number) => `module appends port id ${p} to ${n}'s interest list`,
  unregistered: (n: string, p: number) => `module removes port id ${p} from ${n}'s interest list`,
  forgotten: (n: string, p: number) => `module forgets port id ${p}: it is gone, so it leaves ${n}'s interest list`,
} as const;

const DROP_REASON = {
  'rcvbuf-full': 'receive queue full',
  congested: 'socket still congested after an overrun',
  truncated: 'it did not fit the recvmsg() buffer (MSG_TRUNC), and the rest of a datagram is lost',
  closed: 'the socket was closed, and what it had queued was freed',
} as const;

/** Where a message sits in its datagram: "message 2 of 9", and the datagram's length. */
export function datagramInfo(t: Timeline, m: Message): { index: number; count: number; bytes: number } {
  const first = t.messages[m.datagram]!;
  let count = 0;
  let bytes = 0;
  for (let i = first.id; i < t.messages.length && t.messages[i]!.datagram === first.id; i++) {
    count++;
    bytes += (messageLength(t.messages[i]!) + 3) & ~3;
  }
  return { index: m.id - first.id + 1, count, bytes };
}

export function describeStep(step: Step, t: Timeline): string {
  const e = step.event;
  const w = step.world;
  switch (e.kind) {
    case 'start':
      return `Start: ${t.spec.title}`;
    case 'process-started':
      return `${e.process} starts (pid ${e.pid})`;
    case 'socket-opened':
      return `${processOfSocket(e.socket)} opens a ${protocolName(socketOf(w, e.socket)?.protocol ?? 0)} socket "${e.socket.slice(e.socket.indexOf('/') + 1)}"`;
    case 'socket-bound':
      return `${who(e.socket, w)}${w.processes[processOfSocket(e.socket)]!.sockets.length > 1 ? '' : "'s socket"} is bound to port id ${e.portId}${e.autobind ? ' (autobind)' : ''}`;
    case 'group-joined':
      return `${who(e.socket, w)} joins ${groupName(e.group, socketOf(w, e.socket)?.protocol)} (${e.group})${e.via === 'bind' ? ' via nl_groups at bind()' : ' via NETLINK_ADD_MEMBERSHIP'}`;
    case 'group-left':
      return `${who(e.socket, w)} leaves ${groupName(e.group, socketOf(w, e.socket)?.protocol)} (${e.group})${e.via === 'bind' ? ' via nl_groups at bind()' : ' via NETLINK_DROP_MEMBERSHIP'}`;
    case 'rcvbuf-set':
      return `${who(e.socket, w)} sets SO_RCVBUF to ${e.requested}: the kernel keeps ${e.bytes} bytes${e.bytes === 2 * e.requested ? ' (doubled)' : ` (doubled, capped at rmem_max, at least ${SOCK_MIN_RCVBUF})`}`;
    case 'option-set':
      return `${who(e.socket, w)} turns ${e.value ? 'on' : 'off'} ${e.option}`;
    case 'message-sent': {
      const m = t.messages[e.message]!;
      if (m.to.kind === 'group') {
        const n = e.copies?.length ?? 0;
        const who = (e.copies ?? []).map((c) => endpointName(t.messages[c]!.to)).join(', ');
        return `kernel multicasts ${describeMessage(m)} to ${groupName(m.to.group, m.protocol)}: ${n === 0 ? 'no members, no copies' : `${n} ${n === 1 ? 'copy' : 'copies'} (${who})`}`;
      }
      return `${endpointName(m.from)} sends ${describeMessage(m)} to ${endpointName(m.to)}`;
    }
    case 'message-delivered': {
      const m = t.messages[e.message]!;
      if (m.to.kind === 'kernel') return `kernel receives ${messageLabel(m)} from ${endpointName(m.from)}`;
      const d = datagramInfo(t, m);
      if (d.count === 1) return `${endpointName(m.to)}'s receive queue takes ${messageLabel(m)} (${m.bytes.length} bytes, charged ${m.truesize} for the skb)`;
      if (d.index === 1)
        return `${endpointName(m.to)}'s receive queue takes one datagram of ${d.count} messages (${d.bytes} bytes, charged ${m.truesize} for the skb), starting with ${messageLabel(m)}`;
      return `${messageLabel(m)} is message ${d.index} of ${d.count} in that datagram`;
    }
    case 'message-dropped': {
      const m = t.messages[e.message]!;
      return `${messageLabel(m)} ${e.reason === 'truncated' ? 'cut off' : 'dropped'} for ${endpointName(m.to)}: ${DROP_REASON[e.reason]}`;
    }
    case 'message-read': {
      const m = t.messages[e.message]!;
      const p = m.message.payload;
      let what = describeMessage(m);
      if (p.kind === 'route' && m.route) what += ` — that is ${m.route}`;
      const d = datagramInfo(t, m);
      if (d.count === 1) return `${who(e.socket, w)} reads ${what}`;
      return `${who(e.socket, w)} reads ${what} (message ${d.index} of ${d.count} from one recvmsg())`;
    }
    case 'read-error':
      return e.errno === 'ENOBUFS'
        ? `${who(e.socket, w)}'s recvmsg() fails with ENOBUFS: messages were dropped, re-sync`
        : `${who(e.socket, w)}'s recvmsg() finds nothing to read (EAGAIN)`;
    case 'timer-armed': {
      const timer = w.timers[e.timer];
      if (timer?.kind === 'rtmgr-entry') return `module arms ${e.route}'s timer (mod_timer): it deletes ${e.route} at t = ${(e.fireAt / 1000).toFixed(2)} s`;
      if (timer && timer.kind !== 'route')
        return `kernel notes the lifetime of ${timer.address}: ${timer.kind === 'address-valid' ? 'it goes' : 'it is deprecated'} at t = ${(e.fireAt / 1000).toFixed(2)} s`;
      return `kernel arms a timer: delete ${e.route} at t = ${(e.fireAt / 1000).toFixed(2)} s`;
    }
    case 'timer-cancelled':
      return `kernel cancels the timer on ${e.route}`;
    case 'timer-fired':
      if (t.steps[step.index - 1]?.world.timers[e.timer]?.kind === 'rtmgr-entry')
        return `${e.route}'s timer fires: rtmgr_timer_fn() must not sleep, so it schedules the work item that deletes ${e.route}`;
      return e.address ? `check_lifetime() runs: a lifetime of ${e.address} has run out` : `timer fires for ${e.route}`;
    case 'route-added':
      return `kernel ${e.replaced ? 'replaces' : 'adds'} ${e.route.label}: ${formatRoute(e.route, w.interfaces)}`;
    case 'route-removed':
      return `kernel removes ${e.route.label}: ${formatRoute(e.route, w.interfaces)}`;
    case 'address-added':
      return `kernel adds address ${e.address} on ${w.interfaces[e.ifindex] ?? `if${e.ifindex}`}`;
    case 'address-deprecated':
      return `the preferred lifetime of ${e.address} on ${w.interfaces[e.ifindex] ?? `if${e.ifindex}`} ends: the address is deprecated`;
    case 'address-removed':
      return `kernel removes address ${e.address} from ${w.interfaces[e.ifindex] ?? `if${e.ifindex}`}`;
    case 'socket-closed':
      return `${who(e.socket, w)} closes its ${protocolName(socketOf(w, e.socket)?.protocol ?? 0)} socket${e.portId === null ? '' : `: port id ${e.portId} is free again`}`;
    case 'entry-changed':
      return ENTRY_CHANGE[e.change](e.entry, e.port ?? 0);
    case 'unicast-failed':
      return `nlmsg_unicast() to port id ${e.port} fails with ECONNREFUSED: no ${protocolName(e.protocol)} socket holds it any more`;
    case 'action-failed':
      return `not done: ${e.reason}`;
    default:
      return assertNever(e);
  }
}
