import { expect, test, type Page } from '@playwright/test';
import { VisualizerPage } from './app';

/** What a learner reads on the first screen, and where each part sits. */
async function firstScreen(page: Page) {
  const parts = ['banner', 'region:P1', 'region:P2', 'region:P3', 'table:Routing table', 'region:Narration', 'contentinfo:Playback'];
  const out: Record<string, { text: string; box: { x: number; y: number; width: number; height: number } | null }> = {};
  for (const part of parts) {
    const [role, name] = part.split(':') as [Parameters<Page['getByRole']>[0], string | undefined];
    const el = page.getByRole(role, name ? { name, exact: true } : {}).first();
    out[part] = { text: (await el.innerText()).replace(/\s+/g, ' ').trim(), box: await el.boundingBox() };
  }
  return out;
}

test('index.html carries the first frame of the default lecture: the same text in the same places as the app', async ({ browser, page }) => {
  const bare = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 }, baseURL: test.info().project.use.baseURL! });
  const still = await bare.newPage();
  await still.goto('./');
  await expect(still.getByRole('region', { name: 'P1' })).toBeVisible();
  const before = await firstScreen(still);
  await bare.close();

  // Layout shifts while the app replaces the frame, from the first paint on.
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const app = new VisualizerPage(page);
  await app.open();
  await page.waitForTimeout(500);
  const after = await firstScreen(page);
  for (const part of Object.keys(before)) {
    expect(before[part]!.text, part).toBe(after[part]!.text);
    expect(before[part]!.text.length, part).toBeGreaterThan(0);
    // Where each part sits, to the pixel (text measured twice can differ in the last sub-pixel).
    const [b, a] = [before[part]!.box!, after[part]!.box!];
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(b[k] - a[k]), `${part} ${k}`).toBeLessThan(1);
  }
  expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.01);
  // It is the app now: a step forward works.
  await app.button('Step forward').click();
  expect(await app.step()).toBe(1);
});

test('the frame is hidden before the first paint when the visit opens something else', async ({ browser }) => {
  // The app's scripts never arrive: what shows is what index.html and its inline boot script decide.
  const cases: {
    name: string;
    url: string;
    locale?: string;
    storage?: Record<string, string>;
    session?: Record<string, string>;
    shown: boolean;
    theme?: string;
  }[] = [
    { name: 'a plain visit', url: './', shown: true, theme: 'light' },
    { name: 'a stored dark theme', url: './', storage: { 'netlink-viz-theme': 'dark' }, shown: true, theme: 'dark' },
    { name: 'another lecture', url: './?scenario=dump', shown: false },
    { name: 'an embed', url: './?embed=1', shown: false },
    { name: 'a shared scenario', url: './#s=abc', shown: false },
    { name: 'Spanish chosen before', url: './', storage: { 'netlink-viz-lang': 'es' }, shown: false },
    { name: 'a Spanish browser', url: './', locale: 'es-ES', shown: false },
    { name: 'a Spanish browser that chose English', url: './', locale: 'es-ES', storage: { 'netlink-viz-lang': 'en' }, shown: true },
    { name: 'sandbox work to restore', url: './', session: { 'netlink-viz-sandbox': '{}' }, shown: false },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL!, ...(c.locale ? { locale: c.locale } : {}) });
    await context.route('**/assets/*.js', (r) => r.abort());
    await context.addInitScript(
      ({ storage, session }) => {
        for (const [k, v] of Object.entries(storage)) localStorage.setItem(k, v);
        for (const [k, v] of Object.entries(session)) sessionStorage.setItem(k, v);
      },
      { storage: c.storage ?? {}, session: c.session ?? {} },
    );
    const page = await context.newPage();
    await page.goto(c.url);
    await expect(page.getByRole('region', { name: 'Narration' }), c.name).toHaveCount(c.shown ? 1 : 0);
    // Not only hidden: gone, so nothing meets a page this visit does not open.
    await expect(page.locator('.prerendered'), c.name).toHaveCount(c.shown ? 1 : 0);
    if (c.theme) await expect(page.locator('html'), c.name).toHaveAttribute('data-theme', c.theme);
    await context.close();
  }
});
