/**
 * Hostile input, fuzzed: scenario files, address parameters, shared-scenario payloads (s= and #s=)
 * and the embed's postMessage commands. Whatever comes in, nothing throws, every rejection says
 * which field (or which line and column) is wrong, and every message stays short. The case counts
 * are fixed and the inputs small, so the whole file runs in seconds.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore';
import { COMMANDS, runCommand, PREFIX } from '../ui/embed/commands';
import { readUrl } from '../ui/url';
import { MAX_ERRORS } from './bounded';
import { lectureFromData } from './catalog';
import { loadScenario } from './load';
import { formatError, type ScenarioError } from './result';
import { validateScenario, validateScenarioText } from './validate';

const RUNS = 10_000;
/** Generous: the runs take a few seconds each, many more on a machine busy with other work. */
const TIMEOUT = 300_000;
const text = (id: string) => readFileSync(new URL(`./lectures/${id}.json`, import.meta.url), 'utf8');
const SMALL = JSON.parse(text('request-response')) as Record<string, unknown>;
/** The longest line any message may have: an 80-character echo inside a sentence. */
const MAX_LINE = 600;

/** The checks every rejected input must pass. */
function expectBounded(errors: readonly ScenarioError[]) {
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
  for (const e of errors) {
    expect(formatError(e).length).toBeLessThanOrEqual(MAX_LINE);
    if (/^and \d+ more$/.test(e.message)) continue;
    // Names the field (a path such as "actions[3].request.flags[1]", or a line and column), or the s= payload.
    expect(e.path !== '' || /s=/.test(e.message), formatError(e)).toBe(true);
  }
}

/** A long string, made by repeating a short one (generating every character would cost the run its time budget). */
function long(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min, max })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
}

