/**
 * Every scenario action, by kind: the user-space system calls, and the kernel-side actions a
 * lecture scripts (arming a module's timer). Each returns null, or why it could not run; a
 * failure becomes an `action-failed` step, as a failed system call would return an error.
 */
import type { Failure } from '../failure';
import type { Recorder } from '../core/recorder';
import { familyOf } from '../families';
import { protocolNumber } from '../protocol/names';
import type { ActionKind, ActionSpec } from '../spec';
import type { ActionOf } from './action';
import { bind } from './bind';
import { close } from './close';
import { recvmsg } from './recvmsg';
import { sendmsg } from './sendmsg';
import { join, leave, setOption, setRcvbuf } from './setsockopt';
import { open, spawn } from './socket';

type Handlers = { [K in ActionKind]: (rec: Recorder, a: ActionOf<K>) => Failure | null };

const ACTIONS: Handlers = {
  spawn,
  open,
  bind,
  join,
  leave,
  'set-rcvbuf': setRcvbuf,
  'set-option': setOption,
  send: sendmsg,
  read: recvmsg,
  close,
  'arm-timer': (rec, a) => {
    const f = familyOf(protocolNumber(a.protocol))!;
    return f.armTimer ? f.armTimer(rec, a.route, a.afterMs) : { id: 'no-kernel-timer', protocol: f.name };
  },
  'cancel-timer': (rec, a) => {
    const f = familyOf(protocolNumber(a.protocol))!;
    return f.cancelTimer ? f.cancelTimer(rec, a.route) : { id: 'no-timer-cancel', protocol: f.name };
  },
};

export function runAction(rec: Recorder, a: ActionSpec): void {
  const before = rec.changes;
  const failure = (ACTIONS[a.do] as (rec: Recorder, a: ActionSpec) => Failure | null)(rec, a);
  if (failure === null) return;
  // A failed system call changes nothing: every handler checks before it acts.
  if (rec.changes !== before) throw new Error(`the ${a.do} action failed (${failure.id}) after it had changed the world`);
  rec.emit(rec.world, { kind: 'action-failed', reason: failure });
}
