import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lectureTimeline } from '../src/capture/test-helpers';
import { VisualizerPage } from './app';

async function save(page: Page, button: 'Save SVG' | 'Save PNG' | 'Guardar SVG') {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the diagram saves as SVG with every lifeline, readable in the ${theme} theme`, async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open(`?scenario=membership&theme=${theme}`);
    await page.getByRole('tab', { name: 'Sequence diagram' }).click();
    const svg = await save(page, 'Save SVG');
    expect(svg.name).toMatch(/^membership-diagram-steps-0-\d+\.svg$/);
    // Parse it as XML, as an editor or a browser opening the file would.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0 ? root.textContent : null,
        root: root.localName,
        lanes: [...doc.querySelectorAll('[data-lane]')].map((e) => e.textContent),
        background: doc.querySelector('rect')?.getAttribute('fill') ?? '',
        fills: [...new Set([...doc.querySelectorAll('text')].map((e) => e.getAttribute('fill') ?? ''))],
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    // Every process that ever exists in the lecture, and the kernel, with their names as the kernel's.
    const t = lectureTimeline('membership');
    const spawned = t.steps.flatMap((s) => (s.event.kind === 'process-started' ? [s.event.process] : []));
    const lanes = [...t.steps.at(0)!.world.processOrder, ...spawned, 'kernel'];
    expect(parsed.lanes).toEqual(lanes);
    // The colours are the theme's, and every text colour reads on the background (WCAG AA, 4.5:1).
    expect(parsed.background).toMatch(/^#[0-9a-f]{6}$/i);
    if (theme === 'dark') expect(contrast(parsed.background, '#000000')).toBeLessThan(2);
    else expect(contrast(parsed.background, '#ffffff')).toBeLessThan(1.1);
    for (const fill of parsed.fills) expect(contrast(fill, parsed.background), `${fill} on ${parsed.background}`).toBeGreaterThanOrEqual(4.5);
  });
}

test('the diagram saves a chosen range as SVG, and as a PNG of twice its size', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  await page.getByLabel('First step to export').fill('3');
  await page.getByLabel('Last step to export').fill('9');
  const svg = await save(page, 'Save SVG');
  expect(svg.name).toBe('request-response-diagram-steps-3-9.svg');
  const text = svg.bytes.toString('utf8');
  const steps = [...text.matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1]));
  expect(steps.length).toBeGreaterThan(0);
  expect(steps.every((s) => s >= 3 && s <= 9)).toBe(true);
  const [, w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(text)!.map(Number);

  const png = await save(page, 'Save PNG');
  expect(png.name).toBe('request-response-diagram-steps-3-9.png');
  // IHDR: the PNG signature, then width and height as big-endian 32-bit numbers.
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([w! * 2, h! * 2]);
  // Not blank: decoded in the page, it has the background and plenty of drawn pixels besides.
  const drawn = await page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let other = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) other++;
    return other / (d.length / 4);
  }, png.bytes.toString('base64'));
  expect(drawn).toBeGreaterThan(0.01);
});

test('in the saved diagram no text covers another, where a multicast fans out and where a dump bunches up', async ({ page }) => {
  const app = new VisualizerPage(page);
  for (const [lecture, lang] of [
    ['event-notification', 'en'],
    ['overflow', 'en'],
    ['event-notification', 'es'],
  ] as const) {
    await app.open(`?scenario=${lecture}&lang=${lang}`);
    await page.getByRole('tab', { name: lang === 'es' ? 'Diagrama de secuencia' : 'Sequence diagram' }).click();
    const svg = await save(page, lang === 'es' ? 'Guardar SVG' : 'Save SVG');
    // Drawn in the page with its real font, every label's box against every other's.
    const clashes = await page.evaluate((text) => {
      const host = document.createElement('div');
      host.innerHTML = text;
      document.body.append(host);
      const boxes = [...host.querySelectorAll('text')]
        .filter((e) => !e.hasAttribute('data-lane') && e.textContent !== '✕')
        .map((e) => ({ text: e.textContent ?? '', box: e.getBBox() }));
      host.remove();
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
          const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
          // A pixel or two where descenders meet the next line's ascenders is not covering.
          if (w > 1 && h > 2) out.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
        }
      return { count: boxes.length, out };
    }, svg.bytes.toString('utf8'));
    expect(clashes.count, lecture).toBeGreaterThan(10);
    expect(clashes.out, `${lecture} (${lang})`).toEqual([]);
  }
});
