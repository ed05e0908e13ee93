/** Every kernel family the simulation has, by protocol number. */
import type { KernelFamily } from './family';
import { routeFamily } from './route';

const FAMILIES: readonly KernelFamily[] = [routeFamily];

export function familyOf(protocol: number): KernelFamily | undefined {
  return FAMILIES.find((f) => f.protocol === protocol);
}

export function families(): readonly KernelFamily[] {
  return FAMILIES;
}
