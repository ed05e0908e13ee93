/** The built-in lecture scenarios. Each is a JSON file in the same format instructors write. */
import type { ScenarioSpec } from '../engine';
import eventNotification from './lectures/event-notification.json';

import { validateScenario, type ValidationResult } from './validate';
export { validateScenario, validateScenarioText, parseJson, formatError, type ScenarioError, type ValidationResult } from './validate';
export { captions, captionAt, findStep, type Caption } from './narration';

/** In the order a course would teach them. */
export const LECTURE_FILES: ReadonlyArray<{ id: string; data: unknown }> = [
  { id: 'event-notification', data: eventNotification },
];

export const DEFAULT_SCENARIO_ID = 'event-notification';

export function lectureIds(): string[] {
  return LECTURE_FILES.map((l) => l.id);
}

export type { ScenarioSpec };

const cache = new Map<string, ValidationResult>();

/** A built-in lecture, validated and run. Unknown ids give undefined. */
export function loadLecture(id: string): ValidationResult | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  const file = LECTURE_FILES.find((l) => l.id === id);
  if (!file) return undefined;
  const result = validateScenario(file.data);
  cache.set(id, result);
  return result;
}
