/**
 * Ids that are also names of Object.prototype's properties ("constructor", "toString", ...) are
 * ordinary ids: a question with such an id is asked, a process with such a name is spawned and
 * acts, a scenario with such an id is not mistaken for a built-in lecture.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lectureTitle } from '../scenarios/catalog';
import { validateScenario } from '../scenarios/validate';
import { createAppStore } from './appStore';
import { answerOf } from './slices/quiz';

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(n));
const base = () => JSON.parse(readFileSync(new URL('../scenarios/lectures/event-notification.json', import.meta.url), 'utf8'));
const name = fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/));

describe('ids that are JavaScript property names', () => {
  it('has names to test', () => expect(PROTO_NAMES).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])));

  it('asks a question whatever its id, and records the answer under it', () => {
    fc.assert(
      fc.property(name, (id) => {
        const s = base();
        s.questions = [s.questions[0]];
        s.questions[0].id = id;
        const r = validateScenario(s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const store = createAppStore({ lecture: r.value, scenarioId: s.id });
        for (let i = 0; i < 100 && !store.getState().quiz.open; i++) store.getState().stepBy(1);
        expect(store.getState().quiz.open?.id).toBe(id);
        store.getState().answer([...s.questions[0].answer]);
        expect(answerOf(store.getState().quiz, id)).toEqual({ chosen: s.questions[0].answer, correct: true });
      }),
      { numRuns: 60 },
    );
  });

  it('spawns a process whatever its name, and it joins a group by name', () => {
    fc.assert(
      fc.property(name, (actor) => {
        const s = base();
        if (s.processes.some((p: { name: string }) => p.name === actor)) return;
        const lastAt = s.actions.at(-1).at;
        s.actions.push(
          { at: lastAt + 10, do: 'spawn', actor, pid: 4000 },
          { at: lastAt + 20, do: 'join', actor, group: 'RTNLGRP_IPV4_ROUTE', label: 'late-join' },
        );
        s.narration.push({ action: 'late-join', title: 'A late listener', text: 'It joins the group.' });
        const r = validateScenario(s);
        expect(r.ok ? [] : r.error).toEqual([]);
        if (!r.ok) return;
        const last = r.value.timeline.steps.at(-1)!.world;
        expect(Object.hasOwn(last.processes, actor)).toBe(true);
        expect(r.value.timeline.steps.some((st) => st.event.kind === 'group-joined' && st.cause === s.actions.length - 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('does not take a scenario id like "constructor" for a lecture', () => {
    for (const id of ['constructor', 'tostring', 'valueof', '__proto__', 'hasownproperty']) expect(lectureTitle(id)).toBeUndefined();
    expect(lectureTitle('dump')).toBe('Dump — reading the whole table');
  });
});
