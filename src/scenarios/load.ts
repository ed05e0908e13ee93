/**
 * Scenarios from outside the app, all checked the same way: a file the learner opens or drops, a
 * link that carries a whole scenario (s=...), or an object the host page posts to an embed.
 * Validation (and valibot, lz-string) load on first use, so the first paint does not wait for them.
 */
import type { ScenarioSpec, Timeline } from '../engine';
import type { LoadProgress } from './checkInWorker';
import type { NoticeSource } from '../i18n/notice';
import { err, ok, type Checked } from './result';

/** Where the loaded scenario came from: a built-in lecture, or a whole scenario that travels in a link. */
export type ScenarioRef = { kind: 'lecture'; id: string } | { kind: 'shared'; data: string };

export type ScenarioSource = { kind: 'file'; file: Pick<File, 'name' | 'size' | 'text'> } | { kind: 'link'; data: string } | { kind: 'host'; value: unknown };

export interface OutsideScenario {
  spec: ScenarioSpec;
  timeline: Timeline;
  /** A link to it: for one from a link, the same link. */
  ref: ScenarioRef;
}

/** A scenario file is a few kilobytes; anything much larger is not one. */
const MAX_FILE_BYTES = 2_000_000;

/** Where a scenario came from, as the notice that says it cannot be opened names it. */
export function noticeSource(source: ScenarioSource): NoticeSource {
  return source.kind === 'file' ? { kind: 'file', name: source.file.name } : { kind: source.kind };
}

/** A file larger than this is checked in a worker and run in slices (checkInWorker.ts). */
const WORKER_FROM_BYTES = 20_000;

export async function loadScenario(source: ScenarioSource, onProgress: (p: LoadProgress) => void = () => {}): Promise<Checked<OutsideScenario>> {
  if (source.kind === 'file' && source.file.size > WORKER_FROM_BYTES && source.file.size <= MAX_FILE_BYTES) {
    onProgress({ phase: 'checking' });
    const { checkInWorker, runInSlices } = await import('./checkInWorker');
    const reply = await checkInWorker({ kind: 'text', text: await source.file.text() });
    if (reply) {
      if (!reply.ok) return err(reply.error);
      const timeline = await runInSlices(reply.spec, reply.stepCount, onProgress);
      return ok({ spec: reply.spec, timeline, ref: { kind: 'shared', data: reply.data } });
    }
  }
  const [{ parseJson, validateScenario }, { packScenario, unpackScenario }, { problemAt }] = await Promise.all([
    import('./validate'),
    import('./share'),
    import('./problemEnglish'),
  ]);
  let value: unknown;
  switch (source.kind) {
    case 'file': {
      const { file } = source;
      if (file.size > MAX_FILE_BYTES) return err([problemAt('', { id: 'file-too-large', kb: Math.round(file.size / 1000), maxKb: MAX_FILE_BYTES / 1000 })]);
      const json = parseJson(await file.text());
      if (!json.ok) return json;
      value = json.value;
      break;
    }
    case 'link': {
      const unpacked = unpackScenario(source.data);
      if (!unpacked.ok) return err([problemAt('', unpacked.error)]);
      value = unpacked.value;
      break;
    }
    case 'host':
      value = source.value;
      break;
  }
  const checked = validateScenario(value);
  if (!checked.ok) return checked;
  const { spec, timeline } = checked.value;
  return ok({ spec, timeline, ref: { kind: 'shared', data: source.kind === 'link' ? source.data : packScenario(spec) } });
}