/** Values a hostile file puts anywhere: long strings, control characters, names of Object.prototype, odd numbers. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', '\u001b[2J\u001b]0;x\u0007', NaN, Infinity, -0, 1e10, 5e9, -1, 2 ** 53),
  long(100, 3000),
);

type Json = Record<string, unknown> | unknown[];
/** Every object or array inside a value, with the key that leads to it. */
function containers(v: unknown, out: Json[] = []): Json[] {
  if (typeof v === 'object' && v !== null) {
    out.push(v as Json);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

/** A scenario file with a few random edits: a value replaced, a key removed or added, an item repeated. */
const mutatedScenario = fc
  .array(fc.record({ at: fc.nat(), key: fc.nat(), op: fc.constantFrom('set', 'delete', 'add', 'repeat'), value: nasty, name: fc.string({ maxLength: 12 }) }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((edits) => {
    const doc = structuredClone(SMALL);
    for (const e of edits) {
      const all = containers(doc);
      const c = all[e.at % all.length]!;
      const keys = Object.keys(c);
      const key = keys.length ? keys[e.key % keys.length]! : '0';
      if (Array.isArray(c)) {
        const i = Number(key);
        if (e.op === 'delete') c.splice(i, 1);
        else if (e.op === 'repeat' && c.length) c.push(...Array.from({ length: 12 }, () => structuredClone(c[i])));
        else c[i] = e.value;
      } else if (e.op === 'delete') delete c[key];
      else if (e.op === 'add') c[e.name] = e.value;
      else c[key] = e.value;
    }
    return doc;
  });

describe('fuzzing hostile input', () => {
  it(
    `scenario files (${RUNS} cases): text, JSON and edited lectures never throw and are rejected with bounded, placed errors`,
    () => {
      const file = fc.oneof(
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
        { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
        // Cut a valid file anywhere, or slip a character in: a syntax error somewhere real.
        { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 3 })).map(([at, s]) => SMALL_TEXT.slice(0, at % SMALL_TEXT.length) + s) },
        { weight: 3, arbitrary: mutatedScenario.map((d) => JSON.stringify(d)) },
      );
      const SMALL_TEXT = JSON.stringify(SMALL, null, 1);
      let rejected = 0;
      fc.assert(
        fc.property(file, (t) => {
          const r = validateScenarioText(t);
          if (r.ok) return;
          rejected++;
          expectBounded(r.error);
          // A syntax error always says where: line and column.
          for (const e of r.error)
            if (e.message.startsWith('not valid JSON')) expect(e.line !== undefined && e.column !== undefined, formatError(e)).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(rejected).toBeGreaterThan(RUNS / 2);
    },
    TIMEOUT,
  );

  it(
    `address parameters (${RUNS} cases): every problem names its parameter and stays short`,
    () => {
      const keys = ['scenario', 'step', 'speed', 'theme', 'embed', 'autoplay', 'controls', 'questions', 'parentOrigin', 's', 'other'];
      const value = fc.oneof(fc.string({ maxLength: 40 }), long(500, 3000), fc.constantFrom('null', 'file://x', 'javascript:alert(1)', '1e3', '-0', ''));
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 8 }), fc.boolean(), (pairs, inHash) => {
          const q = new URLSearchParams(pairs);
          const p = inHash ? readUrl('', `#${q}`) : readUrl(`?${q}`);
          for (const line of p.problems) {
            expect(line.length).toBeLessThanOrEqual(300);
            expect(keys.some((k) => line.startsWith(`${k}=`) || line.startsWith(`${k} `))).toBe(true);
          }
          expect(p.problems.length).toBeLessThanOrEqual(40);
          for (const o of p.parentOrigins) expect(o === 'null' || /^https?:\/\/[^/]+$/.test(o)).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `shared-scenario payloads, s= and #s= (${RUNS} cases): damaged or hostile payloads are refused with a bounded message`,
    async () => {
      // A real link without its captions and questions: short, so that damaging it stays cheap.
      const { narration: _n, questions: _q, ...bare } = SMALL;
      const packed = compressToEncodedURIComponent(JSON.stringify(bare));
      const payload = fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 200 }) },
        { weight: 4, arbitrary: fc.json({ maxDepth: 2 }).map((j) => compressToEncodedURIComponent(j)) },
        // A real link, cut short or with a few characters changed (copied by hand, mangled by a mailer).
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 4 }))
            .map(([a, b, s]) => packed.slice(0, a % packed.length) + s + packed.slice((a % packed.length) + (b % 6))),
        },
        { weight: 1, arbitrary: mutatedScenario.map((d) => compressToEncodedURIComponent(JSON.stringify(d))) },
      );
      await fc.assert(
        fc.asyncProperty(payload, fc.boolean(), async (data, inHash) => {
          const url = inHash ? readUrl('', `#s=${data}`) : readUrl(`?s=${encodeURIComponent(data)}`);
          if (url.shared === undefined) return;
          const r = await loadScenario({ kind: 'link', data: url.shared });
          if (!r.ok) expectBounded(r.error);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `postMessage commands (${RUNS} cases): at most one error each, bounded, and nothing throws`,
    async () => {
      const store = createAppStore({ lecture: lectureFromData(JSON.parse(text('request-response'))), scenarioId: 'request-response' });
      const field = fc.oneof(nasty, fc.constantFrom(1, -1, 0, 0.5, 2, 4, true, false, 'light', 'dark', 'system', 'dump', 'nope'));
      const command = fc.record(
        {
          type: fc.oneof(
            fc.constantFrom(...COMMANDS).map((c) => PREFIX + c),
            fc.oneof(fc.string({ maxLength: 20 }), long(100, 400)).map((s) => PREFIX + s),
          ),
          direction: field,
          step: field,
          speed: field,
          theme: field,
          enabled: field,
          scenario: fc.oneof(field, mutatedScenario),
        },
        { requiredKeys: ['type'] },
      );
      let failed = 0;
      await fc.assert(
        fc.asyncProperty(command, async (cmd) => {
          const errors: Array<{ message: string; errors?: string[] }> = [];
          await runCommand(store, cmd, { error: (message, list) => errors.push({ message, ...(list ? { errors: list } : {}) }), setTheme: () => undefined });
          expect(errors.length).toBeLessThanOrEqual(1);
          for (const e of errors) {
            failed++;
            expect(e.message.length).toBeLessThanOrEqual(200);
            expect(e.errors?.length ?? 0).toBeLessThanOrEqual(MAX_ERRORS + 1);
            for (const line of e.errors ?? []) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
          }
          store.getState().pause();
        }),
        { numRuns: RUNS },
      );
      expect(failed).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );

  it('large inputs stay bounded: a 10⁶-character name and 100,000 broken actions', () => {
    const long = { ...structuredClone(SMALL), title: 'x'.repeat(1_000_000) };
    const r1 = validateScenario(long);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.map(formatError).join('\n').length).toBeLessThan(2000);
    const many = { ...structuredClone(SMALL), actions: Array.from({ length: 100_000 }, () => ({ at: 0, do: 'jump' })) };
    const r2 = validateScenario(many);
    expect(r2.ok ? [] : r2.error.map(formatError)).toEqual(['actions: too long: at most 5000 items allowed, got 100,000']);
    const some = { ...structuredClone(SMALL), actions: Array.from({ length: 500 }, () => ({ at: 0, do: 'jump' })) };
    const r3 = validateScenario(some);
    expect(r3.ok ? [] : r3.error.map(formatError).slice(-1)).toEqual(['and 450 more']);
  });
});
