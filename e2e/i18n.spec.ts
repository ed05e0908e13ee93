import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { en } from '../src/i18n/en';
import { es } from '../src/i18n/es';
import { PHRASES as TABLE_PHRASES } from '../src/i18n/esEngine';
import { seriousViolations } from './app';

/**
 * The English phrases that must not be on a Spanish page: every string of the English table that
 * Spanish says differently, and every template, called with 1 for each parameter, as a pattern
 * whose numbers match any value. Names the kernel uses (and words both languages share) are the
 * same in both tables, so they are never looked for.
 */
function englishPhrases(): Array<{ key: string; pattern: RegExp }> {
  const out: Array<{ key: string; pattern: RegExp }> = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const add = (key: string, a: string, b: string) => {
    const text = a.trim();
    if (text === b.trim() || text.length < 3) return;
    const body = escape(text).replace(/1(?:\\\.\d+)?/g, '[\\d.,\\u2009 ]+');
    // Whole words only: "via" must not be found inside the Spanish "vía", nor "groups" in nl_groups.
    out.push({ key, pattern: new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'u') });
  };
  const walk = (a: unknown, b: unknown, key: string) => {
    if (typeof a === 'string') add(key, a, String(b));
    // The engine's words and the notices' are templates of data, not of numbers: engine-words.spec.ts and
    // notices-es.spec.ts check them on the page.
    else if (typeof a === 'function' && typeof b === 'function' && !key.startsWith('engine.') && !key.startsWith('notice.')) {
      const args = Array.from({ length: a.length }, () => 1);
      add(key, String(a(...args)), String(b(...args)));
    } else if (a && typeof a === 'object' && key !== 'lectureTitles')
      for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown>)[k], key ? `${key}.${k}` : k);
  };
  walk(en, es, '');
  // The protocol tables' phrases: the glossary's sentences and the inspector's field meanings.
  for (const [english, spanish] of Object.entries(TABLE_PHRASES)) add(`phrase "${english.slice(0, 30)}"`, english, spanish);
  return out;
}

const PHRASES = englishPhrases();

/** A lecture's Spanish table, so the checks below hold whatever the lecture's wording. */
const spanish = (id: string): Record<string, string> => JSON.parse(readFileSync(`src/scenarios/lectures/es/${id}.json`, 'utf8'));

