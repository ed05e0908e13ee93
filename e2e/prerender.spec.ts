import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { appIsLive, VisualizerPage } from './app';

const STRESS = readFileSync(new URL('./fixtures/stress-16.json', import.meta.url));

/** Sums the page's layout shifts into `window.shift`, from the first paint on. An init script. */
function countShifts() {
  const w = window as unknown as { shift: number };
  w.shift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.shift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** A new context of this size, with `init` run before the page's own scripts, open at `url`. */
async function visit(browser: Browser, url: string, viewport: { width: number; height: number }, init: () => void): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL!, viewport });
  await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

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
  await page.addInitScript(countShifts);
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
    embed?: boolean;
    theme?: string;
  }[] = [
    { name: 'a plain visit', url: './', shown: true, theme: 'light' },
    { name: 'a stored dark theme', url: './', storage: { 'netlink-viz-theme': 'dark' }, shown: true, theme: 'dark' },
    { name: 'another lecture', url: './?scenario=dump', shown: false },
    // An embed with no options has a frame of its own; with any, or in another lecture, none.
    { name: 'an embed', url: './?embed=1', shown: true, embed: true },
    { name: 'an embed without controls', url: './?embed=1&controls=0', shown: false },
    { name: 'an embed of another lecture', url: './?embed=1&scenario=dump', shown: false },
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
    if (c.shown) {
      await expect(page.locator('.prerendered .app.embed'), c.name).toHaveCount(c.embed ? 1 : 0);
      await expect(page.getByRole('region', { name: 'P1' }), c.name).toBeVisible();
    }
    // The embed's frame is a template until a visit shows it: gone either way.
    await expect(page.locator('template'), c.name).toHaveCount(0);
    if (c.theme) await expect(page.locator('html'), c.name).toHaveAttribute('data-theme', c.theme);
    await context.close();
  }
});

/**
 * The app as rendered into the page, attributes sorted and form controls by their state, so that a
 * page the app built and one it took over from the pre-rendered frame compare equal when they are.
 */
function renderedApp(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
      if (n.nodeType !== Node.ELEMENT_NODE) return;
      const el = n as HTMLElement;
      const attrs = [...el.attributes].filter((a) => !['style', 'value', 'checked', 'selected'].includes(a.name)).map((a) => `${a.name}="${a.value}"`);
      if (el.style?.cssText) attrs.push(`style="${el.style.cssText}"`);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) attrs.push(`value="${el.value}"`);
      if (el instanceof HTMLInputElement) attrs.push(`checked=${el.checked}`);
      if (el instanceof HTMLOptionElement) attrs.push(`selected=${el.selected}`);
      out.push(`<${el.localName} ${attrs.sort().join(' ')}>`);
      el.childNodes.forEach(walk);
      out.push(`</${el.localName}>`);
    };
    const root = document.querySelector('#root > .app-root') ?? document.getElementById('root')!;
    root.childNodes.forEach(walk);
    return out.join('\n');
  });
}

test('the app takes the frame over only when it renders the same page, and then the page is the one it would build', async ({ browser }) => {
  const progress = JSON.stringify({ version: 1, lectures: { errors: { finished: true, answers: {} } } });
  const cases: { name: string; storage: Record<string, string>; takenOver: boolean }[] = [
    { name: 'a first visit', storage: {}, takenOver: true },
    // What the frame was built without: the app renders these afresh.
    { name: 'a stored dark theme', storage: { 'netlink-viz-theme': 'dark' }, takenOver: false },
    { name: 'stored progress', storage: { 'netlink-visualizer:progress:v1': progress }, takenOver: false },
  ];
  for (const c of cases) {
    const pages: string[] = [];
    // The same lecture named in the address: the frame is dropped and the app builds every element.
    for (const url of ['./', './?scenario=event-notification']) {
      const context = await browser.newContext({ baseURL: test.info().project.use.baseURL!, viewport: { width: 1280, height: 720 } });
      await context.addInitScript((storage) => {
        for (const [k, v] of Object.entries(storage)) localStorage.setItem(k, v);
      }, c.storage);
      const page = await context.newPage();
      await new VisualizerPage(page).open(url === './' ? '' : url.slice(2));
      await page.waitForTimeout(300);
      if (url === './') await expect(page.locator('#root > .app-root'), c.name).toHaveCount(c.takenOver ? 1 : 0);
      pages.push(await renderedApp(page));
      await context.close();
    }
    expect(pages[0], c.name).toBe(pages[1]);
    expect(pages[0]!.length, c.name).toBeGreaterThan(10_000);
  }
});

