/**
 * A scenario as a C program for the real kernel: it builds the scenario's world in the current
 * network namespace, opens the sockets, performs every action in the scenario's order and timing,
 * and prints what each socket receives as JSON lines. What a real kernel cannot do is left out,
 * with a comment in the program and an entry in `skipped`.
 */
import {
  DEFAULT_RECV_BUFFER,
  NETLINK_ROUTE,
  RTMGRP_IPV4_ROUTE,
  SOCKET_OPTIONS,
  type ActionSpec,
  type IfAddr,
  type Message,
  type Route,
  type SocketSpec,
  type Timeline,
  failureEnglish,
} from '../engine';
import { cString, groupExpr, groupsMaskExpr, ident } from './c';
import { routeAddArgs } from './iproute';
import { requestDeclOf } from './message';
import { decode } from '../engine';
import { preludeFor } from './prelude';

export interface Skipped {
  /** Index of the scenario action, or null for a part of the world. */
  action: number | null;
  what: string;
  reason: string;
}

export interface CProgram {
  /** The program's source. */
  code: string;
  /** What the program leaves out because a real kernel cannot do it (or the simulation refused it). */
  skipped: Skipped[];
  /** Socket ids ("P1/s0") in the order the program opens them: the names its JSON lines use. */
  sockets: string[];
  /** What the program adds to the scenario's world because the kernel needs it (an address for a gateway). */
  added: string[];
}

const T = '\t';

interface Sock {
  id: string;
  v: string;
}

function ipv4Parts(a: string): number[] {
  return a.split('.').map(Number);
}

/**
 * The addresses the routes need: a gateway must be on a connected subnet, a preferred source must
 * be local. A gateway gets the /24 around it (host .2, or .1 when the gateway is .2), as the kernel
 * captures use 192.168.1.2/24 for gateway 192.168.1.1; a preferred source is added as a /32 so it
 * brings no prefix route of its own into the table.
 */
