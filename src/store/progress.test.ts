import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lectureFromData } from '../scenarios/catalog';
import { createAppStore } from './appStore';
import { lectureOf, parseProgress, PROGRESS_KEY, type ProgressStorage } from './progress';

const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));

function memoryStorage(initial?: string): ProgressStorage & { data: Map<string, string> } {
  const data = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}
const make = (storage: ProgressStorage | null, id = 'event-notification', step?: number) =>
  createAppStore({ lecture: lecture(id), scenarioId: id, storage, ...(step !== undefined ? { step } : {}) });

describe('progress kept in the browser', () => {
  it('answers survive a reload (a new store on the same storage) and are not asked again', () => {
    const storage = memoryStorage();
    const a = make(storage, 'event-notification', 9);
    a.getState().stepBy(1);
    a.getState().answer([1, 2]);
    const b = make(storage, 'event-notification', 9);
    expect(b.getState().quiz.answers['who-hears']).toEqual({ chosen: [1, 2], correct: true });
    b.getState().stepBy(1);
    expect(b.getState().quiz.open).toBeNull();
    expect(b.getState().step).toBe(10);
  });

  it('answers survive a sandbox action: the fork counts towards its lecture', async () => {
    const storage = memoryStorage();
    const s = make(storage, 'event-notification', 9);
    s.getState().stepBy(1);
    s.getState().answer([1, 2]);
    s.getState().closeQuestion();
    await s.getState().act({ at: 0, do: 'join', actor: 'P1', group: 7 });
    expect(s.getState().scenarioId).toBe('event-notification-sandbox');
    expect(s.getState().quiz.answers['who-hears']).toMatchObject({ correct: true });
  });

  it('a lecture watched to its end is marked finished', () => {
    const storage = memoryStorage();
    const s = make(storage, 'errors');
    expect(s.getState().progress.get('errors')?.finished ?? false).toBe(false);
    s.getState().toEnd();
    expect(make(storage, 'errors').getState().progress.get('errors')?.finished).toBe(true);
  });

  it('garbage, other versions and hostile entries are dropped, never thrown', () => {
    expect(parseProgress('not json').size).toBe(0);
    expect(parseProgress(JSON.stringify({ version: 2, lectures: { errors: { finished: true } } })).size).toBe(0);
    const p = parseProgress(
      JSON.stringify({
        version: 1,
        lectures: {
          errors: { finished: true, answers: { a: { chosen: [1], correct: true }, b: { chosen: ['x'], correct: true }, c: { skipped: true } } },
          __proto__: { finished: true },
          'no-such-lecture': { finished: true },
        },
      }),
    );
    expect([...p.keys()]).toEqual(['errors']);
    expect(p.get('errors')).toEqual({ finished: true, answers: { a: { chosen: [1], correct: true }, c: { skipped: true } } });
    expect(() => make(memoryStorage('{"version":1,"lectures":[]}'))).not.toThrow();
  });

  it('a storage that refuses to write (quota) or to be read costs only the keeping', () => {
    const refusing: ProgressStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const s = make(refusing, 'event-notification', 9);
    s.getState().stepBy(1);
    expect(() => s.getState().answer([1, 2])).not.toThrow();
    expect(s.getState().quiz.answers['who-hears']).toMatchObject({ correct: true });
  });

  it('only built-in lectures and their sandbox forks count', () => {
    expect(lectureOf('dump')).toBe('dump');
    expect(lectureOf('dump-sandbox')).toBe('dump');
    expect(lectureOf('my-own')).toBeUndefined();
  });

  it('skip similar steps: one press of next crosses a run, and playing never stops inside one', () => {
    const s = make(null, 'overflow');
    s.getState().setQuizEnabled(false);
    const { groups } = s.getState().index;
    const g = groups.find((x) => x.to - x.from >= 5)!;
    s.getState().setStep(g.from - 1);
    s.getState().stepBy(1);
    expect(s.getState().step).toBe(g.to);
    s.getState().stepBy(-1);
    expect(s.getState().step).toBe(g.from - 1);
    const seen: number[] = [];
    s.subscribe((x, p) => {
      if (x.step !== p.step) seen.push(x.step);
    });
    s.getState().setStep(0);
    s.getState().play();
    for (let i = 0; i < 40_000 && s.getState().playing; i++) s.getState().tick(16);
    for (const x of groups) expect(seen.filter((n) => n > x.from && n < x.to)).toEqual([]);
    expect(seen[seen.length - 1]).toBe(s.getState().index.timeline.steps.length - 1);
  });
});