test('an embed takes its own frame over, and then the page is the one it would build', async ({ browser }) => {
  const pages: string[] = [];
  for (const url of ['./?embed=1', './?embed=1&scenario=event-notification']) {
    const page = await visit(browser, url, { width: 800, height: 500 }, countShifts);
    await appIsLive(page);
    await expect(page.getByRole('region', { name: 'P1' })).toBeVisible();
    await page.waitForTimeout(300);
    await expect(page.locator('#root > .app-root')).toHaveCount(url === './?embed=1' ? 1 : 0);
    // Nothing moved while the app took the frame over.
    if (url === './?embed=1') expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.01);
    // The glossary's descriptions, which the embed's frame borrows from the app's, are all there.
    expect(await page.locator('#glossary-descriptions > span').count()).toBeGreaterThan(50);
    pages.push(await renderedApp(page));
    await page.context().close();
  }
  expect(pages[0]).toBe(pages[1]);
  expect(pages[0]!.length).toBeGreaterThan(5_000);
});

/**
 * From the moment the app listens for keys, the tasks it queues (the takeover's turns) are held
 * until the page calls `release()`: whatever the test does meanwhile lands before the top bar, the
 * side panels and the playback bar are taken over. An init script.
 */
function holdTakeover() {
  const w = window as unknown as { keysLive: boolean; held: (() => void)[] | null; release(): void };
  w.keysLive = false;
  w.held = null;
  const listen = window.addEventListener.bind(window);
  window.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined]) => {
    if (type === 'keydown' && !w.keysLive) {
      w.keysLive = true;
      w.held = [];
    }
    listen(type, ...rest);
  }) as typeof window.addEventListener;
  const later = window.setTimeout.bind(window);
  window.setTimeout = ((fn: () => void, ms?: number) => {
    if (w.held && !ms) w.held.push(fn);
    else return later(fn, ms);
    return 0;
  }) as typeof window.setTimeout;
  w.release = () => {
    const queued = w.held ?? [];
    w.held = null;
    for (const fn of queued) later(fn, 0);
  };
}

test('a key pressed while the app is taking the frame over: the page ends as the app would build it after that key', async ({ browser }) => {
  const pages: string[] = [];
  for (const url of ['./', './?scenario=event-notification']) {
    const page = await visit(browser, url, { width: 1280, height: 720 }, holdTakeover);
    await page.waitForFunction(() => (window as unknown as { keysLive: boolean }).keysLive);
    if (url === './') await expect(page.locator('#root > .prerendered'), 'the takeover is under way').toHaveCount(1);
    // To the last step: the step, the narration and which buttons are disabled all change.
    await page.keyboard.press('End');
    await page.evaluate(() => (window as unknown as { release(): void }).release());
    await appIsLive(page);
    const app = new VisualizerPage(page);
    await expect.poll(() => app.step()).toBe(await app.lastStep());
    await page.waitForTimeout(500);
    pages.push(await renderedApp(page));
    await page.context().close();
  }
  expect(pages[0]).toBe(pages[1]);
});

test('a file chosen or a button pressed before its part is taken over is not lost', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL!, viewport: { width: 1280, height: 720 } });
  await context.addInitScript(holdTakeover);
  for (const act of ['button', 'file'] as const) {
    const page = await context.newPage();
    await page.goto('./');
    await page.waitForFunction(() => (window as unknown as { keysLive: boolean }).keysLive);
    await expect(page.locator('#root > .prerendered'), 'the takeover is under way').toHaveCount(1);
    if (act === 'button') await page.getByRole('button', { name: 'Step forward' }).click();
    else await page.getByLabel('Open a scenario file').setInputFiles({ name: 'stress-16.json', mimeType: 'application/json', buffer: STRESS });
    await page.evaluate(() => (window as unknown as { release(): void }).release());
    await appIsLive(page);
    if (act === 'button') await expect.poll(() => new VisualizerPage(page).step()).toBe(1);
    else await expect(page.getByRole('region', { name: 'route-monitor-16' })).toBeVisible();
    await page.close();
  }
  await context.close();
});
