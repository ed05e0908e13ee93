import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../engine';
import { checkTranslation, pruneTranslations, translator } from './i18n';
import { pruneNarration } from './narration';
import { validateScenario } from './validate';
import { run } from '../engine';

const echo = () => JSON.parse(readFileSync(new URL('./lectures/echo.json', import.meta.url), 'utf8')) as ScenarioSpec & { $schema?: string };

describe('a scenario in another language', () => {
  it('lists the texts still missing, with where they are, and the entries that no longer match', () => {
    const spec = echo();
    const { missing, stale } = checkTranslation(spec, { [spec.title]: 'Eco', 'An old caption': 'Un pie de foto viejo' });
    expect(stale).toEqual(['An old caption']);
    expect(missing[0]).toEqual({ where: 'summary', text: spec.summary });
    expect(missing.some((m) => m.where === 'questions.echo-copies.choices[1]' && m.text === 'Exactly one')).toBe(true);
    expect(missing.some((m) => m.text === spec.title)).toBe(false);
  });

  it('translates a text it knows and leaves any other as written', () => {
    const tr = translator({ Two: 'Dos' }, { None: 'Ninguna', Two: '' });
    expect([tr('Two'), tr('None'), tr('Exactly one')]).toEqual(['Dos', 'Ninguna', 'Exactly one']);
  });

  it('a file may carry its own translations; one for a text it does not have is an error', () => {
    const spec = echo();
    const ok = validateScenario({ ...spec, i18n: { es: { [spec.title]: 'Eco — lo que ve el solicitante', Two: 'Dos' } } });
    expect(ok.ok).toBe(true);
    const bad = validateScenario({ ...spec, i18n: { es: { 'P2 adds R4 quietly': 'P2 añade R4' } } });
    expect(bad.ok ? [] : bad.error.map((e) => e.path)).toEqual(['i18n.es']);
    const badLang = validateScenario({ ...spec, i18n: { spanish: { Two: 'Dos' } } });
    expect(badLang.ok).toBe(false);
  });

  it('a fork that drops captions drops their translations, so the saved file stays valid', () => {
    const spec = echo();
    delete spec.$schema;
    const lastCaption = spec.narration!.at(-1)!;
    const withText: ScenarioSpec = { ...spec, i18n: { es: { [lastCaption.text]: 'P3 vio los tres cambios.', Two: 'Dos' } } };
    // Stop the run before the last read: the last caption's moment no longer happens.
    const short = { ...withText, actions: withText.actions.slice(0, -1) };
    const pruned = pruneNarration(short, run(short));
    expect(pruned.i18n).toEqual({ es: { Two: 'Dos' } });
    expect(pruneTranslations({ ...spec })).toEqual(spec);
  });
});
