import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { appIsLive, shotPath, VisualizerPage } from './app';
import { serveStatic, type StaticServer } from './support/static';

let hosts: StaticServer;
let subpath: StaticServer;

test.beforeAll(async () => {
  hosts = await serveStatic('e2e/fixtures', '/');
  subpath = await serveStatic('dist', '/courses/os/netlink-viz/');
});
test.afterAll(async () => {
  await hosts.close();
  await subpath.close();
});

type Msg = {
  type: string;
  step?: number;
  steps?: number;
  playing?: boolean;
  speed?: number;
  scenario?: string;
  narration?: { title: string } | null;
  message?: string;
  errors?: string[];
  question?: string;
  choice?: number[];
  correct?: boolean;
  right?: number;
  total?: number;
  key?: string;
};
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Msg[] }).received);
const send = (page: Page, msg: Record<string, unknown>) => page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), msg);
const last = async (page: Page, type: string) => (await received(page)).filter((m) => m.type === type).at(-1);

/** Text on screen smaller than `px` CSS pixels after every transform, one line each. */
async function textSmallerThan(page: Page, px: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || el.closest('.sr-only')) continue;
      let k = 1;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const t = getComputedStyle(e).transform;
        if (t && t !== 'none') k *= new DOMMatrix(t).a;
      }
      const size = parseFloat(cs.fontSize) * k;
      if (size < min) out.push(`${size.toFixed(1)}px ${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 30)}"`);
    }
    return out;
  }, px);
}

