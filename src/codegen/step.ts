/**
 * The code behind one step. A user-space step is the system call the process makes, with the
 * arguments the step used (a request's struct is built from its exact bytes); a kernel step is
 * the kernel's path through named functions, with the ones this step shows marked.
 */
import {
  errnoName,
  flagNames,
  messageTypeName,
  NETLINK_ROUTE,
  NETLINK_RTMGR,
  NLM_F_ACK,
  NLM_F_DUMP,
  NLM_F_ECHO,
  RTA_NAMES,
  DEFAULT_RECV_BUFFER,
  datagramInfo,
  RTM_DELROUTE,
  RTM_GETADDR,
  RTM_GETROUTE,
  RTM_NEWADDR,
  RTM_NEWROUTE,
  RTM_DELADDR,
  SOCKET_OPTIONS,
  RTNLGRP_IPV4_ROUTE,
  RTMGRP_IPV4_ROUTE,
  socketOf,
  NLMSG_DONE,
  NLMSG_ERROR,
  type ActionSpec,
  type Message,
  type Step,
  type Timeline,
  type SocketSpec,
  type World,
  failureEnglish,
} from '../engine';
import { groupExpr, groupsMaskExpr } from './c';
import { ipCommand } from './iproute';
import { DEPRECATE_PATH, FN, LIFETIME_PATH, requestPath, TIMER_PATH, type FnName, type KernelFn } from './kernelPath';
import { requestDecl } from './message';

export interface CodeBlock {
  /** Stable id, used for the copy button's name. */
  id: 'c' | 'shell';
  label: string;
  language: 'c' | 'shell';
  code: string;
}

export interface PathEntry extends KernelFn {
  /** The step shows this function at work. */
  current: boolean;
}

export interface StepCode {
  side: 'user' | 'kernel' | 'none';
  /** One line: who does what, e.g. "P1 calls sendmsg()". */
  title: string;
  blocks: CodeBlock[];
  path: PathEntry[];
  /** A sentence that puts the code in context (why a call looks the way it does). */
  note?: string;
}

const T = '\t';

function proc(socket: string): string {
  return socket.slice(0, socket.indexOf('/'));
}

/** "P1's socket" or "P3's socket \"sync\"". */
function sockName(socket: string, w: World): string {
  const p = proc(socket);
  const many = (w.processes[p]?.sockets.length ?? 1) > 1;
  return many ? `${p}'s socket "${socket.slice(p.length + 1)}"` : `${p}'s socket`;
}

/** "P1", or "P3 (socket \"sync\")" when the process has more than one socket. */
function who(socket: string, w: World): string {
  const p = proc(socket);
  return (w.processes[p]?.sockets.length ?? 1) > 1 ? `${p} (socket "${socket.slice(p.length + 1)}")` : p;
}

const die = (what: string, indent = ''): string[] => [`${indent}${T}perror(${JSON.stringify(what)});`, `${indent}${T}exit(EXIT_FAILURE);`];

/** The socket's spec as the scenario gives it (its SO_RCVBUF as asked, its options), from the processes or an 'open' action. */
function socketSpec(socket: string, t: Timeline): Omit<SocketSpec, 'name'> {
  const p = proc(socket);
  const name = socket.slice(p.length + 1);
  const fromProcess = t.spec.processes.find((x) => x.name === p)?.sockets?.find((x) => x.name === name);
  if (fromProcess) return fromProcess;
  const open = t.spec.actions.find((a) => a.do === 'open' && a.actor === p && a.socket === name);
  return open && open.do === 'open' ? open : {};
}

