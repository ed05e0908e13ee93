/**
 * The built-in lecture scenarios. Each is a JSON file in src/scenarios/lectures/, in the same
 * format instructors write; the app loads one file at a time, on demand (this module uses Vite's
 * import.meta.glob), and the CLI reads the same files from disk (see catalog.ts). Validation (and
 * valibot) is not imported here, to keep the first load small: a scenario from outside is checked
 * and loaded by './load', which imports the validator on first use.
 */
import { startRun } from '../engine';
import { lectureFromData, lectureSpec, LECTURES, type Lecture } from './catalog';
import { inSlices, type SliceOptions } from './slices';

export * from './catalog';
export { captions, captionAt, findStep, type Caption } from './narration';
export { translator, untranslated, type Translate, type TextTable } from './i18n';

const files = import.meta.glob<unknown>('./lectures/*.json', { import: 'default' });
const cache = new Map<string, Lecture>();

/**
 * A built-in lecture, loaded and run. Unknown ids give undefined. With `slices`, the run is done a
 * slice at a time (slices.ts), as at start-up, when the page has just painted and must answer.
 */
export async function loadLecture(id: string, slices?: SliceOptions): Promise<Lecture | undefined> {
  const hit = cache.get(id);
  if (hit) return hit;
  const load = files[`./lectures/${id}.json`];
  if (!load || !LECTURES.some((l) => l.id === id)) return undefined;
  const data = await load();
  let lecture: Lecture;
  if (!slices) lecture = lectureFromData(data);
  else {
    const spec = lectureSpec(data);
    const runner = startRun(spec);
    await inSlices(runner, () => {}, slices);
    lecture = { spec, timeline: runner.timeline() };
  }
  cache.set(id, lecture);
  return lecture;
}

// Each language's lecture translations are files of their own, fetched with the language.
const texts = import.meta.glob<Record<string, string>>('./lectures/*/*.json', { import: 'default' });

/**
 * The built-in translation of a lecture's text (English text -> translation), or undefined when
 * there is none. A sandbox fork of a lecture ("<id>-sandbox") keeps its lecture's translation.
 */
export async function loadLectureText(lang: string, id: string): Promise<Record<string, string> | undefined> {
  const load = texts[`./lectures/${lang}/${id.replace(/-sandbox$/, '')}.json`];
  return load ? await load() : undefined;
}
