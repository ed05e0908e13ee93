/**
 * Every shipped language is complete: every key of the English table, every built-in lecture text,
 * and kernel names left as the kernel spells them. A missing or stale string fails here with the
 * English text and where it is, so a translator knows what to write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LECTURES } from '../scenarios/catalog';
import { checkTranslation } from '../scenarios/i18n';
import type { ScenarioSpec } from '../engine';
import { en, LANGS, loadMessages, type Lang, type Messages } from '.';

const others = LANGS.filter((l): l is Exclude<Lang, 'en'> => l !== 'en');

/** Every leaf of a message table as "path" -> its kind ("string" or "function/<arity>"). */
function shape(table: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof table === 'string') out.set(path, 'string');
  else if (typeof table === 'function') out.set(path, `function/${table.length}`);
  else if (table && typeof table === 'object') for (const [k, v] of Object.entries(table)) shape(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Every string leaf, with functions called on sample arguments so their text is checked too. */
function strings(table: unknown, path = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof table === 'string') out.push([path, table]);
  else if (table && typeof table === 'object') for (const [k, v] of Object.entries(table)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Names a learner searches for exactly as the kernel writes them. */
const KERNEL_NAME = /\b(?:RTM|NLM_F|NLMSG|RTNLGRP|NETLINK|RTMGR|RTA|SO|SOCK|IFA|AF)_[A-Z0-9_]+\b|\b[a-z_]+\(\)|`[^`]+`/g;
const kernelNames = (s: string) => (s.match(KERNEL_NAME) ?? []).sort();

const lecture = (id: string) => JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')) as ScenarioSpec;
const translation = (lang: string, id: string) =>
  JSON.parse(readFileSync(new URL(`../scenarios/lectures/${lang}/${id}.json`, import.meta.url), 'utf8')) as Record<string, string>;

describe.each(others)('interface in %s', (lang) => {
  it('has every key of the English table, of the same kind, and no other', async () => {
    const m = await loadMessages(lang);
    const want = shape(en);
    want.delete('lectureTitles'); // English titles need no table; the translation's is checked below.
    const got = shape(m);
    for (const k of got.keys()) if (k.startsWith('lectureTitles.')) got.delete(k);
    expect([...got]).toEqual([...want]);
  });

  it('has no empty string, and keeps the kernel names of each English string', async () => {
    const m: Messages = await loadMessages(lang);
    const theirs = new Map(strings(m));
    for (const [path, text] of strings(en)) {
      const t = theirs.get(path);
      expect(t?.trim(), path).toBeTruthy();
      expect(kernelNames(t!), path).toEqual(kernelNames(text));
    }
  });

  it('names every built-in lecture in the scenario picker', async () => {
    const m = await loadMessages(lang);
    expect(Object.keys(m.lectureTitles).sort()).toEqual(LECTURES.map((l) => l.title).sort());
  });
});

describe.each(others)('lectures in %s', (lang) => {
  it('has a translation file for each lecture and no other', () => {
    const files = readdirSync(new URL(`../scenarios/lectures/${lang}/`, import.meta.url)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(LECTURES.map((l) => l.id).sort());
  });

  it.each(LECTURES.map((l) => l.id))('%s: every text translated, none stale, kernel names kept', async (id) => {
    const spec = lecture(id);
    const table = translation(lang, id);
    const { missing, stale } = checkTranslation(spec, table);
    // Listed in full so the failure message is the to-do list.
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    for (const [english, text] of Object.entries(table)) expect(kernelNames(text), english).toEqual(kernelNames(english));
    // The picker's title and the lecture's own title agree.
    const m = await loadMessages(lang);
    expect(m.lectureTitles[spec.title]).toBe(table[spec.title]);
  });
});
