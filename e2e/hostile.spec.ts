import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { appIsLive, openSandbox, seriousViolations, VisualizerPage } from './app';

test('a reload keeps sandbox work and its Undo history; another lecture asks before discarding it', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=0');
  const sb = await openSandbox(page);
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P1 · s0 · unbound' });
  await sb.getByRole('button', { name: 'Join group 7' }).click();
  await expect(app.caption).toContainText('P1 joins RTNLGRP_IPV4_ROUTE');
  await sb.getByRole('button', { name: 'Add a process (P4)' }).click();
  await expect(app.process('P4')).toBeVisible();
  // The address carries the work in its fragment, not in the query a server would see.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#s=/);
  expect(new URL(page.url()).searchParams.has('s')).toBe(false);
  const step = await app.step();

  await page.reload();
  await expect(app.process('P4')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Sandbox: Event notification');
  expect(await app.step()).toBe(step);
  const sb2 = await openSandbox(page);
  await sb2.getByRole('button', { name: 'Undo' }).click();
  await expect(app.process('P4')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Sandbox: Event notification');

  // Choosing another lecture asks first; keeping the work changes nothing.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('dump');
  const ask = page.getByRole('alertdialog', { name: 'Discard your sandbox work?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep working' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await ask.getByRole('button', { name: 'Keep working' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Sandbox: Event notification');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('dump');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard and open' }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('dump');
  // The work is gone for good: the address no longer carries it (it follows once the lecture has
  // loaded, which under load comes after the picker shows it), and a reload opens the lecture.
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('dump');
});

test('the sandbox clamps what it is given to what a scenario file allows', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=0');
  const sb = await openSandbox(page);
  const seconds = sb.getByLabel('Seconds until the kernel deletes the route');
  await seconds.fill('100000');
  await expect(seconds).toHaveValue('86400');
  const seq = sb.getByLabel(/seq/i).first();
  await seq.fill('5000000000');
  await expect(seq).toHaveValue('4294967295');
});

test('a part of the app that cannot be loaded shows a message and a reload button, not a white page', async ({ page }) => {
  const app = new VisualizerPage(page);
  // A stale deploy: the sequence diagram's file is gone from the server.
  let asked = 0;
  await page.route(/SequenceDiagram-[^/]*\.js$/, (route) => {
    asked++;
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await app.open('?scenario=dump');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const crash = page.getByRole('alert').filter({ hasText: 'Part of the visualizer could not be loaded' });
  await expect(crash).toBeVisible();
  await expect(crash.getByRole('button', { name: 'Reload the page' })).toBeVisible();
  expect(asked).toBeGreaterThanOrEqual(1);
  await page.unroute(/SequenceDiagram-[^/]*\.js$/);
  await crash.getByRole('button', { name: 'Reload the page' }).click();
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
});

test('a part that fails once is fetched again', async ({ page }) => {
  const app = new VisualizerPage(page);
  let failures = 0;
  await page.route(/EventLog-[^/]*\.js$/, (route) => (failures++ === 0 ? route.abort('connectionreset') : route.continue()));
  await app.open('?scenario=dump');
  await page.getByRole('tab', { name: 'Event log' }).click();
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
  expect(failures).toBe(2);
});

test('after Open…, Space plays instead of reopening the file dialog', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=dump');
  const input = page.getByLabel('Open a scenario file');
  await input.focus();
  await input.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
  await expect(page.getByTestId('notice')).toContainText('x.json is not a valid scenario');
  await expect(input).not.toBeFocused();
});

/** Every CSP violation the page reports, recorded from the first script on. */
async function recordCsp(page: Page) {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { csp: string[] };
    w.csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { csp: string[] }).csp))];
}

test('both builds carry a Content-Security-Policy and run under it without a violation', async ({ page }) => {
  const app = new VisualizerPage(page);
  const violations = await recordCsp(page);
  await app.open('?scenario=course-module');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  await app.button('Play').click();
  for (const tab of ['Sequence diagram', 'Event log', 'Stage']) await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await page.getByRole('button', { name: 'Sandbox', exact: true }).click();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  expect(await violations()).toEqual([]);

  const single = await page.context().newPage();
  const singleViolations = await recordCsp(single);
  await single.goto(pathToFileURL(join(process.cwd(), 'dist-single/index.html')).toString());
  await appIsLive(single);
  await expect(single.getByRole('region', { name: 'P1' })).toBeVisible();
  expect(await single.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  await single.getByRole('tab', { name: 'Sequence diagram' }).click();
  await expect(single.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  await single.waitForTimeout(500);
  expect(await singleViolations()).toEqual([]);
});