function neededAddresses(
  routes: readonly Route[],
  have: readonly IfAddr[],
  interfaces: Readonly<Record<number, string>>,
  fallbackDev: string | undefined,
): Array<{ addr: string; dev: string }> {
  const out: Array<{ addr: string; dev: string }> = [];
  const seen = new Set<string>();
  const num = (a: string) => ipv4Parts(a).reduce((n, b) => n * 256 + b, 0);
  const covers = (x: IfAddr, ip: string) => {
    const size = 2 ** (32 - x.prefixLen);
    return Math.floor(num(x.local) / size) === Math.floor(num(ip) / size);
  };
  const add = (addr: string, devName: string | undefined) => {
    if (!devName) return;
    const key = `${addr} ${devName}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ addr, dev: devName });
  };
  for (const r of routes) {
    const devName = r.oif !== undefined ? interfaces[r.oif] : fallbackDev;
    if (r.gateway && !have.some((x) => covers(x, r.gateway!))) {
      const [a, b, c, d] = ipv4Parts(r.gateway);
      add(`${a}.${b}.${c}.${d === 2 ? 1 : 2}/24`, devName);
    }
    if (r.prefsrc && !have.some((x) => x.local === r.prefsrc)) add(`${r.prefsrc}/32`, devName);
  }
  return out;
}

function setupLines(t: Timeline, skipped: Skipped[], added: string[]): string[] {
  const world = t.steps.at(0)!.world;
  const interfaces = world.interfaces;
  const ifs = Object.entries(interfaces)
    .map(([i, name]) => ({ index: Number(i), name }))
    .sort((a, b) => a.index - b.index);
  const lines: string[] = [];
  const cmd = (c: string) => lines.push(`${T}setup(${cString(c)});`);
  const lo = ifs.find((i) => i.name === 'lo');
  if (lo && lo.index !== 1)
    skipped.push({ action: null, what: `lo as ifindex ${lo.index}`, reason: 'the loopback device is always ifindex 1 in a network namespace' });
  const others = ifs.filter((i) => i.name !== 'lo' && i.index !== 1);
  for (const i of ifs)
    if (i.name !== 'lo' && i.index === 1) skipped.push({ action: null, what: `${i.name} as ifindex 1`, reason: 'ifindex 1 is the loopback device' });
  // veth pairs, because this kernel has no dummy driver and a pair needs nothing outside the namespace.
  for (let k = 0; k + 1 < others.length; k += 2) {
    const [a, b] = [others[k]!, others[k + 1]!];
    cmd(`ip link add ${a.name} index ${a.index} type veth peer name ${b.name} index ${b.index}`);
  }
  if (others.length % 2 === 1) {
    // Created last, so the index the kernel picks for the spare peer is not one the scenario uses.
    const a = others[others.length - 1]!;
    cmd(`ip link add ${a.name} index ${a.index} type veth peer name ${`${a.name}-peer`.slice(0, 15)}`);
  }
  // The loopback device brings 127.0.0.1/8 (and its local routes) when it goes up; only then.
  const loUp = world.addresses.some((a) => interfaces[a.ifindex] === 'lo' && a.local === '127.0.0.1' && a.prefixLen === 8);
  const up = [...(loUp ? ['ip link set lo up'] : []), ...others.map((i) => `ip link set ${i.name} up`)];
  if (up.length) cmd(up.join(' && '));
  // Addresses after the links are up: on a down link the kernel would add no prefix route.
  for (const a of world.addresses) {
    if (loUp && interfaces[a.ifindex] === 'lo' && a.local === '127.0.0.1' && a.prefixLen === 8) continue;
    const life = a.validLft !== null ? ` valid_lft ${a.validLft} preferred_lft ${a.preferredLft ?? a.validLft}` : '';
    // A lifetime counts from now, a few milliseconds before the first action, as in the scenario (from t = 0).
    if (life) lines.push(`${T}/* The kernel's own timer (check_lifetime) deletes this address, and its routes, when valid_lft runs out. */`);
    cmd(`ip addr add ${a.local}/${a.prefixLen} dev ${interfaces[a.ifindex] ?? `if${a.ifindex}`}${life}`);
  }
  const own = new Set(t.spec.routes.map((r) => r.label));
  const routes = world.routes.filter((r) => own.has(r.label));
  for (const a of neededAddresses(routes, world.addresses, interfaces, others[0]?.name)) {
    lines.push(`${T}/* Not in the scenario, but the kernel wants it: a gateway must be on a connected subnet, a preferred source must be local. */`);
    cmd(`ip addr add ${a.addr} dev ${a.dev}`);
    added.push(`address ${a.addr} on ${a.dev}`);
  }
  // The kernel makes the routes of the addresses itself; the scenario's own routes are added here.
  for (const r of routes) {
    lines.push(`${T}/* ${r.label} */`);
    cmd(`ip route add ${routeAddArgs(r, interfaces)}`);
  }
  return lines;
}

function actionComment(a: ActionSpec, t: Timeline, i: number): string {
  const who = 'actor' in a ? `${a.actor}${'socket' in a && a.socket ? `/${a.socket}` : ''}` : 'kernel';
  const sent = sentBy(t, i);
  switch (a.do) {
    case 'send':
      return `${who} sends ${a.request.type} seq ${a.request.seq}${sent ? ` (${sent.bytes.length} bytes)` : ''}`;
    case 'read':
      return `${who} reads ${a.count === undefined ? 'everything queued' : a.count === 1 ? 'once' : `${a.count} times`}${a.buffer !== undefined ? ` with a ${a.buffer}-byte buffer` : ''}`;
    case 'bind':
      return `${who} binds (nl_pid ${a.portId ?? 0}, nl_groups 0x${(a.groups ?? 0).toString(16)})`;
    case 'join':
    case 'leave':
      return `${who} ${a.do}s group ${a.group}`;
    case 'set-rcvbuf':
      return `${who} sets SO_RCVBUF to ${a.bytes}`;
    case 'set-option':
      return `${who} turns ${a.option} ${a.value ? 'on' : 'off'}`;
    case 'spawn':
      return `${a.actor} starts (pid ${a.pid}) with one socket`;
    case 'open':
      return `${who} opens another socket`;
    case 'arm-timer':
      return `the kernel module arms a timer that deletes ${a.route} after ${a.afterMs} ms`;
    case 'cancel-timer':
      return `the kernel module cancels the timer on ${a.route}`;
    case 'close':
      return `${who} closes its socket`;
  }
}

/** The request the simulation sent for action i (its exact bytes), if it sent one. */
function sentBy(t: Timeline, i: number): Message | undefined {
  for (const s of t.steps) {
    if (s.cause !== i || s.event.kind !== 'message-sent') continue;
    const m = t.messages.at(s.event.message)!;
    if (m.from.kind === 'socket' && m.kind === 'request') return m;
  }
  return undefined;
}

function failureOf(t: Timeline, i: number): string | undefined {
  const s = t.steps.find((x) => x.cause === i && x.event.kind === 'action-failed');
  return s && s.event.kind === 'action-failed' ? failureEnglish(s.event.reason) : undefined;
}

/** setsockopt() calls for a socket's options: SO_RCVBUF as the scenario gives it, then the SOL_NETLINK flags. */
function optionLines(sk: Sock, s: Omit<SocketSpec, 'name'>): string[] {
  const out: string[] = [];
  if (s.rcvbuf !== undefined) out.push(`${T}set_rcvbuf(${sk.v}, ${cString(sk.id)}, ${s.rcvbuf});`);
  for (const o of SOCKET_OPTIONS) if (s[o.field]) out.push(`${T}set_option(${sk.v}, ${cString(sk.id)}, ${o.name}, ${cString(o.name)}, 1);`);
  return out;
}

/** The C program for a scenario, from its timeline (the requests are the bytes the simulation sent). */
export function cProgram(t: Timeline, opts: { command?: string } = {}): CProgram {
  const spec = t.spec;
  const skipped: Skipped[] = [];
  const world = t.steps.at(0)!.world;
  const socks = new Map<string, Sock>();
  const used = new Set<string>();
  const sockVar = (id: string): Sock => {
    let s = socks.get(id);
    if (!s) {
      let v = `fd_${ident(id)}`;
      while (used.has(v)) v += '_';
      used.add(v);
      s = { id, v };
      socks.set(id, s);
    }
    return s;
  };
  const firstSocket = new Map<string, string>();
  for (const p of spec.processes) firstSocket.set(p.name, `${p.name}/${p.sockets?.[0]?.name ?? 's0'}`);

  const added: string[] = [];
  const setup = setupLines(t, skipped, added);
  const decls: string[] = [];
  const body: string[] = [];
  const opened: string[] = [];
  const startOptions: string[] = [];
  // Every socket the scenario starts with is open before the first action, as in the simulation.
  for (const p of spec.processes) {
    for (const s of p.sockets?.length ? p.sockets : [{ name: 's0' }]) {
      const id = `${p.name}/${s.name}`;
      const sk = sockVar(id);
      opened.push(id);
      decls.push(`${T}int ${sk.v} = open_socket(${cString(id)});`);
      startOptions.push(...optionLines(sk, s));
    }
  }
  if (startOptions.length) body.push(...startOptions, '');
  let maxBuffer = DEFAULT_RECV_BUFFER;
  for (const i of t.order) {
    const a = spec.actions[i]!;
    body.push(`${T}/* t = ${(a.at / 1000).toFixed(3)} s: ${actionComment(a, t, i)} */`);
    const failed = failureOf(t, i);
    if (a.do === 'arm-timer' || a.do === 'cancel-timer') {
      const reason =
        "rtnetlink has no timer that deletes a route; the lecture's kernel module is not part of Linux (an address lifetime, valid_lft, is the closest thing the kernel has)";
      body.push(`${T}/* Skipped: ${reason.replace(/\*\//g, '* /')}. */`, '');
      skipped.push({ action: i, what: `${a.do} ${a.route}`, reason });
      continue;
    }
    if (failed !== undefined) {
      body.push(`${T}/* Skipped: the simulation could not run this action (${failed.replace(/\*\//g, '* /')}). */`, '');
      skipped.push({ action: i, what: `${a.do} by ${'actor' in a ? a.actor : 'kernel'}`, reason: `the simulation refused it: ${failed}` });
      continue;
    }
    body.push(`${T}sleep_until(${a.at});`);
    const target = (): Sock => sockVar('socket' in a && a.socket ? `${a.actor}/${a.socket}` : firstSocket.get((a as { actor: string }).actor)!);
    switch (a.do) {
      case 'spawn': {
        const id = `${a.actor}/s0`;
        firstSocket.set(a.actor, id);
        const sk = sockVar(id);
        decls.push(`${T}int ${sk.v} = -1;`);
        body.push(`${T}${sk.v} = open_socket(${cString(id)});`);
        opened.push(id);
        break;
      }
      case 'open': {
        const id = `${a.actor}/${a.socket}`;
        const sk = sockVar(id);
        decls.push(`${T}int ${sk.v} = -1;`);
        const { at: _at, do: _do, actor: _actor, socket: _socket, ...options } = a;
        body.push(`${T}${sk.v} = open_socket(${cString(id)});`, ...optionLines(sk, options));
        opened.push(id);
        break;
      }
      case 'bind': {
        const sk = target();
        const groups = a.groups ?? 0;
        body.push(
          `${T}bind_socket(${sk.v}, ${cString(sk.id)}, ${a.portId ?? 0}, ${groups === RTMGRP_IPV4_ROUTE ? 'RTMGRP_IPV4_ROUTE' : groupsMaskExpr(groups)});`,
        );
        break;
      }
      case 'join':
      case 'leave': {
        const sk = target();
        body.push(
          `${T}membership(${sk.v}, ${cString(sk.id)}, ${a.do === 'join' ? 'NETLINK_ADD_MEMBERSHIP' : 'NETLINK_DROP_MEMBERSHIP'}, ${groupExpr(a.group)});`,
        );
        break;
      }
      case 'set-rcvbuf': {
        const sk = target();
        body.push(`${T}set_rcvbuf(${sk.v}, ${cString(sk.id)}, ${a.bytes});`);
        break;
      }
      case 'set-option': {
        const sk = target();
        body.push(`${T}set_option(${sk.v}, ${cString(sk.id)}, ${a.option}, ${cString(a.option)}, ${a.value ? 1 : 0});`);
        break;
      }
      case 'read': {
        const sk = target();
        const size = a.buffer ?? DEFAULT_RECV_BUFFER;
        maxBuffer = Math.max(maxBuffer, size);
        body.push(`${T}read_socket(${sk.v}, ${cString(sk.id)}, ${a.count ?? -1}, ${size});`);
        break;
      }
      case 'send': {
        const sk = target();
        const m = sentBy(t, i);
        const d = m && m.protocol === NETLINK_ROUTE ? decode(m.bytes) : undefined;
        if (!m || !d || !d.ok) {
          body.push(`${T}/* Skipped: the simulation sent no request for this action. */`);
          skipped.push({ action: i, what: `send by ${a.actor}`, reason: 'the simulation sent no request' });
          break;
        }
        const req = requestDeclOf(d.value.message, m.bytes, { name: 'req', indent: T + T, interfaces: world.interfaces });
        body.push(`${T}{`, ...req.lines, `${T}${T}send_request(${sk.v}, ${cString(sk.id)}, &req, req.nh.nlmsg_len);`, `${T}}`);
        break;
      }
    }
    body.push('');
  }
  body.push(`${T}/* Let a reader see everything the program printed before the namespace goes away. */`, `${T}fflush(stdout);`);
  for (const id of opened) body.push(`${T}close(${sockVar(id).v});`);

  const header = [
    '/*',
    ` * ${spec.title} (${spec.id})`,
    ' *',
    " * The scenario as a program for the real kernel. It builds the scenario's interfaces, addresses",
    ' * and routes, opens its sockets and performs its actions with the same timing, then prints every',
    ' * datagram each socket receives as one JSON line: {"t": ms, "socket": "P1/s0", "hex": "..."}.',
    " * The scenario's processes are sockets of this one process, so the kernel hands out port ids as it",
    ' * does within one process: the pid to the first socket bound, negative numbers to the others.',
    ' * Printed port ids tell which is which.',
    ' *',
    ` * Made by: ${opts.command ?? `npm run --silent trace -- ${spec.id} --c ${spec.id}.c`}`,
    ' * Build:   gcc -Wall -Wextra -Werror -o scenario scenario.c',
    ' * Run:     sudo unshare -n ./scenario [speed]   (a fresh network namespace; speed 2 runs twice as fast,',
    " *          but the kernel's own timers, such as address lifetimes, keep real time)",
    ...(added.length ? [' *', " * Added, because the kernel needs it for the scenario's routes:", ...added.map((x) => ` *   - ${x}`)] : []),
    ...(skipped.length
      ? [' *', ' * Left out, because a real kernel cannot do it:', ...skipped.map((s) => ` *   - ${s.what}: ${s.reason.replace(/\*\//g, '* /')}`)]
      : []),
    ' */',
  ];
  const main = [
    'int main(int argc, char **argv)',
    '{',
    `${T}if (argc > 1)`,
    `${T}${T}speed = atof(argv[1]);`,
    `${T}if (argc > 2 || speed <= 0) {`,
    `${T}${T}fprintf(stderr, "usage: %s [speed]\\n", argv[0]);`,
    `${T}${T}return EXIT_FAILURE;`,
    `${T}}`,
    `${T}require_fresh_netns(argv[0]);`,
    `${T}setvbuf(stdout, NULL, _IOLBF, 0);`,
    '',
    `${T}/* The world before the first action. */`,
    ...setup,
    '',
    `${T}clock_gettime(CLOCK_MONOTONIC, &start);`,
    ...decls,
    '',
    ...body,
    `${T}return EXIT_SUCCESS;`,
    '}',
  ];
  const mainText = main.join('\n');
  const prelude = preludeFor(mainText).replace('#define RECV_BUF_SIZE 32768', `#define RECV_BUF_SIZE ${maxBuffer}`);
  return { code: `${header.join('\n')}\n${prelude}\n\n${mainText}\n`, skipped, sockets: opened, added };
}
