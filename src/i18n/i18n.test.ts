/**
 * Every shipped language is complete: every key of the English table, every built-in lecture text,
 * and kernel names left as the kernel spells them. A missing or stale string fails here with the
 * English text and where it is, so a translator knows what to write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LECTURES } from '../scenarios/catalog';
import { checkTranslation } from '../scenarios/i18n';
import {
  decode,
  fieldPhrases,
  glossaryEntry,
  glossaryPhrases,
  glossaryTerms,
  run,
  sayField,
  sayGlossary,
  sayStep,
  stepText,
  type Failure,
  type FailureId,
  type MessageText,
  type ScenarioSpec,
  type StepText,
  type StepTextId,
} from '../engine';
import { PHRASES } from './esEngine';
import { importCapture, PACKET_KERNEL, readCapture, writePcapng } from '../capture';
import { nlmonPacket } from '../capture/test-helpers';
import { shortType } from '../ui/views/diagramModel';
import { SCHEMA_PHRASES } from './esProblems';
import { sayNotice, sayScenarioError, type NoticeText, type UrlProblem } from './notice';
import type { Problem, ProblemId } from '../scenarios/problem';
import { problemEnglish } from '../scenarios/problemEnglish';
import { formatError, sayProblem } from '../scenarios/result';
import { validateScenarioText } from '../scenarios/validate';
import { en, LANGS, loadMessages, type Lang, type Messages } from '.';

const others = LANGS.filter((l): l is Exclude<Lang, 'en'> => l !== 'en');

/** Every leaf of a message table as "path" -> its kind ("string" or "function/<arity>"). */
function shape(table: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof table === 'string') out.set(path, 'string');
  else if (typeof table === 'function') out.set(path, `function/${table.length}`);
  else if (table && typeof table === 'object') for (const [k, v] of Object.entries(table)) shape(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Every string leaf, with functions called on sample arguments so their text is checked too. */
function strings(table: unknown, path = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof table === 'string') out.push([path, table]);
  else if (table && typeof table === 'object') for (const [k, v] of Object.entries(table)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Names a learner searches for exactly as the kernel writes them. */
const KERNEL_NAME = /\b(?:RTM|NLM_F|NLMSG|RTNLGRP|NETLINK|RTMGR|RTA|SO|SOCK|IFA|AF)_[A-Z0-9_]+\b|\b[a-z_]+\(\)|`[^`]+`/g;
const kernelNames = (s: string) => (s.match(KERNEL_NAME) ?? []).sort();

const lecture = (id: string) => JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')) as ScenarioSpec;
const translation = (lang: string, id: string) =>
  JSON.parse(readFileSync(new URL(`../scenarios/lectures/${lang}/${id}.json`, import.meta.url), 'utf8')) as Record<string, string>;

describe.each(others)('interface in %s', (lang) => {
  it('has every key of the English table, of the same kind, and no other', async () => {
    const m = await loadMessages(lang);
    const want = shape(en);
    want.delete('lectureTitles'); // English titles need no table; the translation's is checked below.
    const got = shape(m);
    // Nor do English validation messages: they are the validator's own; the translation's are checked below.
    for (const k of got.keys()) if (k.startsWith('lectureTitles.') || k.startsWith('notice.validation.')) got.delete(k);
    expect([...got]).toEqual([...want]);
  });

  it('has no empty string, and keeps the kernel names of each English string', async () => {
    const m: Messages = await loadMessages(lang);
    const theirs = new Map(strings(m));
    for (const [path, text] of strings(en)) {
      const t = theirs.get(path);
      expect(t?.trim(), path).toBeTruthy();
      expect(kernelNames(t!), path).toEqual(kernelNames(text));
    }
  });

  it('names every built-in lecture in the scenario picker', async () => {
    const m = await loadMessages(lang);
    expect(Object.keys(m.lectureTitles).sort()).toEqual(LECTURES.map((l) => l.title).sort());
  });
});

describe.each(others)('lectures in %s', (lang) => {
  it('has a translation file for each lecture and no other', () => {
    const files = readdirSync(new URL(`../scenarios/lectures/${lang}/`, import.meta.url)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(LECTURES.map((l) => l.id).sort());
  });

  it.each(LECTURES.map((l) => l.id))('%s: every text translated, none stale, kernel names kept', async (id) => {
    const spec = lecture(id);
    const table = translation(lang, id);
    const { missing, stale } = checkTranslation(spec, table);
    // Listed in full so the failure message is the to-do list.
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    for (const [english, text] of Object.entries(table)) expect(kernelNames(text), english).toEqual(kernelNames(english));
    // The picker's title and the lecture's own title agree.
    const m = await loadMessages(lang);
    expect(m.lectureTitles[spec.title]).toBe(table[spec.title]);
  });
});

/**
 * English words that have no place in a sentence of another language (kernel names aside), "group"
 * and "type" among them: a group or a message type the kernel has no name for is named by each language.
 */
const ENGLISH_WORDS =
  /(?<![\p{L}\p{N}_])(?:the|is|are|and|of|to|from|with|for|its|it|at|by|into|that|which|was|were|has|have|on|off|an|group|type)(?![\p{L}\p{N}_])/iu;
/** The interface shows a lecture's title in the page's language; so do these checks. */
const titled = (d: StepText, m: Messages): StepText => (d.id === 'start' ? { ...d, title: m.lectureTitles[d.title] ?? d.title } : d);

/** A sentence in another language: worded, nothing English left but the kernel's names, the same names as the English. */
function expectWorded(theirs: string, english: string, where: string): void {
  expect(theirs.trim(), where).toBeTruthy();
  expect(theirs.replace(KERNEL_NAME, ''), where).not.toMatch(ENGLISH_WORDS);
  expect(kernelNames(theirs), where).toEqual(kernelNames(english));
}

const p3 = { process: 'P3', socket: 'sync' };
const p1 = { process: 'P1' };
const msg: MessageText = { type: 'RTM_NEWROUTE', detail: ' 10.0.3.0/24', flags: 'NLM_F_REQUEST|NLM_F_ACK', seq: 7, pid: 0 };
/** Every kind of step description, each in its variants (typed: a new kind fails to compile until it has samples). */
const STEP_SAMPLES: { [K in StepTextId]: Array<Extract<StepText, { id: K }>> } = {
  start: [{ id: 'start', title: 'Dump — reading the whole table' }],
  'process-started': [{ id: 'process-started', process: 'P1', pid: 1201 }],
  'socket-opened': [{ id: 'socket-opened', process: 'P1', socket: 'main', protocol: 'NETLINK_ROUTE' }],
  'socket-bound': [
    { id: 'socket-bound', who: p1, portId: 1201, autobind: true },
    { id: 'socket-bound', who: p3, portId: -4096, autobind: false },
  ],
  'group-joined': [
    { id: 'group-joined', who: p1, group: 'RTNLGRP_IPV4_ROUTE', number: 7, via: 'bind' },
    { id: 'group-joined', who: p3, group: 'RTNLGRP_IPV4_ROUTE', number: 7, via: 'setsockopt' },
    { id: 'group-joined', who: p1, group: null, number: 3, via: 'setsockopt' },
  ],
  'group-left': [
    { id: 'group-left', who: p1, group: 'RTNLGRP_IPV4_ROUTE', number: 7, via: 'bind' },
    { id: 'group-left', who: p3, group: 'RTNLGRP_IPV4_ROUTE', number: 7, via: 'setsockopt' },
    { id: 'group-left', who: p1, group: null, number: 3, via: 'bind' },
  ],
  'rcvbuf-set': [
    { id: 'rcvbuf-set', who: p1, requested: 2000, bytes: 4000, doubled: true, min: 2304 },
    { id: 'rcvbuf-set', who: p3, requested: 100, bytes: 2304, doubled: false, min: 2304 },
  ],
  'option-set': [
    { id: 'option-set', who: p1, option: 'NETLINK_NO_ENOBUFS', on: true },
    { id: 'option-set', who: p3, option: 'NETLINK_PKTINFO', on: false },
  ],
  multicast: [
    { id: 'multicast', message: { ...msg, flags: '0' }, group: 'RTNLGRP_IPV4_ROUTE', number: 7, copies: [] },
    { id: 'multicast', message: { ...msg, flags: '0' }, group: 'RTNLGRP_IPV4_ROUTE', number: 7, copies: ['P2'] },
    { id: 'multicast', message: { ...msg, flags: '0' }, group: 'RTNLGRP_IPV4_ROUTE', number: 7, copies: ['P2', 'P3'] },
    { id: 'multicast', message: { ...msg, flags: '0' }, group: null, number: 3, copies: ['P2'] },
  ],
  sent: [
    { id: 'sent', from: 'P1', message: msg, to: 'kernel' },
    { id: 'sent', from: 'P1', message: { ...msg, type: 24, detail: '', flags: 'NLM_F_REQUEST|NLM_F_ACK' }, to: 'kernel' },
    { id: 'sent', from: 'kernel', message: { ...msg, type: 'NLMSG_ERROR', detail: '', flags: 'NLM_F_CAPPED', answer: 'ack' }, to: 'P1' },
    { id: 'sent', from: 'kernel', message: { ...msg, type: 'NLMSG_ERROR', detail: '', flags: '0', answer: { errno: 'EEXIST' } }, to: 'P1' },
  ],
  'kernel-received': [
    { id: 'kernel-received', label: { type: 'RTM_NEWROUTE', route: 'R4' }, from: 'P1' },
    { id: 'kernel-received', label: { type: 24 }, from: 'P1' },
  ],
  queued: [{ id: 'queued', to: 'P2', label: { type: 'RTM_NEWROUTE', route: 'R4' }, bytes: 60, truesize: 832 }],
  'queued-datagram': [{ id: 'queued-datagram', to: 'P1', label: { type: 'RTM_NEWROUTE', route: 'R1' }, count: 9, bytes: 540, truesize: 4864 }],
  'in-datagram': [{ id: 'in-datagram', label: { type: 'RTM_NEWROUTE', route: 'R2' }, index: 2, count: 9 }],
  dropped: (['rcvbuf-full', 'congested', 'truncated', 'closed'] as const).map((reason) => ({
    id: 'dropped',
    label: { type: 'RTM_NEWROUTE', route: 'R4' },
    to: 'P3',
    reason,
  })),
  read: [
    { id: 'read', who: p1, message: msg, index: 1, count: 1 },
    { id: 'read', who: p3, message: msg, route: 'R4', index: 2, count: 9 },
  ],
  'read-error': [
    { id: 'read-error', who: p1, errno: 'ENOBUFS' },
    { id: 'read-error', who: p3, errno: 'EAGAIN' },
  ],
  'module-timer-armed': [{ id: 'module-timer-armed', route: 'R3', fireAt: 5000 }],
  'lifetime-noted': [
    { id: 'lifetime-noted', address: '10.0.3.1/24', valid: true, fireAt: 10000 },
    { id: 'lifetime-noted', address: '10.0.3.1/24', valid: false, fireAt: 5000 },
  ],
  'timer-armed': [{ id: 'timer-armed', route: 'R3', fireAt: 5000 }],
  'timer-cancelled': [{ id: 'timer-cancelled', route: 'R3' }],
  'module-timer-fired': [{ id: 'module-timer-fired', route: 'R3' }],
  'lifetime-expired': [{ id: 'lifetime-expired', address: '10.0.3.1/24' }],
  'timer-fired': [{ id: 'timer-fired', route: 'R3' }],
  'route-added': [
    { id: 'route-added', label: 'R4', route: '10.0.4.0/24 via 10.0.1.254 dev eth0', replaced: false },
    { id: 'route-added', label: 'R4', route: '10.0.4.0/24 dev eth0', replaced: true },
  ],
  'route-removed': [{ id: 'route-removed', label: 'R3', route: '10.0.3.0/24 dev eth1' }],
  'address-added': [{ id: 'address-added', address: '10.0.3.1/24', dev: 'eth1' }],
  'address-deprecated': [{ id: 'address-deprecated', address: '10.0.3.1/24', dev: 'eth1' }],
  'address-removed': [{ id: 'address-removed', address: '10.0.3.1/24', dev: 'eth1' }],
  'socket-closed': [
    { id: 'socket-closed', who: p1, protocol: 'NETLINK_ROUTE', portId: 1201 },
    { id: 'socket-closed', who: p3, protocol: 'NETLINK_RTMGR', portId: null },
  ],
  'entry-changed': (['added', 'deleted', 'registered', 'unregistered', 'forgotten'] as const).map((change) => ({
    id: 'entry-changed',
    change,
    entry: 'R1',
    port: 1202,
  })),
  'unicast-failed': [{ id: 'unicast-failed', port: 1203, protocol: 'NETLINK_RTMGR' }],
  'action-failed': [{ id: 'action-failed', reason: { id: 'no-socket', process: 'P9' } }],
};

/** Every reason an action could not run, each in its variants (typed: a new reason fails to compile until it has samples). */
const FAILURE_SAMPLES: { [K in FailureId]: Array<Extract<Failure, { id: K }>> } = {
  'no-socket': [
    { id: 'no-socket', process: 'P9' },
    { id: 'no-socket', process: 'P3', socket: 'sync' },
  ],
  'already-closed': [{ id: 'already-closed', socket: 'P1/s0' }],
  'already-member': [{ id: 'already-member', socket: 'P1/s0', group: 7 }],
  'not-member': [{ id: 'not-member', socket: 'P1/s0', group: 7 }],
  'process-exists': [{ id: 'process-exists', process: 'P1' }],
  'pid-taken': [{ id: 'pid-taken', pid: 1201 }],
  'no-process': [{ id: 'no-process', process: 'P4' }],
  'socket-exists': [{ id: 'socket-exists', process: 'P1', socket: 's1' }],
  'protocol-not-registered': [{ id: 'protocol-not-registered', protocol: 'NETLINK_RTMGR', number: 31 }],
  'no-family': [{ id: 'no-family', number: 17 }],
  'port-in-use': [{ id: 'port-in-use', portId: 1201 }],
  'already-bound': [{ id: 'already-bound', socket: 'P1/s0', portId: 1201 }],
  'no-kernel-timer': [{ id: 'no-kernel-timer', protocol: 'NETLINK_GENERIC' }],
  'no-timer-cancel': [{ id: 'no-timer-cancel', protocol: 'NETLINK_RTMGR' }],
  'no-route-to-time': [{ id: 'no-route-to-time', route: 'R9' }],
  'no-timer': [{ id: 'no-timer', route: 'R3' }],
  'module-not-loaded': [{ id: 'module-not-loaded' }],
  'no-entry-to-time': [{ id: 'no-entry-to-time', entry: 'R9' }],
  'unknown-type': [{ id: 'unknown-type', type: 'RTM_NEWFOO' }],
  'not-protocol-type': [{ id: 'not-protocol-type', type: 'RTM_NEWROUTE', protocol: 'NETLINK_RTMGR' }],
  'not-a-flag': [{ id: 'not-a-flag', flag: 'NLM_F_DUMP', type: 'RTM_NEWROUTE' }],
  'entry-name': [{ id: 'entry-name', name: 'too-long-name' }],
  'needs-entry': [{ id: 'needs-entry', type: 'RTMGR_MSG_ADD' }],
  'no-route': [{ id: 'no-route', route: 'R9', type: 'RTM_DELROUTE' }],
  'needs-route': [{ id: 'needs-route', type: 'RTM_NEWROUTE' }],
  'dump-only': [{ id: 'dump-only', type: 'RTM_GETADDR' }],
  'needs-address': [{ id: 'needs-address', type: 'RTM_NEWADDR' }],
  'not-hex': [{ id: 'not-hex', attribute: 30, hex: 'zz' }],
  'not-encodable': [{ id: 'not-encodable', detail: 'attribute 30 does not fit' }],
  'unknown-name': [{ id: 'unknown-name', name: 'bogus' }],
  'not-prefix': [{ id: 'not-prefix', text: '10.0.9.0/33' }],
  'unknown-interface': [{ id: 'unknown-interface', name: 'eth9' }],
};

describe.each(others)('the engine’s words in %s', (lang) => {
  it('word every kind of step description, kernel names kept', async () => {
    const m = await loadMessages(lang);
    for (const [id, samples] of Object.entries(STEP_SAMPLES) as Array<[StepTextId, StepText[]]>) {
      expect(samples.length, id).toBeGreaterThan(0);
      for (const d of samples) {
        const english = sayStep(d, en.engine.steps);
        const theirs = sayStep(titled(d, m), m.engine.steps);
        expectWorded(theirs, english, `${id}: ${english}`);
      }
    }
  });

  it('word every reason an action could not run, as a step says it, kernel names kept', async () => {
    const m = await loadMessages(lang);
    for (const [id, samples] of Object.entries(FAILURE_SAMPLES) as Array<[FailureId, Failure[]]>) {
      expect(samples.length, id).toBeGreaterThan(0);
      for (const reason of samples) {
        const d: StepText = { id: 'action-failed', reason };
        const english = sayStep(d, en.engine.steps);
        const theirs = sayStep(d, m.engine.steps);
        // The wire encoder's own message is English in every language (marked so on the page).
        expectWorded(reason.id === 'not-encodable' ? theirs.replace(reason.detail, '') : theirs, english, `${id}: ${english}`);
      }
    }
  });

  it('word every step and every field meaning of every lecture', async () => {
    const m = await loadMessages(lang);
    for (const { id } of LECTURES) {
      const t = run(lecture(id));
      for (const s of t.steps) {
        const d = stepText(s, t);
        expectWorded(sayStep(titled(d, m), m.engine.steps), sayStep(d, en.engine.steps), `${id} step ${s.index}`);
      }
      for (const msg of t.messages) {
        const decoded = decode(msg.bytes, msg.protocol);
        if (!decoded.ok) continue;
        for (const f of decoded.value.fields) expectWorded(sayField(f.about, m.engine.fields), f.meaning, `${id} message ${msg.id} ${f.id}`);
      }
    }
  });

  it('words every field meaning', async () => {
    const m = await loadMessages(lang);
    for (const [id, english] of Object.entries(en.engine.fields)) {
      if (id === 'row') continue; // A phrase of the protocol tables: checked with the others below.
      const theirs = (m.engine.fields as unknown as Record<string, unknown>)[id];
      if (typeof english === 'string') expectWorded(theirs as string, english, id);
      else expectWorded((theirs as (x: number | string) => string)(7), (english as (x: number | string) => string)(7), id);
    }
  });

  it('words every glossary entry, kernel names kept', async () => {
    const m = await loadMessages(lang);
    for (const term of glossaryTerms()) {
      const e = glossaryEntry(term)!;
      expectWorded(sayGlossary(e.about, m.engine.glossary), e.meaning, term);
    }
  });
});

describe('the protocol tables’ phrases in Spanish', () => {
  it('has every phrase the glossary and the inspector can show, and no other', () => {
    const wanted = new Set([...glossaryPhrases(), ...fieldPhrases()]);
    const missing = [...wanted].filter((p) => !(p in PHRASES));
    const stale = Object.keys(PHRASES).filter((p) => !wanted.has(p));
    // Listed in full so the failure message is the to-do list.
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    for (const [english, text] of Object.entries(PHRASES)) expectWorded(text, english, english);
  });
});

/** Every problem a scenario from outside can have, each in its variants (typed: a new problem fails to compile until it has samples). */
const PROBLEM_SAMPLES: { [K in ProblemId]: Array<Extract<Problem, { id: K }>> } = {
  'not-json': [
    { id: 'not-json', reason: "Expected property name or '}'" },
    { id: 'not-json', reason: 'Unexpected end of JSON input' },
  ],
  'too-many-items': [{ id: 'too-many-items', max: 5000, got: 100_000 }],
  missing: [{ id: 'missing', key: '"title"' }, { id: 'missing' }],
  'unknown-key': [{ id: 'unknown-key', key: 'colour' }, { id: 'unknown-key' }],
  expected: [
    { id: 'expected', expected: 'Object', got: '"x"' },
    { id: 'expected', expected: 'string', got: '42' },
    { id: 'expected', expected: 'an IPv4 prefix like 10.0.1.0/24', got: '"10.0.1.0/33"' },
    { id: 'expected', expected: '"send" | "join"', got: 'Array' },
    { id: 'expected', got: 'undefined' },
  ],
  'expected-number': [{ id: 'expected-number', bound: '>=0', got: '-1' }],
  'expected-integer': [{ id: 'expected-integer', got: '1.5' }],
  empty: [{ id: 'empty' }],
  'too-few-items': [{ id: 'too-few-items', min: '2' }],
  'too-long': [{ id: 'too-long', max: '120' }],
  'expected-one-of': [{ id: 'expected-one-of', expected: ['number', 'string'], got: 'Object' }],
  'no-module': [{ id: 'no-module', protocol: 'NETLINK_RTMGR' }],
  'process-twice': [{ id: 'process-twice', process: 'P1' }],
  'pid-owned': [{ id: 'pid-owned', pid: 1201, owner: 'P1' }],
  'socket-twice': [{ id: 'socket-twice', socket: 's0', process: 'P1' }],
  'unknown-interface': [
    { id: 'unknown-interface', name: 'eth9', known: ['lo', 'eth0'] },
    { id: 'unknown-interface', name: 'eth9', known: [] },
  ],
  'unknown-ifindex': [{ id: 'unknown-ifindex', index: 9, known: ['1', '2'] }],
  'route-label-twice': [{ id: 'route-label-twice', label: 'R1' }],
  'entry-twice': [{ id: 'entry-twice', entry: 'R3' }],
  'stale-translation': [{ id: 'stale-translation', text: 'P2 adds R4 quietly' }],
  'action-label-taken': [{ id: 'action-label-taken', label: 'first', other: 0 }],
  'group-of-other-protocol': [
    { id: 'group-of-other-protocol', group: 'RTMGR_GRP_EVENTS', protocol: 'NETLINK_RTMGR', actor: 'P1', socketProtocol: 'NETLINK_ROUTE' },
  ],
  'time-backwards': [{ id: 'time-backwards', at: 10, previous: 20 }],
  'process-exists': [{ id: 'process-exists', process: 'P1' }],
  'unknown-process': [
    { id: 'unknown-process', process: 'P9', known: ['P1', 'P2'] },
    { id: 'unknown-process', process: 'P9', known: [] },
  ],
  'no-such-socket': [{ id: 'no-such-socket', process: 'P1', socket: 'sync', has: ['s0'] }],
  'other-family': [
    { id: 'other-family', type: 'RTMGR_MSG_ADD', wanted: 'NETLINK_RTMGR', actor: 'P1', socketProtocol: 'NETLINK_ROUTE' },
    { id: 'other-family', type: 'RTM_NEWROUTE', wanted: 'NETLINK_ROUTE', actor: 'P1', socket: 'mod', socketProtocol: 'NETLINK_RTMGR' },
  ],
  'needs-address-fields': [{ id: 'needs-address-fields', type: 'RTM_NEWADDR' }],
  'needs-route-fields': [{ id: 'needs-route-fields', type: 'RTM_DELROUTE' }],
  'unknown-action-label': [
    { id: 'unknown-action-label', label: 'frist', labels: ['first'] },
    { id: 'unknown-action-label', label: 'frist', labels: [] },
  ],
  'no-action': [{ id: 'no-action', action: 9, count: 3 }],
  'no-goal': [{ id: 'no-goal', goal: 4, count: 2 }],
  'no-choice': [{ id: 'no-choice', choice: 5, count: 3 }],
  'single-answer': [{ id: 'single-answer' }],
  'run-threw': [{ id: 'run-threw', detail: 'RangeError' }],
  failed: [
    { id: 'failed', reason: { id: 'no-route-to-time', route: 'R3' }, table: ['L1', 'R1'] },
    { id: 'failed', reason: { id: 'already-bound', socket: 'P1/s0', portId: 1201 } },
    { id: 'failed', reason: { id: 'no-timer', route: 'R3' }, table: [] },
  ],
  'too-many-steps': [{ id: 'too-many-steps', steps: 200_000 }],
  'route-label-taken': [{ id: 'route-label-taken', label: 'R4' }],
  'narration-no-step': [
    { id: 'narration-no-step', action: 2 },
    { id: 'narration-no-step', action: 'first', event: 'message-sent', actor: 'P1', messageType: 'RTM_NEWROUTE', nth: 2 },
  ],
  'narration-same-step': [{ id: 'narration-same-step', step: 7, other: 1 }],
  'question-no-step': [{ id: 'question-no-step' }],
  'question-same-step': [{ id: 'question-same-step', step: 7, other: 0 }],
  'file-too-large': [{ id: 'file-too-large', kb: 5000, maxKb: 2000 }],
  'link-damaged': [{ id: 'link-damaged' }],
  'link-not-json': [{ id: 'link-not-json' }],
  more: [{ id: 'more', count: 450 }],
};

/** Every kind of address parameter the page ignores (typed: a new kind fails to compile until it has a sample). */
const URL_SAMPLE: { [K in UrlProblem['id']]: Extract<UrlProblem, { id: K }> } = {
  flag: { id: 'flag', name: 'embed', value: '"yes"' },
  scenario: { id: 'scenario', value: '"Echo!"' },
  'shared-size': { id: 'shared-size', chars: 5_000_000 },
  step: { id: 'step', value: '"many"' },
  speed: { id: 'speed', value: '"3"', speeds: [0.5, 1, 2] },
  theme: { id: 'theme', value: '"blue"' },
  lang: { id: 'lang', value: '"fr"', langs: ['en', 'es'] },
  'parent-origin': { id: 'parent-origin', value: '"file:///deck.html"' },
};
const URL_SAMPLES: UrlProblem[] = Object.values(URL_SAMPLE);

/** Scenario files with one kind of mistake each, as a learner might write them. */
const BAD_FILES: Array<[string, string]> = [
  ['syntax', '{\n  "version": 1,\n  "id": "x",,\n}'],
  ['cut short', '{"version": 1, "id": "x"'],
  ['not an object', '"a scenario"'],
  ['empty object', '{}'],
];

describe.each(others)('what is wrong with a scenario, in %s', (lang) => {
  it('words every problem the validator reports, kernel names kept', async () => {
    const words = (await loadMessages(lang)).notice.validation;
    expect(words).not.toBeNull();
    for (const [id, samples] of Object.entries(PROBLEM_SAMPLES) as Array<[ProblemId, Problem[]]>) {
      expect(samples.length, id).toBeGreaterThan(0);
      for (const p of samples) {
        const english = problemEnglish(p);
        const theirs = sayProblem(p, words!.problems);
        expectWorded(theirs.replace(p.id === 'run-threw' ? p.detail : '', ''), english, `${id}: ${english}`);
        expect(theirs, id).not.toBe(english);
      }
    }
  });

  it('words every description the schema gives of a value', () => {
    for (const [english, text] of Object.entries(SCHEMA_PHRASES)) expectWorded(text, english, english);
  });

  it('words what is wrong with real files, where it is too, and keeps the English for the CLI', async () => {
    const m = await loadMessages(lang);
    const lectureWith = (change: (s: ScenarioSpec) => void) => {
      const s = lecture('echo');
      change(s);
      return JSON.stringify(s);
    };
    const files: Array<[string, string]> = [
      ...BAD_FILES,
      ['a bad prefix', lectureWith((s) => (s.routes[0]!.dst = '10.0.1.0/33'))],
      ['a timer on a missing route', lectureWith((s) => s.actions.push({ at: 99_000, do: 'arm-timer', route: 'R9', afterMs: 10 }))],
      ['an unknown actor', lectureWith((s) => Object.assign(s.actions[0]!, { actor: 'P9' }))],
    ];
    for (const [what, text] of files) {
      const r = validateScenarioText(text);
      expect(r.ok, what).toBe(false);
      if (r.ok) continue;
      for (const e of r.error) {
        expect(e.problem, `${what}: ${e.message}`).toBeDefined();
        // The English stays the validator's: the problem's English is its message.
        expect(e.message, what).toBe(problemEnglish(e.problem!));
        const theirs = sayScenarioError(e, m.notice.validation);
        expect(theirs, what).not.toBe(formatError(e));
        expectWorded(theirs, formatError(e), `${what}: ${formatError(e)}`);
      }
    }
  });

  it('words the notices’ titles and lines', async () => {
    const m = await loadMessages(lang);
    const error = { path: 'actions[0].actor', message: '', problem: { id: 'unknown-process', process: 'P9', known: ['P1'] } } as const;
    const texts: NoticeText[] = [
      { title: { id: 'url-ignored' }, lines: [] },
      { title: { id: 'refused' }, lines: [{ id: 'problem', error }] },
      { title: { id: 'invalid', source: { kind: 'file', name: 'mine.json' }, kept: true }, lines: [{ id: 'current-kept' }] },
      { title: { id: 'invalid', source: { kind: 'link' }, kept: false }, lines: [{ id: 'showing', scenario: 'echo' }] },
      { title: { id: 'invalid', source: { kind: 'host' }, kept: true }, lines: [] },
      { title: { id: 'no-lecture', scenario: 'ecco' }, lines: [{ id: 'showing-built-in', scenario: 'echo', builtIn: ['echo', 'dump'] }] },
      { title: { id: 'not-capture', name: 'x.pcapng' }, lines: [] },
      { title: { id: 'capture-partial', name: 'x.pcapng' }, lines: [] },
      { title: { id: 'url-ignored' }, lines: URL_SAMPLES.map((problem) => ({ id: 'url', problem })) },
    ];
    for (const text of texts) {
      const english = sayNotice(text, en);
      const theirs = sayNotice(text, m);
      expectWorded(theirs.title, english.title, english.title);
      theirs.lines.forEach((l, i) => expectWorded(l.text, english.lines[i]!.text, english.lines[i]!.text));
    }
  });
});

describe('a message type the kernel has no name for', () => {
  const unnamed: MessageText = { ...msg, type: 24, detail: '' };
  it('is "type 24" in English, as the CLI says it, and named by each language on the page', async () => {
    const d: StepText = { id: 'sent', from: 'P1', message: unnamed, to: 'kernel' };
    expect(sayStep(d, en.engine.steps)).toBe('P1 sends type 24 (flags NLM_F_REQUEST|NLM_F_ACK, seq 7, pid 0) to kernel');
    expect(sayField({ id: 'type', n: 24 }, en.engine.fields)).toBe('type 24');
    for (const lang of others) {
      const m = await loadMessages(lang);
      const step = sayStep(d, m.engine.steps);
      expectWorded(step, sayStep(d, en.engine.steps), lang);
      expect(step).toContain(m.engine.fields.type(24));
      expect(m.diagram.unnamedType(24)).toBe(m.engine.fields.type(24));
    }
    const es = await loadMessages('es');
    expect(sayStep(d, es.engine.steps)).toBe('P1 envía tipo 24 (flags NLM_F_REQUEST|NLM_F_ACK, seq 7, pid 0) al kernel');
    expect(sayStep({ id: 'kernel-received', label: { type: 24 }, from: 'P1' }, en.engine.steps)).toBe('kernel receives type 24 from P1');
    expect(sayStep({ id: 'kernel-received', label: { type: 24 }, from: 'P1' }, es.engine.steps)).toBe('el kernel recibe tipo 24 de P1');
  });

  it('is named so in the inspector and on the diagram of a captured generic netlink message', async () => {
    const req = Uint8Array.from([20, 0, 0, 0, 24, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0]);
    const t = importCapture(readCapture(writePcapng([nlmonPacket(1_700_000_000_000_000, PACKET_KERNEL, req, 16)]))).timeline;
    const m = t.messages.at(0)!;
    const decoded = decode(m.bytes, m.protocol);
    if (!decoded.ok) throw new Error('the message does not decode');
    const type = decoded.value.fields.find((f) => f.name === 'nlmsg_type')!;
    expect(type.about).toEqual({ id: 'type', n: 24 });
    expect(sayField(type.about, en.engine.fields)).toBe('type 24');
    const es = await loadMessages('es');
    expect(sayField(type.about, es.engine.fields)).toBe('tipo 24');
    expect(shortType(m)).toBe('type 24 [16]');
    expect(shortType(m, es.diagram)).toBe('tipo 24 [16]');
  });
});
