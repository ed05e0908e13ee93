/**
 * A run's message table. Most messages of a busy run are multicast copies (a notification to
 * twenty listeners is twenty copies), and an object per copy, kept for the life of the timeline,
 * was a third of what the garbage collector copied in a run. So a copy is kept as numbers (its
 * receiver and arrival; everything else is its group message's) and handed out as a CopyMessage
 * when asked for. Every other message is kept as it is.
 */
import type { Endpoint, Message } from '../model';
import { listIndex, ReadList } from '../list';
import { CopyMessage, messageLength, RunMessage } from './message';

export class MessageTable extends ReadList<Message> {
  /** Every message but the copies, in id order. */
  #rows: Message[] = [];
  /** By id: the message's place in #rows, or for a copy its group message's place p as ~p (below 0). */
  #row = new Int32Array(1024);
  /** How many messages there are. */
  #size = 0;
  /** By id, for a copy: its receiver's place in #endpoints. */
  #to = new Int32Array(1024);
  /**
   * By id, of every message: what the scheduler compares and a read measures (nlmsg_len), without
   * reading the message (a cache miss, or a copy to build).
   */
  #deliverAt = new Float64Array(1024);
  #seq = new Float64Array(1024);
  #nlmsgLen = new Int32Array(1024);
  #endpoints: Endpoint[] = [];
  #endpointIds = new Map<Endpoint, number>();
  /**
   * How many messages each datagram holds, by the id of its first (a datagram's messages have
   * consecutive ids), counted as messages are added: reading the message after a datagram's first
   * to see whether it belongs was a cache miss on nearly every delivery and read.
   */
  #parts = new Int32Array(1024);

  constructor(messages: Iterable<Message> = []) {
    super();
    for (const m of messages) this.push(m);
  }

  get length(): number {
    return this.#size;
  }

  at(i: number): Message | undefined {
    const k = listIndex(i, this.#size);
    return k < 0 ? undefined : this.get(k);
  }

  /** Message `id` (0 ≤ id < length). */
  get(id: number): Message {
    const r = this.#row[id]!;
    return r >= 0 ? this.#rows[r]! : new CopyMessage(id, this.#endpoints[this.#to[id]!]!, this.#deliverAt[id]!, this.#rows[~r] as RunMessage);
  }

  /** Whether message `id` is a multicast copy (a datagram of its own, never inline). */
  isCopy(id: number): boolean {
    return this.#row[id]! < 0;
  }

  /** Message `id` as kept: itself, or for a copy its group message. */
  row(id: number): Message {
    const r = this.#row[id]!;
    return this.#rows[r < 0 ? ~r : r]!;
  }

  /** Message `id`'s receiver, without building a copy. */
  toOf(id: number): Endpoint {
    const r = this.#row[id]!;
    return r >= 0 ? this.#rows[r]!.to : this.#endpoints[this.#to[id]!]!;
  }

  /** nlmsg_len of message `id` (a copy's is its group message's). */
  lengthOf(id: number): number {
    return this.#nlmsgLen[id]!;
  }

  /** When message `id` reaches its receiver. */
  deliverAtOf(id: number): number {
    return this.#deliverAt[id]!;
  }

  /** Message `id`'s sequence number (a copy's follows its group message's by as many as its id). */
  seqOf(id: number): number {
    return this.#seq[id]!;
  }

  /** Adds message `m`, whose id is the table's length. */
  push(m: Message): void {
    if (m instanceof CopyMessage) this.pushCopy(m.to, m.deliverAt, m.group);
    else {
      const id = this.#size;
      if (id >= this.#to.length) this.#grow(id);
      this.#row[id] = this.#rows.push(m) - 1;
      this.#deliverAt[id] = m.deliverAt;
      this.#seq[id] = m.seq;
      this.#nlmsgLen[id] = messageLength(m);
      this.#size = id + 1;
      this.#count(id, m.datagram);
    }
  }

  /** Adds a copy of multicast message `group` to `to` arriving at `deliverAt`, with the next id. */
  pushCopy(to: Endpoint, deliverAt: number, group: RunMessage): void {
    const id = this.#size;
    if (id >= this.#to.length) this.#grow(id);
    let e = this.#endpointIds.get(to);
    if (e === undefined) this.#endpointIds.set(to, (e = this.#endpoints.push(to) - 1));
    this.#to[id] = e;
    this.#deliverAt[id] = deliverAt;
    this.#seq[id] = group.seq + (id - group.id);
    this.#nlmsgLen[id] = group.length;
    this.#row[id] = ~this.#row[group.id]!;
    this.#size = id + 1;
    this.#count(id, id);
  }

  /** Drops the messages from id `n` on (a fork drops the future after its step). */
  truncate(n: number): void {
    if (n >= this.#size) return;
    // The rows are in id order: those up to the last message below `n` that is not a copy stay.
    let last = n - 1;
    while (last >= 0 && this.isCopy(last)) last--;
    this.#rows.length = last < 0 ? 0 : this.#row[last]! + 1;
    this.#size = n;
    this.#parts.fill(0);
    for (let id = 0; id < n; id++) this.#count(id, this.isCopy(id) ? id : this.row(id).datagram);
  }

  /** A table of the first `n` messages, which this one shares nothing it changes with. */
  prefix(n: number): MessageTable {
    const t = new MessageTable();
    t.#rows = this.#rows.slice();
    t.#row = this.#row.slice();
    t.#size = this.#size;
    t.#to = this.#to.slice();
    t.#deliverAt = this.#deliverAt.slice();
    t.#seq = this.#seq.slice();
    t.#nlmsgLen = this.#nlmsgLen.slice();
    t.#endpoints = this.#endpoints.slice();
    t.#endpointIds = new Map(this.#endpointIds);
    t.#parts = this.#parts.slice();
    t.truncate(n);
    return t;
  }

  /** The size of the datagram that message `id` starts. */
  partsOf(id: number): number {
    return this.#parts[id]!;
  }

  #count(id: number, datagram: number): void {
    if (Math.max(id, datagram) >= this.#parts.length) this.#grow(Math.max(id, datagram));
    if (datagram === id) this.#parts[id] = 1;
    else this.#parts[datagram]!++;
  }

  #grow(id: number): void {
    const n = Math.max(id + 1, this.#parts.length * 2);
    const grown = <A extends Int32Array | Float64Array>(a: A, b: A): A => (b.set(a), b);
    this.#to = grown(this.#to, new Int32Array(n));
    this.#row = grown(this.#row, new Int32Array(n));
    this.#deliverAt = grown(this.#deliverAt, new Float64Array(n));
    this.#seq = grown(this.#seq, new Float64Array(n));
    this.#nlmsgLen = grown(this.#nlmsgLen, new Int32Array(n));
    this.#parts = grown(this.#parts, new Int32Array(n));
  }
}
