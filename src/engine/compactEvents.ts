/**
 * A run's events as numbers: the commonest events of a busy run (a message delivered, read, sent
 * to one receiver, or multicast to its copies) as a code and two numbers rather than as objects,
 * one object fewer per step for the garbage collector to copy; any other event is kept as it is,
 * by number. Built again when a step is read, with its fields in the order the rules write them
 * (compact.test.ts checks that).
 */
import type { TraceEvent } from './trace';

const enum Code {
  /** Kept as it is: the message number is its place among the events kept. */
  None = 0,
  Delivered = 1,
  /** The extra number is the socket's place among the sockets named. */
  Read = 2,
  Sent = 3,
  /** A multicast: the group message, then its copies, which take the next ids (their count is the extra number). */
  SentCopies = 4,
}

export class CompactEvents {
  readonly #kept: TraceEvent[] = [];
  /** Socket ids of reads, each once; the last one looked up (reads come in runs). */
  readonly #sockets: string[] = [];
  readonly #socketIds = new Map<string, number>();
  #lastSocket = '';
  #lastSocketId = -1;

  /** Writes event `e` as its code, message and extra number at `ints[at]`, `ints[at + 1]`, `ints[at + 2]`. */
  keep(ints: Int32Array, at: number, e: TraceEvent): void {
    switch (e.kind) {
      case 'message-delivered':
        ints[at] = Code.Delivered;
        ints[at + 1] = e.message;
        return;
      case 'message-read':
        if (e.socket !== this.#lastSocket) {
          let s = this.#socketIds.get(e.socket);
          if (s === undefined) {
            s = this.#sockets.push(e.socket) - 1;
            this.#socketIds.set(e.socket, s);
          }
          this.#lastSocket = e.socket;
          this.#lastSocketId = s;
        }
        ints[at] = Code.Read;
        ints[at + 1] = e.message;
        ints[at + 2] = this.#lastSocketId;
        return;
      case 'message-sent': {
        const copies = e.copies;
        if (copies === undefined) {
          ints[at] = Code.Sent;
          ints[at + 1] = e.message;
          return;
        }
        if (copies.every((c, i) => c === e.message + 1 + i)) {
          ints[at] = Code.SentCopies;
          ints[at + 1] = e.message;
          ints[at + 2] = copies.length;
          return;
        }
      }
    }
    ints[at] = Code.None;
    ints[at + 1] = this.#kept.push(e) - 1;
  }

  /** The event that a code, message and extra number written by keep() stand for. */
  read(code: number, message: number, extra: number): TraceEvent {
    switch (code as Code) {
      case Code.Delivered:
        return { kind: 'message-delivered', message };
      case Code.Read:
        return { kind: 'message-read', socket: this.#sockets[extra]!, message };
      case Code.Sent:
        return { kind: 'message-sent', message };
      case Code.SentCopies:
        return { kind: 'message-sent', message, copies: Array.from({ length: extra }, (_, i) => message + 1 + i) };
      case Code.None:
        return this.#kept[message]!;
    }
  }
}