function socketCode(socket: string, t: Timeline, w: World): string[] {
  const s = socketSpec(socket, t);
  const lines = [
    `/* ${sockName(socket, w)} */`,
    'int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);',
    'if (fd < 0) {',
    ...die('socket'),
    '}',
  ];
  if (s.rcvbuf !== undefined) {
    lines.push(
      `int rcvbuf = ${s.rcvbuf}; /* the kernel keeps twice this, and at least 2304 */`,
      'if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) < 0) {',
      ...die('setsockopt(SO_RCVBUF)'),
      '}',
    );
  }
  const on = SOCKET_OPTIONS.filter((o) => s[o.field]);
  if (on.length) lines.push('int on = 1;');
  for (const o of on)
    lines.push(`/* ${o.meaning} */`, `if (setsockopt(fd, SOL_NETLINK, ${o.name}, &on, sizeof(on)) < 0) {`, ...die(`setsockopt(${o.name})`), '}');
  return lines;
}

function bindCode(a: Extract<ActionSpec, { do: 'bind' }>, portId: number | null): string[] {
  const groups = a.groups ?? 0;
  const groupsExpr = groups === RTMGRP_IPV4_ROUTE ? 'RTMGRP_IPV4_ROUTE' : groupsMaskExpr(groups);
  const chosen = !a.portId;
  return [
    'struct sockaddr_nl local = {',
    `${T}.nl_family = AF_NETLINK,`,
    `${T}.nl_pid = ${a.portId ?? 0},${chosen ? ` /* 0: the kernel chooses${portId !== null ? ` (here ${portId >>> 0})` : ''} */` : ''}`,
    `${T}.nl_groups = ${groupsExpr},${groups ? ` /* 0x${groups.toString(16)}: the legacy bitmask, bit g-1 for group g */` : ' /* no multicast groups */'}`,
    '};',
    'if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {',
    ...die('bind'),
    '}',
    ...(chosen
      ? [
          'socklen_t addrlen = sizeof(local);',
          'if (getsockname(fd, (struct sockaddr *)&local, &addrlen) < 0) {',
          ...die('getsockname'),
          '}',
          `printf("port id %u\\n", local.nl_pid);${portId !== null ? ` /* ${portId >>> 0} */` : ''}`,
        ]
      : []),
  ];
}

function membershipCode(join: boolean, group: number): string[] {
  const opt = join ? 'NETLINK_ADD_MEMBERSHIP' : 'NETLINK_DROP_MEMBERSHIP';
  return [
    `int group = ${groupExpr(group)};${groupExpr(group) !== String(group) ? ` /* ${group} */` : ''}`,
    `if (setsockopt(fd, SOL_NETLINK, ${opt}, &group, sizeof(group)) < 0) {`,
    ...die(`setsockopt(${opt})`),
    '}',
  ];
}

function optionCode(option: string, value: boolean): string[] {
  return [`int on = ${value ? 1 : 0};`, `if (setsockopt(fd, SOL_NETLINK, ${option}, &on, sizeof(on)) < 0) {`, ...die(`setsockopt(${option})`), '}'];
}

function rcvbufCode(bytes: number): string[] {
  return [
    `int rcvbuf = ${bytes};`,
    'if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) < 0) {',
    ...die('setsockopt(SO_RCVBUF)'),
    '}',
    '/* The kernel stores twice the value (room for its own bookkeeping), at least 2304. */',
    'socklen_t optlen = sizeof(rcvbuf);',
    'if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &optlen) == 0)',
    `${T}printf("SO_RCVBUF is now %d\\n", rcvbuf);`,
  ];
}

function sendCode(m: Message, w: World): string[] | undefined {
  const req = requestDecl(m.bytes, { name: 'req', interfaces: w.interfaces });
  if (!req) return undefined;
  const h = m.message.header;
  const after: string[] = [];
  if ((h.flags & NLM_F_DUMP) === NLM_F_DUMP && h.type === RTM_GETROUTE)
    after.push(`/* Then read until NLMSG_DONE with seq ${h.seq}: the parts come in datagrams of many messages each. */`);
  else if (h.flags & NLM_F_ACK) after.push(`/* NLM_F_ACK: an NLMSG_ERROR with seq ${h.seq} will answer, error 0 on success. */`);
  else after.push(`/* No NLM_F_ACK: silence means success; a failure still comes back as an NLMSG_ERROR with seq ${h.seq}. */`);
  if (h.flags & NLM_F_ECHO) after.push('/* NLM_F_ECHO: the notification comes back to this socket too, before the ACK. */');
  return [
    ...req.lines,
    '',
    'struct sockaddr_nl kernel = { .nl_family = AF_NETLINK }; /* nl_pid 0: the kernel */',
    'struct iovec iov = { .iov_base = &req, .iov_len = req.nh.nlmsg_len };',
    'struct msghdr msg = {',
    `${T}.msg_name = &kernel,`,
    `${T}.msg_namelen = sizeof(kernel),`,
    `${T}.msg_iov = &iov,`,
    `${T}.msg_iovlen = 1,`,
    '};',
    'if (sendmsg(fd, &msg, 0) < 0) {',
    ...die('sendmsg'),
    '}',
    ...after,
  ];
}

