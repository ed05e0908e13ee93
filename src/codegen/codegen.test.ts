import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flagNames, NETLINK_ROUTE, run, stepMessage, type ScenarioSpec, type Timeline } from '../engine';
import { LECTURES } from '../scenarios/catalog';
import { align, compareRun, parseKernelRun, type Item } from './compare';
import { cProgram, ipCommand, requestDecl, stepCode } from '.';

function lecture(id: string): Timeline {
  const { $schema: _s, ...spec } = JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')) as ScenarioSpec & {
    $schema?: string;
  };
  return run(spec as ScenarioSpec);
}

/** Every action kind once, with a timer armed and cancelled, and a socket opened mid-run. */
const EVERY_ACTION: ScenarioSpec = {
  version: 1,
  id: 'every-action',
  title: 'Every action',
  summary: 'One of each action kind.',
  goals: [],
  processes: [
    { name: 'P1', pid: 1201 },
    { name: 'P2', pid: 1202 },
  ],
  routes: [
    { label: 'R1', dst: '10.0.1.0/24', gateway: '192.168.1.1', oif: 'eth0', protocol: 'boot' },
    { label: 'R3', dst: '10.0.3.0/24', oif: 'eth1', prefsrc: '10.0.3.1', protocol: 'kernel', scope: 'link' },
  ],
  actions: [
    { at: 0, do: 'bind', actor: 'P1' },
    { at: 0, do: 'bind', actor: 'P2', groups: 64 },
    { at: 100, do: 'spawn', actor: 'P4', pid: 1204 },
    { at: 150, do: 'open', actor: 'P2', socket: 'side', rcvbuf: 4096, noEnobufs: true, capAck: true },
    { at: 160, do: 'set-option', actor: 'P1', option: 'NETLINK_EXT_ACK', value: true },
    {
      at: 170,
      do: 'send',
      actor: 'P1',
      request: {
        type: 'RTM_NEWADDR',
        flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
        seq: 8,
        address: { address: '10.1.0.5/24', dev: 'eth1' },
      },
    },
    { at: 200, do: 'join', actor: 'P4', group: 7 },
    { at: 250, do: 'set-rcvbuf', actor: 'P2', bytes: 8192 },
    { at: 300, do: 'arm-timer', route: 'R1', afterMs: 5000 },
    { at: 400, do: 'cancel-timer', route: 'R1' },
    {
      at: 500,
      do: 'send',
      actor: 'P1',
      request: {
        type: 'RTM_NEWROUTE',
        flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
        seq: 9,
        label: 'R9',
        route: { dst: '10.0.9.0/24', gateway: '192.168.1.1', oif: 'eth0', priority: 20 },
      },
    },
    { at: 600, do: 'send', actor: 'P2', socket: 'side', request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'], seq: 10 } },
    { at: 700, do: 'send', actor: 'P1', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: 11, routeOf: 'R3' } },
    { at: 1500, do: 'read', actor: 'P1', count: 1, buffer: 100 },
    { at: 1600, do: 'read', actor: 'P2' },
    { at: 1700, do: 'read', actor: 'P2', socket: 'side' },
    { at: 1800, do: 'leave', actor: 'P4', group: 7 },
    { at: 1900, do: 'read', actor: 'P4' },
  ],
};

