/**
 * A scenario's text in other languages. A translation is a table from an English text of the
 * scenario (its title, summary, a goal, a caption's title or text, a question's prompt, a choice or
 * an explanation) to that text in the other language. Keying by the English text itself, rather
 * than by position, means a translation follows its caption when captions are reordered or a fork
 * prunes some; an English text that changes leaves its old entry stale and the new text missing, so
 * a changed caption is never shown with an out-of-date translation: it falls back to English.
 *
 * Custom scenario files carry their tables in `"i18n": { "es": { "English": "Español" } }`; the
 * built-in lectures keep theirs in src/scenarios/lectures/<lang>/<id>.json (the same table), so
 * that lecture text and its translations can be edited apart.
 */
import type { ScenarioSpec } from '../engine';

export type TextTable = Readonly<Record<string, string>>;

/** Every English text a learner reads in a scenario, each once, with where it first appears. */
export function scenarioTexts(spec: ScenarioSpec): Map<string, string> {
  const out = new Map<string, string>();
  const add = (where: string, text: string) => {
    if (!out.has(text)) out.set(text, where);
  };
  add('title', spec.title);
  add('summary', spec.summary);
  spec.goals.forEach((g, i) => add(`goals[${i}]`, g));
  (spec.narration ?? []).forEach((n, i) => {
    add(`narration[${i}].title`, n.title);
    add(`narration[${i}].text`, n.text);
  });
  for (const q of spec.questions ?? []) {
    add(`questions.${q.id}.prompt`, q.prompt);
    q.choices.forEach((c, i) => add(`questions.${q.id}.choices[${i}]`, c));
    add(`questions.${q.id}.explanation`, q.explanation);
    const tryIt = (q as { tryIt?: { label?: string } }).tryIt;
    if (tryIt?.label) add(`questions.${q.id}.tryIt.label`, tryIt.label);
  }
  // The end-of-lecture recap, where a scenario has one.
  const recap = (spec as { recap?: { happened?: string; facts?: string[] } }).recap;
  if (recap?.happened) add('recap.happened', recap.happened);
  recap?.facts?.forEach((f, i) => add(`recap.facts[${i}]`, f));
  return out;
}

export interface TranslationCheck {
  /** English texts without a translation, with where they are. */
  missing: Array<{ where: string; text: string }>;
  /** Entries whose English text is no longer in the scenario. */
  stale: string[];
}

export function checkTranslation(spec: ScenarioSpec, table: TextTable): TranslationCheck {
  const texts = scenarioTexts(spec);
  const missing = [...texts].filter(([text]) => !Object.hasOwn(table, text) || !table[text]!.trim()).map(([text, where]) => ({ where, text }));
  const stale = Object.keys(table).filter((k) => !texts.has(k));
  return { missing, stale };
}

/** A function giving a text in the language of the table, or the English text when it has none. */
export type Translate = (english: string) => string;

export const untranslated: Translate = (s) => s;

export function translator(...tables: Array<TextTable | undefined>): Translate {
  const merged = new Map<string, string>();
  for (const t of tables) if (t) for (const [k, v] of Object.entries(t)) if (v.trim()) merged.set(k, v);
  return merged.size ? (s) => merged.get(s) ?? s : untranslated;
}

/** The table of a scenario's own translations that still apply to its texts (after a fork pruned some). */
export function pruneTranslations(spec: ScenarioSpec): ScenarioSpec {
  if (!spec.i18n) return spec;
  const texts = scenarioTexts(spec);
  const i18n: Record<string, Record<string, string>> = {};
  for (const [lang, table] of Object.entries(spec.i18n)) i18n[lang] = Object.fromEntries(Object.entries(table).filter(([k]) => texts.has(k)));
  return { ...spec, i18n };
}
