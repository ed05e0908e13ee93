/** Every kernel family the simulation has, by protocol number. */
import { baseWorld } from '../core/world';
import type { World } from '../model';
import type { ScenarioSpec } from '../spec';
import type { KernelFamily } from './family';
import { routeFamily } from './route';
import { rtmgrFamily } from './rtmgr';

const FAMILIES: readonly KernelFamily[] = [routeFamily, rtmgrFamily];

export function familyOf(protocol: number): KernelFamily | undefined {
  return FAMILIES.find((f) => f.protocol === protocol);
}

export function families(): readonly KernelFamily[] {
  return FAMILIES;
}

/** A scenario's world before its first event: processes and sockets, then every family's state. */
export function initialWorld(spec: ScenarioSpec): World {
  return FAMILIES.reduce((w, f) => f.init(w, spec), baseWorld(spec));
}
