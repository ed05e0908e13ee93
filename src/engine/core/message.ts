/**
 * A message of a run. The kernel rules need a message's length (receive-buffer charges, what fits a
 * read), never its bytes, so a run does not encode: `bytes` are written on first read and kept.
 * Every copy of one multicast reads its original's bytes (the kernel clones one skb), so a
 * notification to twenty sockets is encoded once, if ever.
 */
import type { Endpoint, Message, MessageKind } from '../model';
import { encode, encodedLength, type NlMessage } from '../wire/message';

/** What the kernel rules give newMessage(): the rest (id, cause, seq) the recorder fills in. */
export type NewMessage = Omit<Message, 'id' | 'bytes' | 'cause' | 'seq'>;

/** nlmsg_len of a message, from its fields: what encode(message).length will be (wire.test.ts checks it). */
export function messageLength(m: Message): number {
  return m instanceof RunMessage || m instanceof CopyMessage ? m.length : m.bytes.length;
}

export class RunMessage implements Message {
  readonly kind: MessageKind;
  readonly protocol: number;
  readonly datagram: number;
  readonly truesize: number;
  readonly dstGroup: number;
  readonly inline?: true;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly message: NlMessage;
  readonly copyOf?: number;
  readonly inReplyTo?: number;
  readonly route?: string;
  /** nlmsg_len, computed once from the fields (encodedLength). */
  readonly length: number;
  #bytes: Uint8Array | undefined;
  /** For a multicast copy: the message whose bytes it shares. */
  readonly #source: RunMessage | undefined;

  constructor(
    readonly id: number,
    m: NewMessage,
    readonly cause: number | null,
    readonly seq: number,
    source?: RunMessage,
  ) {
    // The same fields in the same order as the literal the rules build, optional ones only when set.
    this.kind = m.kind;
    this.protocol = m.protocol;
    this.datagram = m.datagram;
    this.truesize = m.truesize;
    this.dstGroup = m.dstGroup;
    if (m.inline) this.inline = true;
    this.from = m.from;
    this.to = m.to;
    this.sentAt = m.sentAt;
    this.deliverAt = m.deliverAt;
    this.message = m.message;
    if (m.copyOf !== undefined) this.copyOf = m.copyOf;
    if (m.inReplyTo !== undefined) this.inReplyTo = m.inReplyTo;
    if (m.route !== undefined) this.route = m.route;
    this.length = source && source.message === m.message ? source.length : encodedLength(m.message);
    this.#source = source && source.message === m.message ? source : undefined;
  }

  /** The wire bytes, encoded on first read (or the original's, for a multicast copy), then kept. */
  get bytes(): Uint8Array {
    return (this.#bytes ??= this.#source ? this.#source.bytes : encode(this.message));
  }
}

/**
 * Whether `m`, to be message `id` with sequence number `seq`, is a copy of `group` that differs
 * only where a CopyMessage keeps its own fields, or where it works them out from its id.
 */
export function sharesGroup(m: NewMessage, id: number, seq: number, group: RunMessage, cause: number | null): boolean {
  return (
    m.datagram === id &&
    seq === group.seq + (id - group.id) &&
    m.copyOf === group.id &&
    m.message === group.message &&
    m.kind === group.kind &&
    m.protocol === group.protocol &&
    m.truesize === group.truesize &&
    m.dstGroup === group.dstGroup &&
    m.from === group.from &&
    m.sentAt === group.sentAt &&
    m.route === group.route &&
    cause === group.cause &&
    m.inReplyTo === undefined &&
    !m.inline
  );
}

/**
 * One member's copy of a multicast: its id, receiver and arrival are its own; it is a datagram of its own,
 * its sequence number follows the group message's by as many as its id does (the copies are made
 * one after the other), and everything else is read from the group message, as the kernel clones
 * one skb. A group of twenty makes twenty of these, so they are kept small: a run keeps every
 * message.
 */
export class CopyMessage implements Message {
  readonly #group: RunMessage;
  constructor(
    readonly id: number,
    readonly to: Endpoint,
    readonly deliverAt: number,
    group: RunMessage,
  ) {
    this.#group = group;
  }
  /** The multicast message it copies. */
  get group(): RunMessage {
    return this.#group;
  }
  get datagram(): number {
    return this.id;
  }
  get seq(): number {
    return this.#group.seq + (this.id - this.#group.id);
  }
  get kind(): MessageKind {
    return this.#group.kind;
  }
  get protocol(): number {
    return this.#group.protocol;
  }
  get truesize(): number {
    return this.#group.truesize;
  }
  get dstGroup(): number {
    return this.#group.dstGroup;
  }
  get from(): Endpoint {
    return this.#group.from;
  }
  get sentAt(): number {
    return this.#group.sentAt;
  }
  get message(): NlMessage {
    return this.#group.message;
  }
  get copyOf(): number {
    return this.#group.id;
  }
  get route(): string | undefined {
    return this.#group.route;
  }
  get cause(): number | null {
    return this.#group.cause;
  }
  get length(): number {
    return this.#group.length;
  }
  get bytes(): Uint8Array {
    return this.#group.bytes;
  }
}
