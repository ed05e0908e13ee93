import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { shotPath, VisualizerPage } from './app';
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

type Msg = { type: string; step?: number; scenario?: string; narration?: { title: string } | null; message?: string; errors?: string[] };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Msg[] }).received);

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
  // The whole stage fits the frame: nothing scrolls.
  const over = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]);
  expect(over[0]).toBeLessThanOrEqual(0);
  expect(over[1]).toBeLessThanOrEqual(0);
  await page.screenshot({ path: shotPath('embed-480x360.png') });
});

test('the single-file build plays the lecture from file://', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const app = new VisualizerPage(page);
  await page.goto(pathToFileURL(join(process.cwd(), 'dist-single/index.html')).toString());
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
