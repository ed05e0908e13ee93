/** Playback speeds offered by the speed menu and accepted in a link (speed=...). */
export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;

export type Speed = (typeof SPEEDS)[number];

export function isSpeed(n: number): n is Speed {
  return (SPEEDS as readonly number[]).includes(n);
}
