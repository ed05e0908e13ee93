/**
 * A run keeps its commonest events as numbers and a multicast's copies as numbers that a
 * CopyMessage reads with the group message (snapshots.ts, core/messageTable.ts). What a view reads
 * must be what the kernel rules wrote: each step's event, field for field and in the same field
 * order, and each message, every field of it, as the full message the same description makes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from './arbitraries.test-helpers';
import { initialWorld } from './families';
import { run, type Message, type TraceEvent } from './index';
import { makeEnv, step } from './scheduler';
import { Recorder, type NewMessage, type StepSink } from './core/recorder';
import { CopyMessage, RunMessage } from './core/message';
import { readdirSync, readFileSync } from 'node:fs';
import type { ScenarioSpec } from './spec';

/** Every field a message has, so that a field added to Message and not to a compact message fails here. */
const FIELDS: Record<keyof Message, true> = {
  id: true,
  kind: true,
  protocol: true,
  datagram: true,
  truesize: true,
  dstGroup: true,
  inline: true,
  from: true,
  to: true,
  sentAt: true,
  deliverAt: true,
  message: true,
  bytes: true,
  copyOf: true,
  inReplyTo: true,
  seq: true,
  cause: true,
  route: true,
};
const fields = (m: Message) => Object.fromEntries(Object.keys(FIELDS).map((k) => [k, m[k as keyof Message]]));

/** The run step by step with a sink that keeps the events as written, and every message as a full RunMessage made from the same description. */
function written(spec: ScenarioSpec): { events: TraceEvent[]; messages: Message[] } {
  const events: TraceEvent[] = [{ kind: 'start' }];
  const messages: Message[] = [];
  const sink: StepSink = { wholeNext: false, push: (_t, e) => void events.push(e) };
  const rec = new Recorder(initialWorld(spec), makeEnv(spec), sink);
  const keep = (id: number, m: NewMessage, seq: number, copyOf?: Message) => {
    const group = copyOf === undefined ? undefined : messages.at(copyOf.id);
    // newCopy() falls back on newMessage() for a copy it cannot keep small: that one is kept there.
    if (messages.length === id) messages.push(new RunMessage(id, { ...m }, rec.cause, seq, group instanceof RunMessage ? group : undefined));
  };
  const made = rec.newMessage.bind(rec);
  rec.newMessage = (m: NewMessage, copyOf?: Message) => {
    const seq = rec.world.nextSeq;
    const real = made(m, copyOf);
    keep(real.id, m, seq, copyOf);
    return real;
  };
  const copied = rec.newCopy.bind(rec);
  rec.newCopy = (m: NewMessage, group: Message) => {
    const seq = rec.world.nextSeq;
    const id = copied(m, group);
    keep(id, m, seq, group);
    return id;
  };
  while (step(rec)) continue;
  return { events, messages };
}

function check(spec: ScenarioSpec): void {
  const t = run(spec);
  const { events, messages } = written(spec);
  expect(t.steps.length).toBe(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = t.steps.at(i)!.event;
    expect(e).toEqual(events[i]);
    expect(JSON.stringify(e)).toBe(JSON.stringify(events[i]));
  }
  expect(t.messages.length).toBe(messages.length);
  for (let i = 0; i < messages.length; i++) expect(fields(t.messages.at(i)!)).toEqual(fields(messages.at(i)!));
}

/** The lecture files, read as the CLI reads them (the engine imports nothing from the app). */
const LECTURE_DIR = new URL('../scenarios/lectures/', import.meta.url);
const lectureSpecs = readdirSync(LECTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, LECTURE_DIR), 'utf8')) as ScenarioSpec);

describe('what a run keeps compactly', () => {
  it('reads as what the rules wrote, in every lecture', () => {
    expect(lectureSpecs.length).toBeGreaterThan(5);
    for (const spec of lectureSpecs) check(spec);
  });

  it("keeps a multicast's copies small", () => {
    // If the rules changed how copies are made, copies would silently become full messages.
    const t = run(lectureSpecs.find((s) => s.id === 'event-notification')!);
    const copies = t.messages.filter((m) => m.copyOf !== undefined);
    expect(copies.length).toBeGreaterThan(1);
    for (const m of copies) expect(m).toBeInstanceOf(CopyMessage);
  });

  it('reads as what the rules wrote, in random scenarios', () => {
    fc.assert(fc.property(arbScenario(), check), { numRuns: 60 });
  }, 60_000);
});