describe('the request struct', () => {
  const t = lecture('request-response');
  const sent = t.messages.find((m) => m.kind === 'request')!;
  const req = requestDecl(sent.bytes, { interfaces: t.steps.at(0)!.world.interfaces })!;
  const code = req.lines.join('\n');

  it('carries the nlmsghdr of the bytes: length, type, the flags by name, seq, pid', () => {
    expect(code).toContain('.nlmsg_len = sizeof(req), /* 52 bytes */');
    expect(code).toContain('.nlmsg_type = RTM_NEWROUTE,');
    expect(code).toContain(`.nlmsg_flags = ${flagNames(sent.message.header.type, sent.message.header.flags).join(' | ')},`);
    expect(code).toContain('.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE,');
    expect(code).toContain('.nlmsg_seq = 1,');
    expect(code).toContain('.nlmsg_pid = 0,');
  });

  it('has the rtmsg by its constants and one initialiser per rtattr, in wire order', () => {
    expect(code).toMatch(
      /\.rtm_table = RT_TABLE_MAIN,[\s\S]*\.rtm_protocol = RTPROT_BOOT,[\s\S]*\.rtm_scope = RT_SCOPE_UNIVERSE,[\s\S]*\.rtm_type = RTN_UNICAST,/,
    );
    const attrs = [...code.matchAll(/\.rta_type = (RTA_\w+)/g)].map((m) => m[1]);
    expect(attrs).toEqual(['RTA_DST', 'RTA_GATEWAY', 'RTA_OIF']);
    expect(code).toContain('.dst = { 10, 0, 4, 0 }, /* 10.0.4.0, network byte order */');
    expect(code).toContain('.oif = 2, /* ifindex of eth0 */');
  });

  it('asserts that the struct has the size of the message on the wire', () => {
    expect(code).toContain('_Static_assert(sizeof(req) == 52,');
    expect(req.length).toBe(sent.bytes.length);
  });

  it('names the iproute2 command that sends the same request', () => {
    expect(ipCommand(sent.bytes, t.steps.at(0)!.world.interfaces)).toBe('ip route add 10.0.4.0/24 via 192.168.1.1 dev eth0');
    const dump = lecture('dump').messages.find((m) => m.kind === 'request')!;
    expect(ipCommand(dump.bytes, {})).toBe('ip -4 route show table all');
  });
});

