import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lectureTimeline } from '../src/capture/test-helpers';
import { stepMessage } from '../src/engine';
import { captions } from '../src/scenarios/narration';
import { hexRows } from '../src/ui/handout/handout';
import { es } from '../src/i18n/es';
import { VisualizerPage } from './app';

const PDFTOTEXT = process.env.PDFTOTEXT_PATH || '/usr/bin/pdftotext';

/** Text as `pdftotext -layout` gives it (rows kept whole), compared word by word: line breaks and ligatures do not count. */
const flat = (s: string) => s.normalize('NFKC').replace(/`/g, '').replace(/\s+/g, ' ').trim();

/** Headless Chromium has no print dialog: the button's call is recorded, and page.pdf() prints. */
async function recordPrintCalls(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { printCalls: number };
    w.printCalls = 0;
    window.print = () => {
      w.printCalls++;
    };
  });
}

for (const id of ['request-response', 'dump']) {
  test(`the ${id} handout prints every caption, whole hex rows and an answer key on its own page`, async ({ page }) => {
    test.setTimeout(60_000);
    await recordPrintCalls(page);
    const app = new VisualizerPage(page);
    await app.open(`?scenario=${id}`);
    // By keyboard: focus the button and press Enter.
    await page.getByRole('button', { name: 'Print handout' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('handout').locator('article')).toBeAttached();
    expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
    // On screen nothing changes: the handout is for paper.
    await expect(page.getByTestId('handout')).toBeHidden();
    await expect(app.process('P1')).toBeVisible();

    // In the print layout, nothing is wider than the page: no table or hex block is cut off.
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.evaluate(() => {
      const doc = document.querySelector('#handout article') as HTMLElement;
      const width = doc.getBoundingClientRect().right;
      return [...doc.querySelectorAll<HTMLElement>('table, pre, svg, h2, p')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`);
    });
    expect(overflow).toEqual([]);
    await expect(app.process('P1')).toBeHidden();

    const pdf = await page.pdf({ format: 'A4' });
    const file = test.info().outputPath(`${id}-handout.pdf`);
    writeFileSync(file, pdf);
    const pages = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').map(flat);
    const all = pages.join(' ');

    const t = lectureTimeline(id);
    const list = captions(t);
    expect(list.length).toBeGreaterThan(3);
    for (const c of list) {
      expect(all, `caption "${c.title}"`).toContain(flat(c.title));
      expect(all, `narration of "${c.title}"`).toContain(flat(c.text));
      const m = stepMessage(t.steps.at(c.step)!, t);
      // Every row of every message's bytes, whole: a cut-off table would lose the ends of rows.
      if (m) for (const row of hexRows(m.bytes)) expect(all, `hex of step ${c.step}`).toContain(flat(row));
    }
    const questions = t.spec.questions ?? [];
    expect(questions.length).toBeGreaterThan(0);
    const key = pages.findIndex((p) => p.startsWith('Answer key'));
    expect(key, 'a page that starts with the answer key').toBeGreaterThan(0);
    for (const q of questions) {
      expect(pages.slice(0, key).join(' ')).toContain(flat(q.prompt));
      expect(pages.slice(key).join(' ')).toContain(flat(q.explanation));
      // The key is not on the pages with the questions.
      expect(pages.slice(0, key).join(' ')).not.toContain(flat(q.explanation));
    }
  });
}

test('the handout code loads only when it is asked for', async ({ page }) => {
  await recordPrintCalls(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response');
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((u) => /\/print-[^/]*\.js$/.test(u))).toEqual([]);
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect(page.getByTestId('handout').locator('article')).toBeAttached();
  expect(scripts.filter((u) => /\/print-[^/]*\.js$/.test(u))).toHaveLength(1);
});

test('?lang=es: the handout prints in Spanish, the lecture as translated, the answer key on its own page', async ({ page }) => {
  test.setTimeout(60_000);
  await recordPrintCalls(page);
  await page.goto('./?scenario=echo&lang=es');
  await page.getByRole('button', { name: es.handout.print }).click();
  const doc = page.getByTestId('handout').locator('article');
  await expect(doc).toBeAttached();
  await expect(doc).toHaveAttribute('lang', 'es');
  const table = JSON.parse(readFileSync('src/scenarios/lectures/es/echo.json', 'utf8')) as Record<string, string>;
  const t = lectureTimeline('echo');
  await expect(doc).toHaveAttribute('aria-label', es.handout.doc.label(table[t.spec.title]!));
  await expect(doc.locator('h2').first()).toHaveText(es.handout.doc.goals);
  await expect(doc.locator('.handout-what strong').first()).toHaveText(es.handout.doc.whatHappens.trim());
  await expect(doc.locator('svg.stage-picture').first()).toHaveAttribute('aria-label', 'La escena en el paso 0');

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  const file = test.info().outputPath('echo-handout-es.pdf');
  writeFileSync(file, pdf);
  const pages = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').map(flat);
  const all = pages.join(' ');
  for (const c of captions(t)) expect(all, `caption "${c.title}"`).toContain(flat(table[c.title]!));
  expect(all).toContain('Qué pasa:');
  expect(all).not.toMatch(/What happens|Learning goals|struct nlmsghdr of|system call boundary/);
  const key = pages.findIndex((p) => p.startsWith(es.handout.doc.answers));
  expect(key, 'a page that starts with the answer key').toBeGreaterThan(0);
  for (const q of t.spec.questions ?? []) expect(pages.slice(key).join(' ')).toContain(flat(table[q.explanation]!));
});
