/**
 * A kernel family: the kernel side of one netlink protocol, as created by netlink_kernel_create().
 * It receives requests through the netlink core, owns its state and timers, and answers and
 * notifies through the core (core/send.ts). Adding a family is one folder plus one line in
 * families/index.ts.
 */
import type { Failure } from '../failure';
import type { InputHandler } from '../core/send';
import type { Recorder } from '../core/recorder';
import type { TimerState, World } from '../model';
import type { Result } from '../result';
import type { RequestSpec, ScenarioSpec } from '../spec';
import type { NlMessage } from '../wire/message';

export interface KernelFamily {
  /** The protocol number user space passes to socket(AF_NETLINK, SOCK_RAW, protocol). */
  readonly protocol: number;
  /** NETLINK_ROUTE, or the module's own name. */
  readonly name: string;
  /** netlink_kernel_cfg.input, per message: 0, a negative errno (the core ACKs), or 'dump'. */
  input: InputHandler;
  /** A timer this family armed fired. */
  fire(rec: Recorder, timer: TimerState): void;
  /** The family's state when the scenario starts (module_init, or what the kernel has at boot). */
  init(world: World, spec: ScenarioSpec): World;
  /** A scenario's request as the bytes a program would send to this family. */
  buildRequest(r: RequestSpec, w: World): Result<NlMessage, Failure>;
  /** Whether the protocol is registered in this world (a module is loaded); absent: always. */
  loaded?(w: World): boolean;
  /** A scripted kernel-side timer on a named object (a route, a module entry): null, or why not. */
  armTimer?(rec: Recorder, name: string, afterMs: number): Failure | null;
  cancelTimer?(rec: Recorder, name: string): Failure | null;
}
