/**
 * The built-in lecture scenarios. Each is a JSON file in src/scenarios/lectures/, in the same
 * format instructors write; the app loads one file at a time, on demand (this module uses Vite's
 * import.meta.glob), and the CLI reads the same files from disk (see catalog.ts). Validation (and
 * valibot) is not imported here, to keep the first load small: a scenario from outside is checked
 * and loaded by './load', which imports the validator on first use.
 */
import { lectureFromData, LECTURES, type Lecture } from './catalog';

export * from './catalog';
export { captions, captionAt, findStep, type Caption } from './narration';

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