/**
 * What the learner can see or hear: text on screen and accessible names, except what is marked
 * lang="en" on purpose (the C generator's labels and notes in the code panel stay English).
 */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const english = (el: Element | null) => el?.closest('[lang]:not(html)')?.getAttribute('lang') === 'en';
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0 || el.closest('.sr-only') !== null);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || english(el) || !n.textContent?.trim() || el.closest('script,style,pre,code,textarea,input')) continue;
      if (shown(el)) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[aria-valuetext]')) {
      if (english(el) || !shown(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

async function untranslated(page: Page): Promise<string[]> {
  const texts = await visibleText(page);
  const found: string[] = [];
  for (const { key, pattern } of PHRASES) {
    const hit = texts.find((t) => pattern.test(t));
    if (hit) found.push(`${key}: "${hit.slice(0, 80)}"`);
  }
  return found;
}

test('?lang=es shows no string of the English table in any view', async ({ page }) => {
  // Eight views scanned one after another: slower than one check, never a matter of speed.
  test.setTimeout(90_000);
  // Check the scanner itself: on the English page it finds the English strings.
  await page.goto('./?scenario=event-notification&step=16');
  const title = (await page.locator('.narr-title').textContent())!;
  expect((await untranslated(page)).length).toBeGreaterThan(30);

  await page.goto('./?scenario=event-notification&step=16&lang=es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('.narr-title')).toHaveText(spanish('event-notification')[title]!);
  // A process's received list, the inspector and the kernel cards are all on the stage view.
  await page
    .getByRole('region', { name: 'P3' })
    .getByRole('button', { name: /RTM_DELROUTE/ })
    .first()
    .click();
  await expect(page.getByRole('region', { name: 'Inspector de mensajes' })).toContainText('copia');
  expect(await untranslated(page), 'stage, narration, inspector').toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Registro de eventos' }).click();
  await expect(page.getByRole('region', { name: 'Registro de eventos' })).toBeVisible();
  expect(await untranslated(page), 'event log').toEqual([]);

  await page.getByRole('tab', { name: 'Diagrama de secuencia' }).click();
  await expect(page.getByTestId('diagram-arrow').first()).toBeVisible();
  expect(await untranslated(page), 'sequence diagram').toEqual([]);

  await page.getByRole('tab', { name: 'Escena' }).click();
  await page.getByRole('button', { name: 'Sandbox', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Sandbox' })).toContainText('Actúas en el paso 16');
  await page.getByRole('button', { name: 'Código', exact: true }).click();
  await expect(page.getByTestId('code-panel')).toBeVisible();
  expect(await untranslated(page), 'sandbox and code').toEqual([]);

  await page.getByRole('button', { name: 'Compartir' }).click();
  const share = page.getByRole('dialog', { name: 'Compartir este escenario' });
  await expect(share).toBeVisible();
  await expect(share.getByTestId('share-embed')).toHaveValue(/lang=es/);
  expect(await untranslated(page), 'share dialog').toEqual([]);
  await share.getByRole('button', { name: 'Hecho' }).click();

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Atajos de teclado' })).toBeVisible();
  expect(await untranslated(page), 'shortcut sheet').toEqual([]);
});

test('?lang=es: a question, its reveal and the score are Spanish too', async ({ page }) => {
  const table = spanish('errors');
  await page.goto('./?scenario=errors&speed=4&lang=es');
  await page.getByRole('button', { name: 'Reproducir' }).click();
  const q = page.getByRole('region', { name: 'Pregunta' });
  await expect(q.getByRole('heading')).toBeVisible({ timeout: 20_000 });
  expect(Object.values(table)).toContain(await q.getByRole('heading').textContent());
  expect(await untranslated(page), 'question').toEqual([]);
  await q.getByRole('radio').first().check();
  await q.getByRole('button', { name: 'Comprobar respuesta' }).click();
  await expect(q.getByRole('status')).toContainText(/Correcto\.|No exactamente\./);
  expect(await untranslated(page), 'reveal').toEqual([]);
  await q.getByRole('button', { name: 'Continuar' }).click();
  // Skip whatever questions remain, then the score at the end.
  const score = page.getByTestId('score');
  await expect(async () => {
    if (await q.getByRole('button', { name: 'Saltar' }).isVisible()) await q.getByRole('button', { name: 'Saltar' }).click();
    await expect(score).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(score).toHaveText(/^Preguntas: \d+ de \d+ correctas/);
  expect(await untranslated(page), 'score').toEqual([]);
});

test('the language picker switches in place, keeps the step, and is remembered', async ({ page }) => {
  const table = spanish('echo');
  await page.goto('./?scenario=echo&step=14');
  const picker = page.getByRole('combobox', { name: 'Language' });
  const title = (await page.locator('.narr-title').textContent())!;
  // By keyboard: focus the picker and move to the next language.
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('.narr-title')).toHaveText(table[title]!);
  await expect(page.getByRole('slider', { name: 'Línea de tiempo' })).toHaveAttribute('aria-valuenow', '14');
  await expect(page.getByRole('combobox', { name: 'Idioma' })).toHaveValue('es');

  // Remembered: a fresh visit without ?lang= opens in Spanish, at the step the address names.
  await page.goto('./?scenario=echo&step=16');
  await expect(page.getByRole('slider', { name: 'Línea de tiempo' })).toHaveAttribute('aria-valuenow', '16');
  const es = (await page.locator('.narr-title').textContent())!;
  expect(Object.values(table)).toContain(es);
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.narr-title')).toHaveText(Object.keys(table).find((k) => table[k] === es)!);
});

test('an embed follows ?lang= of its address; a bad value is reported and ignored', async ({ page }) => {
  await page.goto('./?scenario=membership&step=5&embed=1&lang=es');
  await expect(page.getByTestId('caption')).toContainText('Paso 5 de');
  expect(Object.values(spanish('membership'))).toContain(await page.getByTestId('caption').locator('b').textContent());
  await page.goto('./?scenario=membership&lang=fr');
  await expect(page.getByTestId('notice')).toContainText('lang="fr" must be one of en, es');
});