/** What this message is, as the comment inside the read loop says it. */
function messageComment(m: Message): string {
  const h = m.message.header;
  const p = m.message.payload;
  let what = `${messageTypeName(h.type, m.protocol)}, ${m.bytes.length} bytes, flags ${flagNames(h.type, h.flags).join('|') || '0'}, seq ${h.seq}, pid ${h.pid >>> 0}`;
  if (p.kind === 'error') what += p.error === 0 ? ': an ACK' : `: error -${errnoName(-p.error) ?? -p.error}`;
  if (p.kind === 'route') {
    const dst = p.attrs.find((a) => RTA_NAMES[a.type] === 'RTA_DST');
    if (dst && dst.kind === 'ipv4') what += `: ${dst.value}/${p.rtmsg.dstLen}`;
  }
  return what;
}

const recvHead = (size: number): string[] => [
  size === DEFAULT_RECV_BUFFER
    ? '/* 32 KiB, as netlink(7) recommends: a dump datagram holds many messages. */'
    : `/* ${size} bytes, as this read asks: a longer datagram is cut (MSG_TRUNC) and the rest is lost. */`,
  `static char buf[${size}] __attribute__((aligned(NLMSG_ALIGNTO)));`,
  'struct sockaddr_nl from;',
  'struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };',
  'struct msghdr msg = {',
  `${T}.msg_name = &from,`,
  `${T}.msg_namelen = sizeof(from),`,
  `${T}.msg_iov = &iov,`,
  `${T}.msg_iovlen = 1,`,
  '};',
  'ssize_t len = recvmsg(fd, &msg, MSG_DONTWAIT);',
];

function recvCode(m: Message, size: number): string[] {
  const h = m.message.header;
  const lines = [
    ...recvHead(size),
    'if (len < 0) {',
    `${T}if (errno == ENOBUFS)`,
    `${T}${T}fprintf(stderr, "messages were dropped: dump again to re-sync\\n");`,
    `${T}else if (errno != EAGAIN)`,
    `${T}${T}perror("recvmsg");`,
    `${T}return;`,
    '}',
    'if (msg.msg_flags & MSG_TRUNC)',
    `${T}fprintf(stderr, "datagram larger than the buffer: the rest is lost\\n");`,
    '/* One recvmsg() returns one datagram, which may hold several messages. */',
    'for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len)) {',
    `${T}/* This step: ${messageComment(m)} */`,
  ];
  if (h.type === NLMSG_ERROR) {
    lines.push(
      `${T}if (nh->nlmsg_type == NLMSG_ERROR) {`,
      `${T}${T}const struct nlmsgerr *err = NLMSG_DATA(nh);`,
      '',
      `${T}${T}if (err->error == 0)`,
      `${T}${T}${T}printf("ACK for seq %u\\n", err->msg.nlmsg_seq);`,
      `${T}${T}else`,
      `${T}${T}${T}fprintf(stderr, "seq %u failed: %s\\n", err->msg.nlmsg_seq, strerror(-err->error));`,
      `${T}}`,
    );
  } else if (h.type === NLMSG_DONE) {
    lines.push(`${T}if (nh->nlmsg_type == NLMSG_DONE)`, `${T}${T}break; /* the dump is complete */`);
  } else if (h.type === RTM_NEWROUTE || h.type === RTM_DELROUTE) {
    lines.push(
      `${T}if (nh->nlmsg_type == ${messageTypeName(h.type)}) {`,
      `${T}${T}const struct rtmsg *rtm = NLMSG_DATA(nh);`,
      `${T}${T}int attrlen = RTM_PAYLOAD(nh);`,
      '',
      `${T}${T}for (const struct rtattr *rta = RTM_RTA(rtm); RTA_OK(rta, attrlen); rta = RTA_NEXT(rta, attrlen)) {`,
      `${T}${T}${T}if (rta->rta_type == RTA_DST) {`,
      `${T}${T}${T}${T}const unsigned char *a = RTA_DATA(rta);`,
      '',
      `${T}${T}${T}${T}printf("${messageTypeName(h.type)} %u.%u.%u.%u/%u seq %u\\n", a[0], a[1], a[2], a[3], rtm->rtm_dst_len, nh->nlmsg_seq);`,
      `${T}${T}${T}}`,
      `${T}${T}}`,
      `${T}}`,
    );
  } else {
    lines.push(`${T}printf("type %u, %u bytes\\n", nh->nlmsg_type, nh->nlmsg_len);`);
  }
  lines.push('}');
  return lines;
}