describe('the program', () => {
  const t = run(EVERY_ACTION);
  const p = cProgram(t);

  it('runs every action kind with the helper that checks its system call', () => {
    expect(t.steps.filter((s) => s.event.kind === 'action-failed')).toEqual([]);
    expect(p.code).toContain('bind_socket(fd_p2_s0, "P2/s0", 0, RTMGRP_IPV4_ROUTE);');
    expect(p.code).toContain('int fd_p4_s0 = -1;');
    expect(p.code).toContain('fd_p4_s0 = open_socket("P4/s0");');
    expect(p.code).toContain('fd_p2_side = open_socket("P2/side");');
    expect(p.code).toContain('set_rcvbuf(fd_p2_side, "P2/side", 4096);');
    expect(p.code).toContain('set_option(fd_p2_side, "P2/side", NETLINK_NO_ENOBUFS, "NETLINK_NO_ENOBUFS", 1);');
    expect(p.code).toContain('set_option(fd_p2_side, "P2/side", NETLINK_CAP_ACK, "NETLINK_CAP_ACK", 1);');
    expect(p.code).toContain('set_option(fd_p1_s0, "P1/s0", NETLINK_EXT_ACK, "NETLINK_EXT_ACK", 1);');
    expect(p.code).toContain('struct ifaddrmsg ifa;');
    expect(p.code).toContain('.ifa_index = 3, /* ifindex of eth1 */');
    expect(p.code).toMatch(/\.local_rta = \{ \.rta_len = RTA_LENGTH\(4\), \.rta_type = IFA_LOCAL \},\n\t*\.local = \{ 10, 1, 0, 5 \},/);
    expect(p.code).toContain('membership(fd_p4_s0, "P4/s0", NETLINK_ADD_MEMBERSHIP, RTNLGRP_IPV4_ROUTE);');
    expect(p.code).toContain('membership(fd_p4_s0, "P4/s0", NETLINK_DROP_MEMBERSHIP, RTNLGRP_IPV4_ROUTE);');
    expect(p.code).toContain('set_rcvbuf(fd_p2_s0, "P2/s0", 8192);');
    expect(p.code).toContain('read_socket(fd_p1_s0, "P1/s0", 1, 100);');
    expect(p.code).toContain('read_socket(fd_p2_s0, "P2/s0", -1, 32768);');
    expect(p.code).toContain('send_request(fd_p2_side, "P2/side", &req, req.nh.nlmsg_len);');
    expect(p.code).toContain('.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,');
    expect(p.code).toContain('.priority = 20, /* metric */');
  });

  it("follows the scenario's timing", () => {
    const sleeps = [...p.code.matchAll(/sleep_until\((\d+)\);/g)].map((m) => Number(m[1]));
    expect(sleeps).toEqual([...sleeps].sort((a, b) => a - b));
    expect(sleeps).toContain(1900);
  });

  it('leaves the module timer out, says so in the code and reports it', () => {
    expect(p.skipped.map((s) => s.what)).toEqual(['arm-timer R1', 'cancel-timer R1']);
    expect(p.code).toMatch(/Skipped: rtnetlink has no timer that deletes a route/);
    expect(p.code).toContain('Left out, because a real kernel cannot do it:');
  });

  it('checks every system call and reads with a 32 KiB buffer, walking each datagram with NLMSG_OK', () => {
    for (const call of ['socket(AF_NETLINK', 'bind(fd', 'sendmsg(fd', 'setsockopt(fd, SOL_NETLINK, option', 'getsockname(fd']) expect(p.code).toContain(call);
    expect(p.code).toMatch(/if \(fd < 0\) \{\n\t\tfprintf\(stderr, "%s: ", sock\);\n\t\tperror\("socket"\);/);
    expect(p.code).toMatch(/if \(sendmsg\(fd, &msg, 0\) < 0\) \{/);
    expect(p.code).toMatch(/if \(bind\(fd, .*\) < 0\) \{/);
    expect(p.code).toContain('#define RECV_BUF_SIZE 32768');
    expect(p.code).toContain('.iov_len = size');
    expect(p.code).toContain('NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left)');
    expect(p.code).toContain('recvmsg(fd, &msg, MSG_DONTWAIT)');
    expect(p.code).toContain('print_datagram(sock, buf, n, msg.msg_flags);');
    expect(p.code).toContain('(flags & MSG_TRUNC)');
    expect(p.code).toContain('require_fresh_netns(argv[0]);');
  });

  it('sets up the interfaces with their ifindexes, the addresses the routes need, and the routes', () => {
    expect(p.code).toContain('setup("ip link add eth0 index 2 type veth peer name eth1 index 3");');
    expect(p.code).toContain('setup("ip addr add 192.168.1.2/24 dev eth0");');
    expect(p.code).toContain('setup("ip link set lo up && ip link set eth0 up && ip link set eth1 up");');
    expect(p.code).not.toContain('ip addr add 127.0.0.1/8');
    // R3's preferred source is on no interface of the scenario: the kernel needs it local.
    expect(p.code).toContain('setup("ip addr add 10.0.3.1/32 dev eth1");');
    expect(p.added).toEqual(['address 10.0.3.1/32 on eth1']);
    expect(p.code).toContain('setup("ip route add unicast 10.0.3.0/24 dev eth1 src 10.0.3.1 proto kernel scope link table main");');
  });

  it('gives an address its lifetimes, and leaves the routes the kernel makes for addresses to the kernel', () => {
    const ev = cProgram(lecture('event-notification')).code;
    expect(ev).toContain('setup("ip addr add 10.0.3.1/24 dev eth1 valid_lft 10 preferred_lft 10");');
    expect(ev).not.toMatch(/ip route add [^"]*10\.0\.3\.0/);
    expect(ev).toContain('ip route add unicast 10.0.1.0/24 via 192.168.1.1 dev eth0');
  });

  it('includes only the helpers it calls (-Wall would reject an unused static function)', () => {
    const rr = cProgram(lecture('request-response')).code;
    expect(rr).not.toContain('static void membership(');
    expect(rr).not.toContain('static void set_rcvbuf(');
    expect(rr).toContain('static void read_socket(');
  });
});

describe('the code behind each step', () => {
  for (const l of LECTURES) {
    it(`${l.id}: every step has its code, and a sendmsg() shows the seq and flags of its message`, () => {
      const t = lecture(l.id);
      for (const s of t.steps) {
        const c = stepCode(t, s.index);
        expect(c.title.length).toBeGreaterThan(0);
        if (c.side === 'kernel') expect(c.path.some((p) => p.current)).toBe(true);
        if (c.side === 'user' && s.event.kind !== 'process-started') expect(c.blocks.some((b) => b.language === 'c')).toBe(true);
        const m = stepMessage(s, t);
        // The course module's requests are shown by ModuleSource from its own C (rtmgr_user.c).
        if (s.event.kind === 'message-sent' && m?.from.kind === 'socket' && m.protocol === NETLINK_ROUTE) {
          const code = c.blocks.find((b) => b.language === 'c')!.code;
          expect(code).toContain(`.nlmsg_seq = ${m.message.header.seq},`);
          expect(code).toContain(`.nlmsg_flags = ${flagNames(m.message.header.type, m.message.header.flags).join(' | ')},`);
        }
      }
    });
  }

  it("a kernel step names the function at work in the request's path", () => {
    const t = lecture('request-response');
    const fns = (i: number) =>
      stepCode(t, i)
        .path.filter((p) => p.current)
        .map((p) => p.fn);
    const at = (kind: string, pred: (i: number) => boolean = () => true) => t.steps.findIndex((s) => s.event.kind === kind && pred(s.index));
    expect(stepCode(t, at('route-added')).path.map((p) => p.fn)).toEqual([
      'rtnetlink_rcv_msg',
      'inet_rtm_newroute',
      'fib_table_insert',
      'rtmsg_fib',
      'rtnl_notify',
      'nlmsg_notify',
      'netlink_broadcast',
      'netlink_ack',
    ]);
    expect(fns(at('route-added'))).toEqual(['fib_table_insert']);
    expect(fns(at('message-sent', (i) => stepMessage(t.steps.at(i)!, t)!.kind === 'ack'))).toEqual(['netlink_ack']);
    expect(fns(at('message-sent', (i) => stepMessage(t.steps.at(i)!, t)!.kind === 'notification'))).toEqual([
      'rtmsg_fib',
      'rtnl_notify',
      'nlmsg_notify',
      'netlink_broadcast',
    ]);
    const dump = lecture('dump');
    const part = dump.steps.findIndex((s) => s.event.kind === 'message-sent' && stepMessage(s, dump)!.kind === 'dump-part');
    expect(
      stepCode(dump, part)
        .path.filter((p) => p.current)
        .map((p) => p.fn),
    ).toEqual(['netlink_dump']);
  });
});

describe('comparing with the kernel', () => {
  const msg = (hex: string): Item => ({ kind: 'message', bytes: Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16)) });
  it('aligns so that one extra message is one extra row', () => {
    const a = msg('1400000003000200070000000000000000000000');
    const b = msg('1400000003000200080000000000000000000000');
    const rows = align([a, b], [a, msg('14000000030002000a0000000000000000000000'), b]);
    expect(rows.map((r) => r.kind)).toEqual(['same', 'kernel-only', 'same']);
    const diff = align([a], [b]);
    expect(diff[0]!.kind).toBe('differs');
    expect(diff[0]!.kind === 'differs' && diff[0]!.fields.join('\n')).toContain('nlmsghdr.nlmsg_seq (nlmsg_seq): simulation 7');
  });

  it("maps the kernel's port ids to the simulation's, socket by socket", () => {
    const t = lecture('request-response');
    const ack = t.messages.find((m) => m.kind === 'ack' && m.to.kind === 'socket' && m.to.socket === 'P1/s0')!;
    const kernelAck = ack.bytes.slice();
    new DataView(kernelAck.buffer).setUint32(12, 31337, true);
    const hex = Buffer.from(kernelAck).toString('hex');
    const out = [
      JSON.stringify({ t: 0, socket: 'P1/s0', portId: 31337, groups: 0 }),
      JSON.stringify({ t: 0, socket: 'P2/s0', portId: 4000000000, groups: 0 }),
      JSON.stringify({ t: 1600, socket: 'P1/s0', bytes: 36, messages: 1, hex }),
    ].join('\n');
    const reports = compareRun(t, parseKernelRun(out));
    expect(reports.find((r) => r.socket === 'P1/s0')!.rows.map((r) => r.kind)).toEqual(['same']);
    expect(reports.find((r) => r.socket === 'P2/s0')!.rows.map((r) => r.kind)).toEqual(['sim-only']);
    expect(reports.find((r) => r.socket === 'P2/s0')!.differs).toBe(true);
    // A kernel note explains a socket's differences: still reported, no longer failing.
    const noted = compareRun(t, parseKernelRun(out), new Map([['P2/s0', 'the kernel cannot do this']]));
    expect(noted.find((r) => r.socket === 'P2/s0')).toMatchObject({ differs: false, note: 'the kernel cannot do this' });
  });
});

describe('kernel-notes.json', () => {
  it('names built-in lectures and sockets they have, each with a reason', () => {
    const notes = JSON.parse(readFileSync(new URL('../scenarios/kernel-notes.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    for (const [id, note] of Object.entries(notes)) {
      if (id === '$comment') continue;
      expect(LECTURES.map((l) => l.id)).toContain(id);
      if (typeof note === 'string') {
        expect(note.length).toBeGreaterThan(10);
        continue;
      }
      const sockets = lecture(id).steps.at(0)!.world.socketOrder;
      for (const n of note as Array<{ socket: string; reason: string }>) {
        expect(sockets).toContain(n.socket);
        expect(n.reason.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('gcc accepts the generated C', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codegen-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const gcc = (() => {
    try {
      execFileSync('gcc', ['--version'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  })();
  const compile = (name: string, code: string) => {
    const file = join(dir, name);
    writeFileSync(file, code);
    try {
      execFileSync('gcc', ['-Wall', '-Wextra', '-Werror', '-fsyntax-only', file], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`gcc rejected ${name}:\n${String((e as { stderr?: Buffer }).stderr)}`, { cause: e });
    }
  };

  it('gcc is installed (the C checks below need it: apt-get install -y gcc)', () => {
    expect(gcc, 'gcc is missing, so the generated C cannot be checked: install it with apt-get install -y gcc').toBe(true);
  });

  it('the program of a lecture, and of a scenario with every action kind, compile with -Wall -Wextra -Werror', () => {
    if (!gcc) throw new Error('gcc is missing: apt-get install -y gcc');
    compile('overflow.c', cProgram(lecture('overflow')).code);
    compile('every-action.c', cProgram(run(EVERY_ACTION)).code);
  });

  it("every step's snippet compiles inside a function", () => {
    if (!gcc) throw new Error('gcc is missing: apt-get install -y gcc');
    const fns: string[] = [];
    for (const t of [...LECTURES.map((l) => lecture(l.id)), run(EVERY_ACTION)]) {
      for (const s of t.steps) {
        for (const b of stepCode(t, s.index).blocks) {
          if (b.language !== 'c') continue;
          const body = b.code.split('\n').filter((l) => !l.startsWith('#include'));
          const opens = body.some((l) => l.startsWith('int fd = socket('));
          fns.push(
            `static void ${t.spec.id.replace(/-/g, '_')}_${s.index}(${opens ? 'void' : 'int fd'})\n{\n${body.map((l) => `\t${l}`).join('\n')}\n${opens ? '\tclose(fd);\n' : ''}}`,
          );
        }
      }
    }
    const names = fns.map((f) => /static void (\w+)\(/.exec(f)![1]!);
    const code = [
      '#define _GNU_SOURCE',
      ...['errno.h', 'stdio.h', 'stdlib.h', 'string.h', 'unistd.h', 'sys/socket.h', 'linux/netlink.h', 'linux/rtnetlink.h'].map((h) => `#include <${h}>`),
      '',
      ...fns,
      '',
      'int main(void)',
      '{',
      ...names.map((n) => (fns.find((f) => f.includes(`${n}(void)`)) ? `\t${n}();` : `\t${n}(-1);`)),
      '\treturn 0;',
      '}',
    ].join('\n');
    compile('snippets.c', code);
  });
});
