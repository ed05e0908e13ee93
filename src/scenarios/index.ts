/**
 * The built-in lecture scenarios. Each is a JSON file in src/scenarios/lectures/, in the same
 * format instructors write; the app loads one file at a time, on demand, and the CLI reads the
 * same files from disk. Validation (and valibot) is not imported here, to keep the first load
 * small: import './validate' where a file from outside must be checked.
 */
import { run, type ScenarioSpec, type Timeline } from '../engine';

export { captions, captionAt, findStep, type Caption } from './narration';

/** In the order a course would teach them. A test checks this list against the files. */
export const LECTURES: ReadonlyArray<{ id: string; title: string }> = [
  { id: 'event-notification', title: 'Event notification — R3 expires' },
];

export const DEFAULT_SCENARIO_ID = 'event-notification';

export function lectureIds(): string[] {
  return LECTURES.map((l) => l.id);
}

export interface Lecture {
  spec: ScenarioSpec;
  timeline: Timeline;
}

/** Turn a lecture file's data into a runnable lecture. The files are schema-checked by the tests. */
export function lectureFromData(data: unknown): Lecture {
  const { $schema: _ignored, ...spec } = data as ScenarioSpec & { $schema?: string };
  return { spec: spec as ScenarioSpec, timeline: run(spec as ScenarioSpec) };
}

const files = import.meta.glob<unknown>('./lectures/*.json', { import: 'default' });
const cache = new Map<string, Lecture>();

/** A built-in lecture, loaded and run. Unknown ids give undefined. */
export async function loadLecture(id: string): Promise<Lecture | undefined> {
  const hit = cache.get(id);
  if (hit) return hit;
  const load = files[`./lectures/${id}.json`];
  if (!load || !LECTURES.some((l) => l.id === id)) return undefined;
  const lecture = lectureFromData(await load());
  cache.set(id, lecture);
  return lecture;
}
