import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { appIsLive, VisualizerPage } from './app';
import { serveStatic } from './support/static';

const PREFIX = '/courses/os/netlink-viz/';

/** Waits until the service worker is active: by then it has cached every file of the build. */
async function workerReady(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return caches.keys();
  });
}

test('after one visit, the app reloads and plays a lecture with the network gone', async ({ page, context }) => {
  test.setTimeout(60_000);
  // A copy of the build, served under a sub-path by a server this test can stop.
  const dir = mkdtempSync(join(tmpdir(), 'nlv-offline-'));
  cpSync('dist', dir, { recursive: true });
  const server = await serveStatic(dir, PREFIX);
  try {
    const app = new VisualizerPage(page);
    await page.goto(`${server.origin}${PREFIX}?scenario=request-response`);
    await expect(app.process('P1')).toBeVisible();
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifest).toBe('./manifest.webmanifest');
    const caches = await workerReady(page);
    expect(caches).toHaveLength(1);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.origin}${PREFIX}`);

    // No network at all: the browser is offline and the server is gone.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(app.process('P1')).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Another lecture, and views that load on demand, come from the cache too.
    await page.getByTestId('scenario-picker').selectOption('dump');
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await page.getByRole('tab', { name: 'Sequence diagram' }).click();
    await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
    await page.getByRole('tab', { name: 'Stage' }).click();
    await app.button('Play').click();
    await expect.poll(() => app.step(), { timeout: 15_000 }).toBeGreaterThan(2);
  } finally {
    await context.setOffline(false);
    await server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new build installs in the background, says so, and is what the next visit gets', async ({ page }) => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'nlv-update-'));
  cpSync('dist', dir, { recursive: true });
  const server = await serveStatic(dir, PREFIX);
  try {
    const app = new VisualizerPage(page);
    await page.goto(`${server.origin}${PREFIX}`);
    await appIsLive(page);
    await expect(app.process('P1')).toBeVisible();
    const [first] = await workerReady(page);
    // The second visit is served by the worker; no notice on a plain visit.
    await page.reload();
    await appIsLive(page);
    await expect(app.process('P1')).toBeVisible();
    await expect(page.getByTestId('notice')).toHaveCount(0);

    // Deploy a new version: same files, a new page text and a new version in sw.js.
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    writeFileSync(join(dir, 'sw.js'), sw.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1next"'));
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), html.replace('<title>Netlink Visualizer</title>', '<title>Netlink Visualizer (new)</title>'));

    await page.reload();
    // This visit still runs the version it was cached with, and says that a new one is installed.
    await expect(page.getByTestId('notice')).toContainText('A new version of Netlink Visualizer is installed');
    await expect(page).toHaveTitle('Netlink Visualizer');
    expect(await page.evaluate(() => caches.keys())).toContain(`${first}next`);
    // The next visit gets it.
    await page.reload();
    await expect(page).toHaveTitle('Netlink Visualizer (new)');
    await expect(app.process('P1')).toBeVisible();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the single-file build has no service worker and no manifest', () => {
  // Built beside dist/ by the test server's command (npm run build:single).
  const single = readFileSync('dist-single/index.html', 'utf8');
  expect(single).not.toContain('serviceWorker');
  expect(single).not.toContain('rel="manifest"');
  // The main build has both, so the checks above can tell the difference.
  expect(readFileSync('dist/index.html', 'utf8')).toContain('rel="manifest"');
  expect(readFileSync('dist/sw.js', 'utf8')).toMatch(/^const VERSION = "[0-9a-f]{16}";/);
});