function recvErrorCode(errno: 'ENOBUFS' | 'EAGAIN', size: number): string[] {
  return [
    ...recvHead(size),
    'if (len < 0) {',
    ...(errno === 'ENOBUFS'
      ? [
          `${T}if (errno == ENOBUFS) {`,
          `${T}${T}/* This step: the kernel dropped messages for this socket; the error is reported once, */`,
          `${T}${T}/* and messages queued before the overflow can still be read. Dump again to re-sync. */`,
          `${T}${T}fprintf(stderr, "lost notifications: re-sync\\n");`,
          `${T}}`,
        ]
      : [`${T}if (errno == EAGAIN) {`, `${T}${T}/* This step: nothing is queued, and MSG_DONTWAIT does not wait. */`, `${T}}`]),
    '}',
  ];
}

function monitorCommand(group: number): string | undefined {
  return group === RTNLGRP_IPV4_ROUTE ? 'ip -4 monitor route' : undefined;
}

function shell(code: string, note?: string): CodeBlock {
  return { id: 'shell', label: 'iproute2', language: 'shell', code: note ? `${code}\n# ${note}` : code };
}

function c(lines: string[]): CodeBlock {
  return { id: 'c', label: 'C', language: 'c', code: lines.join('\n') };
}

function path(keys: readonly FnName[], current: readonly FnName[]): PathEntry[] {
  return keys.map((k) => ({ ...FN[k], current: current.includes(k) }));
}

function requestOf(m: Message, t: Timeline): Message | undefined {
  if (m.kind === 'request') return m;
  if (m.inReplyTo !== undefined) return t.messages.at(m.inReplyTo);
  if (m.copyOf !== undefined) {
    const g = t.messages.at(m.copyOf);
    return g && g.inReplyTo !== undefined ? t.messages.at(g.inReplyTo) : undefined;
  }
  return undefined;
}

function requestKeys(req: Message): FnName[] {
  const h = req.message.header;
  return requestPath(h.type, (h.type === RTM_GETROUTE || h.type === RTM_GETADDR) && (h.flags & NLM_F_DUMP) === NLM_F_DUMP);
}

/** Why the kernel acts at this step: a request, an address lifetime, the course module's timer. */
type Origin = { kind: 'request'; request: Message } | { kind: 'lifetime'; deprecate: boolean } | { kind: 'module' };

