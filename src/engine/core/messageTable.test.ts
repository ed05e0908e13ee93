/**
 * A message table keeps a multicast copy as numbers and hands it out as a CopyMessage
 * (core/messageTable.ts). What it hands out must be what was added, field for field, whatever
 * mix of full messages, copies and multi-message datagrams, and after a fork drops a future.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Message } from '../model';
import { MessageTable } from './messageTable';
import { CopyMessage, messageLength, RunMessage } from './message';
import { KERNEL } from './send';

const SOCKETS: Endpoint[] = ['P1/s0', 'P2/s0', 'P3/s0'].map((socket) => ({ kind: 'socket', socket }));
const GROUP: Endpoint = { kind: 'group', group: 1 };

/** One message: a full one of a datagram of `parts` messages, a group message, or `copies` copies of the last group message. */
type Op = { kind: 'full'; parts: number; to: number } | { kind: 'group' } | { kind: 'copies'; copies: number; to: number } | { kind: 'fork'; keep: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('full' as const), parts: fc.integer({ min: 1, max: 3 }), to: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('group' as const) }),
  fc.record({ kind: fc.constant('copies' as const), copies: fc.integer({ min: 1, max: 4 }), to: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('fork' as const), keep: fc.nat() }),
);

function full(id: number, datagram: number, to: Endpoint, seq: number): RunMessage {
  return new RunMessage(
    id,
    {
      kind: to === GROUP ? 'notification' : 'reply',
      protocol: 0,
      datagram,
      truesize: 768,
      dstGroup: to === GROUP ? 1 : 0,
      from: KERNEL,
      to,
      sentAt: id,
      deliverAt: id + 300,
      message: { header: { len: 0, type: 3, flags: 0, seq: id, pid: 0 }, payload: { kind: 'done', value: 0 } },
    },
    null,
    seq,
  );
}

/** Applies the ops to a table and to a plain array of the messages themselves; returns both. */
function build(ops: readonly Op[]): { table: MessageTable; model: Message[] } {
  let table = new MessageTable();
  let model: Message[] = [];
  let group: RunMessage | undefined;
  for (const o of ops) {
    const id = model.length;
    if (o.kind === 'full') {
      for (let i = 0; i < o.parts; i++) {
        const m = full(id + i, id, SOCKETS[o.to]!, 1000 + id + i);
        table.push(m);
        model.push(m);
      }
    } else if (o.kind === 'group') {
      group = full(id, id, GROUP, 1000 + id);
      table.push(group);
      model.push(group);
    } else if (o.kind === 'copies' && group && group.id < id) {
      for (let i = 0; i < o.copies; i++) {
        const c = new CopyMessage(id + i, SOCKETS[(o.to + i) % 3]!, 5000 + id + i, group);
        table.pushCopy(c.to, c.deliverAt, group);
        model.push(c);
      }
    } else if (o.kind === 'fork') {
      const n = model.length ? o.keep % (model.length + 1) : 0;
      table = table.prefix(n);
      model = model.slice(0, n);
      if (group && group.id >= n) group = undefined;
    }
  }
  return { table, model };
}

const FIELDS = ['id', 'kind', 'datagram', 'to', 'deliverAt', 'seq', 'copyOf', 'message', 'truesize'] as const;
const fields = (m: Message) => FIELDS.map((k) => m[k]);

describe('a message table', () => {
  it('hands out every message as it was added, after any forks', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const { table, model } = build(ops);
        expect(table.length).toBe(model.length);
        for (let id = 0; id < model.length; id++) {
          const m = table.at(id)!;
          expect(fields(m)).toEqual(fields(model[id]!));
          expect(m instanceof CopyMessage).toBe(model[id] instanceof CopyMessage);
          expect(table.isCopy(id)).toBe(model[id] instanceof CopyMessage);
          expect(table.deliverAtOf(id)).toBe(model[id]!.deliverAt);
          expect(table.seqOf(id)).toBe(model[id]!.seq);
          expect(table.lengthOf(id)).toBe(messageLength(model[id]!));
          expect(table.toOf(id)).toBe(model[id]!.to);
          // A datagram's size is counted at its first message.
          if (model[id]!.datagram === id) expect(table.partsOf(id)).toBe(model.filter((x) => x.datagram === id).length);
        }
        expect(table.at(model.length)).toBeUndefined();
        if (model.length) expect(fields(table.at(-1)!)).toEqual(fields(model.at(-1)!));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a fork apart from the table it came from', () => {
    const { table } = build([{ kind: 'group' }, { kind: 'copies', copies: 3, to: 0 }, { kind: 'full', parts: 1, to: 1 }]);
    const fork = table.prefix(2);
    fork.push(full(2, 2, SOCKETS[2]!, 7));
    expect(table.length).toBe(5);
    expect(table.at(2)!.to).toEqual(SOCKETS[1]);
    expect(table.isCopy(2)).toBe(true);
    expect(fork.at(2)!.to).toEqual(SOCKETS[2]);
    expect(fork.isCopy(2)).toBe(false);
  });

  it('keeps, in a fork, a full message made before a copy of an older group', () => {
    // Rows are kept for full messages only: a copy made after a later full message points back.
    const group = full(0, 0, GROUP, 0);
    const table = new MessageTable([group, full(1, 1, SOCKETS[0]!, 1)]);
    table.pushCopy(SOCKETS[1]!, 9, group);
    table.push(full(3, 3, SOCKETS[2]!, 3));
    const fork = table.prefix(3);
    expect(fork.length).toBe(3);
    expect(fork.at(1)!.to).toEqual(SOCKETS[0]);
    expect(fork.at(2)!.copyOf).toBe(0);
    fork.push(full(3, 3, SOCKETS[1]!, 3));
    expect(fork.at(3)!.to).toEqual(SOCKETS[1]);
    expect(table.at(3)!.to).toEqual(SOCKETS[2]);
  });
});