test('the production build works from a sub-path', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const app = new VisualizerPage(page);
  await page.goto(`${subpath.origin}/courses/os/netlink-viz/?scenario=event-notification`);
  await expect(app.process('P2')).toBeVisible();
  await page.keyboard.press('End');
  await expect(app.route('R3')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('embedded on another origin, the host drives it with postMessage and hears step-changed', async ({ page, baseURL }) => {
  await page.goto(`${hosts.origin}/host.html?viz=${encodeURIComponent(baseURL + '/')}`);
  const frame = page.frameLocator('#viz');
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'netlink-viz:ready')).toBe(true);
  // Embed mode: no page header, but the stage, the narration and the controls.
  await expect(frame.getByRole('region', { name: 'P1' })).toBeVisible();
  await expect(frame.getByRole('banner')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible();

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:step', direction: 1 }));
  await expect.poll(async () => (await received(page)).filter((m) => m.type === 'netlink-viz:step-changed').at(-1)?.step).toBe(1);
  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:seek', step: 10 }));
  await expect
    .poll(async () => (await received(page)).filter((m) => m.type === 'netlink-viz:step-changed').at(-1)?.narration?.title)
    .toBe('One copy per member');
  await expect(frame.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', '10');

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:load', scenario: 'overflow' }));
  await expect.poll(async () => (await received(page)).filter((m) => m.type === 'netlink-viz:step-changed').at(-1)?.scenario).toBe('overflow');

  await page.evaluate(() =>
    (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:load', scenario: { version: 1, id: 'x', processes: 'no' } }),
  );
  await expect.poll(async () => (await received(page)).find((m) => m.type === 'netlink-viz:error')?.errors?.length ?? 0).toBeGreaterThan(0);
  await expect(frame.getByRole('region', { name: 'P3' })).toBeVisible();
  // One failed command, one error: the notice on screen is not reported a second time.
  await page.waitForTimeout(300);
  expect((await received(page)).filter((m) => m.type === 'netlink-viz:error')).toHaveLength(1);
  expect((await received(page)).find((m) => m.type === 'netlink-viz:error')?.errors).toContain('title: missing; "title" is required');

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:seek', step: 'nine' }));
  await expect
    .poll(async () =>
      (await received(page))
        .filter((m) => m.type === 'netlink-viz:error')
        .map((m) => m.message)
        .join(),
    )
    .toContain('seek needs');

  await page.evaluate(() => (window as unknown as { send: (m: unknown) => void }).send({ type: 'netlink-viz:play' }));
  await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('commands from an origin that is not allowed are ignored, and nothing throws', async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${hosts.origin}/host.html?viz=${encodeURIComponent(baseURL + '/')}&allow=${encodeURIComponent('https://lms.example.org')}`);
  const frame = page.frameLocator('#viz');
  await expect(frame.getByRole('region', { name: 'P1' })).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { send: (m: unknown) => void };
    w.send({ type: 'netlink-viz:seek', step: 9 });
    w.send({ type: 'netlink-viz:play' });
    w.send('netlink-viz:play');
    w.send(null);
    w.send({ type: 42 });
  });
  await page.waitForTimeout(700);
  await expect(frame.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', '0');
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible();
  expect((await received(page)).filter((m) => m.type === 'netlink-viz:step-changed')).toEqual([]);
  expect(errors).toEqual([]);
});

test('embed options: controls=0, autoplay, theme, and a small 480×360 frame', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 360 });
  await page.goto('./?embed=1&scenario=dump&controls=0&theme=dark&autoplay=1&speed=4');
  await expect(page.getByRole('region', { name: 'P1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('status').filter({ hasText: 'Step' })).not.toContainText('Step 0 of');
  // The page itself never scrolls: the stage scrolls inside the frame.
  const over = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]);
  expect(over[0]).toBeLessThanOrEqual(0);
  expect(over[1]).toBeLessThanOrEqual(0);
  await page.screenshot({ path: shotPath('embed-480x360.png') });
});

test('a 480×360 embed has no visible text under 12 px, and a full screen button', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 360 });
  await page.goto('./?embed=1&scenario=event-notification&step=9');
  await expect(page.getByRole('region', { name: 'P1' })).toBeVisible();
  expect(await textSmallerThan(page, 12)).toEqual([]);
  // Scrolled down to the kernel, the text is as legible.
  await page.getByRole('table', { name: 'Routing table' }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('table', { name: 'Routing table' })).toBeInViewport({ ratio: 0.1 });
  expect(await textSmallerThan(page, 12)).toEqual([]);
  await page.locator('.embed-stage').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  expect(await textSmallerThan(page, 12)).toEqual([]);
  await page.screenshot({ path: shotPath('embed-480x360-kernel.png') });
  await expect(page.getByRole('button', { name: 'Full screen' })).toBeVisible();
  await page.getByRole('button', { name: 'Full screen' }).click();
  await expect(page.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'true');
  await page.setViewportSize({ width: 960, height: 600 });
  await page.goto('./?embed=1&scenario=event-notification&step=9');
  await expect(page.getByRole('region', { name: 'P1' })).toBeVisible();
  expect(await textSmallerThan(page, 12)).toEqual([]);
});

test('the host hears state on play and pause, grades an answered question and hears the score', async ({ page, baseURL }) => {
  await page.goto(`${hosts.origin}/host.html?questions=1&viz=${encodeURIComponent(baseURL + '/')}`);
  const frame = page.frameLocator('#viz');
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'netlink-viz:ready')).toBe(true);
  await send(page, { type: 'netlink-viz:play' });
  await expect.poll(async () => (await last(page, 'netlink-viz:state'))?.playing).toBe(true);
  await send(page, { type: 'netlink-viz:pause' });
  await expect.poll(async () => (await last(page, 'netlink-viz:state'))?.playing).toBe(false);
  await send(page, { type: 'netlink-viz:speed', speed: 2 });
  await expect.poll(async () => (await last(page, 'netlink-viz:state'))?.speed).toBe(2);

  // The question before the multicast: answer it in the frame, as a learner would.
  await send(page, { type: 'netlink-viz:seek', step: 9 });
  await send(page, { type: 'netlink-viz:step', direction: 1 });
  const q = frame.getByRole('region', { name: 'Question' });
  await expect(q).toContainText('Which processes will receive');
  await q.getByRole('checkbox', { name: 'P2' }).check();
  await q.getByRole('checkbox', { name: 'P3' }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect.poll(() => last(page, 'netlink-viz:question-answered')).toMatchObject({ question: 'who-hears', choice: [1, 2], correct: true });
  await q.getByRole('button', { name: 'Continue' }).click();

  await send(page, { type: 'netlink-viz:questions', enabled: false });
  const steps = (await last(page, 'netlink-viz:state'))!.steps!;
  await send(page, { type: 'netlink-viz:seek', step: steps - 1 });
  await expect.poll(() => last(page, 'netlink-viz:completed')).toMatchObject({ scenario: 'event-notification', right: 1, total: 4 });

  // Restart: step 0, the questions unanswered, and a second run completes again.
  await send(page, { type: 'netlink-viz:restart' });
  await expect.poll(async () => (await last(page, 'netlink-viz:state'))?.step).toBe(0);
  await send(page, { type: 'netlink-viz:theme', theme: 'dark' });
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await send(page, { type: 'netlink-viz:speed', speed: 3 });
  await expect.poll(async () => (await last(page, 'netlink-viz:error'))?.message).toContain('netlink-viz:speed needs {speed}');
  expect((await received(page)).filter((m) => m.type === 'netlink-viz:error')).toHaveLength(1);
});

test('with no known parent origin (no parentOrigin, no referrer), nothing is posted and no command is taken', async ({ page, baseURL }) => {
  await page.goto(`${hosts.origin}/host.html?allow=none&noreferrer=1&viz=${encodeURIComponent(baseURL + '/')}`);
  const frame = page.frameLocator('#viz');
  await expect(frame.getByRole('region', { name: 'P1' })).toBeVisible();
  await send(page, { type: 'netlink-viz:seek', step: 9 });
  await frame.getByRole('button', { name: 'Step forward' }).click();
  await expect(frame.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', '1');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { anything: unknown[] }).anything)).toEqual([]);
});

test('a deck opened from disk drives the embed with parentOrigin=null, and gets its keys back', async ({ page, baseURL }) => {
  const deck = pathToFileURL(join(process.cwd(), 'e2e/fixtures/deck.html'));
  deck.searchParams.set('viz', baseURL + '/');
  await page.goto(deck.toString());
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'netlink-viz:ready')).toBe(true);
  await send(page, { type: 'netlink-viz:seek', step: 9 });
  await expect.poll(async () => (await last(page, 'netlink-viz:state'))?.step).toBe(9);
  const frame = page.frameLocator('#viz');
  await expect(frame.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', '9');
  // A learner clicks into the frame: the clicker's PageDown still turns the slide, Esc gives the keyboard back.
  await frame.getByRole('region', { name: 'P1' }).click();
  await page.keyboard.press('PageDown');
  await expect.poll(() => page.evaluate(() => (window as unknown as { slide: number }).slide)).toBe(2);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('slide');
  expect((await received(page)).filter((m) => m.type === 'netlink-viz:key').map((m) => m.key)).toEqual(['PageDown', 'Escape']);
});

test('the single-file build plays the lecture from file://', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const app = new VisualizerPage(page);
  await page.goto(pathToFileURL(join(process.cwd(), 'dist-single/index.html')).toString());
  await appIsLive(page);
  await expect(app.process('P1')).toBeVisible();
  await page.getByRole('switch', { name: /Ask me/ }).uncheck();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await app.button('Play').click();
  await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
  await expect(app.received('P2').filter({ hasText: 'RTM_DELROUTE' })).toHaveCount(3);
  await expect(app.received('P1')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an embed asks questions only when told to (questions=1)', async ({ page }) => {
  await page.goto('./?embed=1&scenario=event-notification&step=9');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('region', { name: 'Question' })).toHaveCount(0);
  await page.goto('./?embed=1&scenario=event-notification&step=9&questions=1');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const q = page.getByRole('region', { name: 'Question' });
  await expect(q).toContainText('Which processes will receive');
  await q.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('aria-valuenow', '10');
});