function originOf(t: Timeline, index: number, m?: Message): Origin {
  const viaMessage = m ? requestOf(m, t) : undefined;
  if (viaMessage) return { kind: 'request', request: viaMessage };
  const step = t.steps.at(index)!;
  // Everything a timer causes happens at its moment, after its timer-fired step.
  for (let i = index; i >= 0 && t.steps.at(i)!.timeMs === step.timeMs; i--) {
    const e = t.steps.at(i)!.event;
    if (e.kind === 'timer-fired')
      return e.address !== undefined
        ? { kind: 'lifetime', deprecate: t.steps.slice(i, index + 1).some((x) => x.event.kind === 'address-deprecated') }
        : { kind: 'module' };
    if (e.kind === 'message-delivered' && t.messages.at(e.message)!.to.kind === 'kernel') return { kind: 'request', request: t.messages.at(e.message)! };
  }
  const cause = step.cause === null ? undefined : t.spec.actions[step.cause];
  if (cause?.do === 'send') {
    const req = t.messages.find((x) => x.cause === step.cause && x.kind === 'request');
    if (req) return { kind: 'request', request: req };
  }
  return { kind: 'module' };
}

function originKeys(o: Origin): FnName[] {
  if (o.kind === 'request') return requestKeys(o.request);
  if (o.kind === 'lifetime') return o.deprecate ? DEPRECATE_PATH : LIFETIME_PATH;
  return TIMER_PATH;
}

/** The function(s) that produce this message from the kernel. */
function senderKeys(m: Message): FnName[] {
  switch (m.kind) {
    case 'ack':
    case 'error':
      return ['netlink_ack'];
    case 'dump-part':
      return ['netlink_dump'];
    case 'done':
      return ['netlink_dump_done'];
    case 'reply':
      return ['inet_rtm_getroute', 'rtnl_unicast', 'netlink_unicast'];
    case 'notification': {
      const type = m.message.header.type;
      if (type === RTM_NEWADDR || type === RTM_DELADDR) return ['rtmsg_ifa', 'netlink_broadcast'];
      if (m.to.kind !== 'group') return ['nlmsg_notify'];
      // A route change with no request behind it (seq 0): fib_magic() for an address, or the module's timer.
      if (m.message.header.seq === 0 && m.message.header.pid === 0) return ['fib_magic', 'fib_notify', 'timer_notify', 'netlink_broadcast'];
      return ['rtmsg_fib', 'rtnl_notify', 'nlmsg_notify', 'netlink_broadcast'];
    }
    case 'request':
      return [];
  }
}

function kernelStep(title: string, keys: FnName[], current: FnName[], note?: string): StepCode {
  const out: StepCode = { side: 'kernel', title, blocks: [], path: path(keys, current) };
  if (note) out.note = note;
  return out;
}

function actionOf(step: Step, t: Timeline): ActionSpec | undefined {
  return step.cause === null ? undefined : t.spec.actions[step.cause];
}

/** Whether a step is the course module's (NETLINK_RTMGR): its C is rtmgr_mod.c and rtmgr_user.c, shown by ModuleSource. */
function isModuleStep(t: Timeline, index: number): boolean {
  const step = t.steps.at(index)!;
  const e = step.event;
  if (e.kind === 'entry-changed' || e.kind === 'unicast-failed') return true;
  if ('message' in e) return t.messages.at(e.message)!.protocol === NETLINK_RTMGR;
  if ('socket' in e) return (socketOf(step.world, e.socket) ?? socketOf(t.steps.before(index)?.world ?? step.world, e.socket))?.protocol === NETLINK_RTMGR;
  if (e.kind === 'timer-armed' || e.kind === 'timer-fired' || e.kind === 'timer-cancelled')
    return (step.world.timers[e.timer] ?? t.steps.before(index)?.world.timers[e.timer])?.protocol === NETLINK_RTMGR;
  if (e.kind === 'start') return step.world.socketOrder.length > 0 && socketOf(step.world, step.world.socketOrder[0]!)!.protocol === NETLINK_RTMGR;
  return false;
}

const MODULE_STEP: StepCode = {
  side: 'none',
  title: 'The course module’s step: its C is under “Module code”',
  blocks: [],
  path: [],
  note: 'rtmgr_mod.c and rtmgr_user.c (public/course-module/) run here, with the line of this step highlighted.',
};

/** The code behind step `index` of a timeline. */
export function stepCode(t: Timeline, index: number): StepCode {
  const step = t.steps.at(index);
  if (!step) return { side: 'none', title: 'No such step', blocks: [], path: [] };
  if (isModuleStep(t, index)) return MODULE_STEP;
  const e = step.event;
  const w = step.world;
  const a = actionOf(step, t);
  switch (e.kind) {
    case 'start': {
      const lines: string[] = ['#include <linux/netlink.h>', '#include <linux/rtnetlink.h>', '#include <sys/socket.h>', ''];
      const first = w.socketOrder[0];
      if (first) lines.push(...socketCode(first, t, w));
      const others = w.socketOrder.length - 1;
      return {
        side: 'user',
        title: w.socketOrder.length ? 'Each process opens a NETLINK_ROUTE socket' : 'The scenario starts',
        blocks: w.socketOrder.length ? [c(lines)] : [],
        path: [],
        note:
          others > 0
            ? `The other ${others} socket${others === 1 ? '' : 's'} open${others === 1 ? 's' : ''} the same way. A new socket has no port id until it is bound.`
            : 'A new socket has no port id until it is bound.',
      };
    }
    case 'process-started':
      return { side: 'user', title: `${e.process} starts (pid ${e.pid})`, blocks: [], path: [], note: 'Its socket opens in the next step.' };
    case 'socket-opened':
      return { side: 'user', title: `${who(e.socket, w)} calls socket()`, blocks: [c(socketCode(e.socket, t, w))], path: [] };
    case 'socket-bound': {
      if (a?.do === 'bind') {
        const blocks = [c(bindCode(a, e.portId))];
        const mon = (a.groups ?? 0) & RTMGRP_IPV4_ROUTE ? monitorCommand(RTNLGRP_IPV4_ROUTE) : undefined;
        if (mon) blocks.push(shell(mon, 'iproute2 listens to the same group this way'));
        return {
          side: 'user',
          title: `${who(e.socket, w)} calls bind()`,
          blocks,
          path: [],
          note: e.autobind
            ? `nl_pid 0 asks the kernel to choose: netlink_autobind() gave ${e.portId >>> 0}.`
            : `The kernel accepts ${e.portId >>> 0}: no other socket holds it.`,
        };
      }
      return kernelStep(
        `The kernel binds ${sockName(e.socket, w)} on its first sendmsg()`,
        ['netlink_sendmsg', 'netlink_autobind'],
        ['netlink_autobind'],
        `It gets port id ${e.portId >>> 0}.`,
      );
    }
    case 'group-joined':
    case 'group-left': {
      if (e.via === 'bind' && a?.do === 'bind') {
        const blocks = [c(bindCode(a, socketOf(w, e.socket)?.portId ?? null))];
        const mon = e.kind === 'group-joined' ? monitorCommand(e.group) : undefined;
        if (mon) blocks.push(shell(mon, 'iproute2 listens to the same group this way'));
        return {
          side: 'user',
          title: `${who(e.socket, w)} joins ${groupExpr(e.group)} through bind()`,
          blocks,
          path: [],
          note: "nl_groups at bind() replaces the socket's groups 1 to 32.",
        };
      }
      const join = e.kind === 'group-joined';
      const blocks = [c(membershipCode(join, e.group))];
      const mon = join ? monitorCommand(e.group) : undefined;
      if (mon) blocks.push(shell(mon, 'iproute2 listens to the same group this way'));
      return { side: 'user', title: `${who(e.socket, w)} calls setsockopt(${join ? 'NETLINK_ADD_MEMBERSHIP' : 'NETLINK_DROP_MEMBERSHIP'})`, blocks, path: [] };
    }
    case 'rcvbuf-set':
      return { side: 'user', title: `${who(e.socket, w)} calls setsockopt(SO_RCVBUF)`, blocks: [c(rcvbufCode(e.bytes))], path: [] };
    case 'message-sent': {
      const m = t.messages.at(e.message)!;
      if (m.protocol !== NETLINK_ROUTE) return { side: 'none', title: 'Not a NETLINK_ROUTE message', blocks: [], path: [] };
      if (m.from.kind === 'socket') {
        const lines = sendCode(m, w);
        const blocks = lines ? [c(lines)] : [];
        const cmd = ipCommand(m.bytes, w.interfaces);
        if (cmd) blocks.push(shell(cmd, m.message.header.flags & NLM_F_ACK || m.message.header.flags & NLM_F_DUMP ? undefined : 'ip sets NLM_F_ACK as well'));
        return {
          side: 'user',
          title: `${who(m.from.socket, w)} calls sendmsg(): ${messageTypeName(m.message.header.type)} seq ${m.message.header.seq}`,
          blocks,
          path: [],
        };
      }
      const keys = originKeys(originOf(t, index, m));
      const current = senderKeys(m).filter((k) => keys.includes(k));
      const to = m.to.kind === 'group' ? `${groupExpr(m.to.group)}` : m.to.kind === 'socket' ? proc(m.to.socket) : 'the kernel';
      return kernelStep(
        `The kernel sends ${messageTypeName(m.message.header.type)} to ${to}`,
        keys,
        current,
        m.kind === 'notification' && m.to.kind === 'socket' ? 'NLM_F_ECHO: nlmsg_notify() unicasts this copy to the requester.' : undefined,
      );
    }
    case 'message-delivered': {
      const m = t.messages.at(e.message)!;
      if (m.to.kind === 'kernel') {
        const keys = requestKeys(m);
        const from = m.from.kind === 'socket' ? proc(m.from.socket) : 'a kernel socket';
        return kernelStep(`The kernel receives ${messageTypeName(m.message.header.type)} from ${from}`, keys, keys.slice(0, 2));
      }
      const multicast = m.copyOf !== undefined;
      // A dump part is queued by netlink_dump() itself, not through netlink_unicast().
      const dump = m.kind === 'dump-part' || m.kind === 'done';
      const keys: FnName[] = multicast
        ? ['netlink_broadcast', 'do_one_broadcast', 'netlink_broadcast_deliver', 'netlink_sendskb']
        : dump
          ? ['netlink_dump', 'netlink_sendskb']
          : ['netlink_unicast', 'netlink_attachskb', 'netlink_sendskb'];
      const to = m.to.kind === 'socket' ? sockName(m.to.socket, w) : 'the receiver';
      return kernelStep(
        `The kernel queues ${messageTypeName(m.message.header.type)} on ${to}`,
        keys,
        ['netlink_sendskb'],
        'It waits there until the process calls recvmsg().',
      );
    }
    case 'message-dropped': {
      const m = t.messages.at(e.message)!;
      const keys: FnName[] =
        m.copyOf !== undefined
          ? ['netlink_broadcast', 'netlink_broadcast_deliver', 'netlink_overrun']
          : ['netlink_unicast', 'netlink_attachskb', 'netlink_overrun'];
      return kernelStep(
        `The kernel drops ${messageTypeName(m.message.header.type)} for ${m.to.kind === 'socket' ? sockName(m.to.socket, w) : 'a socket'}`,
        keys,
        ['netlink_overrun'],
        e.reason === 'congested'
          ? 'The socket is still congested from an earlier overrun: nothing is queued until its queue has been read empty.'
          : e.reason === 'truncated'
            ? 'The datagram was larger than the buffer recvmsg() was given: MSG_TRUNC is set and the rest is lost.'
            : undefined,
      );
    }
    case 'message-read': {
      const m = t.messages.at(e.message)!;
      const dg = datagramInfo(t, m);
      const place =
        dg.count > 1
          ? ` It is message ${dg.index} of the ${dg.count} in one datagram (${dg.bytes} bytes): ${dg.index === 1 ? 'this recvmsg() returns them all, and' : 'the same recvmsg() returned it, and'} the NLMSG_NEXT loop walks them.`
          : '';
      const title =
        dg.index > 1
          ? `${who(e.socket, w)}'s loop reaches message ${dg.index} of ${dg.count}: ${messageTypeName(m.message.header.type)}`
          : `${who(e.socket, w)} calls recvmsg(): ${messageTypeName(m.message.header.type)}`;
      return {
        side: 'user',
        title,
        blocks: [c(recvCode(m, a?.do === 'read' ? (a.buffer ?? DEFAULT_RECV_BUFFER) : DEFAULT_RECV_BUFFER))],
        path: [],
        note: `This read returns ${messageComment(m)}.${place}`,
      };
    }
    case 'read-error':
      return {
        side: 'user',
        title: `${who(e.socket, w)} calls recvmsg(): ${e.errno}`,
        blocks: [c(recvErrorCode(e.errno, a?.do === 'read' ? (a.buffer ?? DEFAULT_RECV_BUFFER) : DEFAULT_RECV_BUFFER))],
        path: [],
      };
    case 'route-added':
    case 'route-removed': {
      const keys = originKeys(originOf(t, index));
      const current = (
        e.kind === 'route-added' ? ['fib_table_insert', 'fib_add_ifaddr', 'fib_magic'] : ['fib_table_delete', 'fib_del_ifaddr', 'fib_magic', 'timer_delete']
      ).filter((k) => keys.includes(k as FnName)) as FnName[];
      return kernelStep(`The kernel ${e.kind === 'route-added' ? 'adds' : 'removes'} ${e.route.label}`, keys, current.length ? current : keys.slice(0, 1));
    }
    case 'timer-armed':
    case 'timer-cancelled':
    case 'timer-fired': {
      if (e.kind === 'timer-fired' && e.address !== undefined)
        return kernelStep(
          `check_lifetime() finds that a lifetime of ${e.address} has run out`,
          originKeys(originOf(t, index)),
          ['check_lifetime'],
          "The kernel's own timer: an address's valid_lft or preferred_lft, set when it was added.",
        );
      const title =
        e.kind === 'timer-fired'
          ? `The module's timer for ${e.route} fires`
          : e.kind === 'timer-armed'
            ? `The module arms a timer for ${e.route}`
            : `The module cancels the timer for ${e.route}`;
      return kernelStep(
        title,
        TIMER_PATH,
        ['module_timer'],
        "A timer on a route is this course's kernel module, not Linux: the generated C program leaves it out.",
      );
    }
    case 'address-added':
    case 'address-removed':
    case 'address-deprecated': {
      const o = originOf(t, index);
      const keys = originKeys(o);
      const current = (['__inet_insert_ifa', 'inet_del_ifa', 'check_lifetime'] as FnName[]).filter(
        (k) => keys.includes(k) && (e.kind !== 'address-deprecated' || k === 'check_lifetime'),
      );
      const verb = e.kind === 'address-added' ? 'adds' : e.kind === 'address-removed' ? 'removes' : 'deprecates';
      return kernelStep(
        `The kernel ${verb} ${e.address} on ${w.interfaces[e.ifindex] ?? `ifindex ${e.ifindex}`}`,
        keys,
        current.length ? current : keys.slice(0, 1),
      );
    }
    case 'option-set': {
      const opt = SOCKET_OPTIONS.find((o) => o.name === e.option);
      return {
        side: 'user',
        title: `${who(e.socket, w)} calls setsockopt(${e.option})`,
        blocks: [c(optionCode(e.option, e.value))],
        path: [],
        ...(opt ? { note: `${e.value ? 'On' : 'Off'}: ${opt.meaning}.` } : {}),
      };
    }
    case 'action-failed':
      return { side: 'none', title: 'The action could not run', blocks: [], path: [], note: failureEnglish(e.reason) };
    case 'socket-closed':
      return {
        side: 'user',
        title: `${who(e.socket, w)} calls close()`,
        blocks: [c(['close(fd);'])],
        path: [],
        note: 'netlink_release(): the port id is free again and the socket leaves its groups.',
      };
    case 'entry-changed':
    case 'unicast-failed':
      return MODULE_STEP;
  }
}
