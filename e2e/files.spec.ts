import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { VisualizerPage } from './app';

const lecture = JSON.parse(readFileSync('src/scenarios/lectures/membership.json', 'utf8'));

test('a bad scenario file shows its errors and the current scenario keeps working', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=4');
  const bad = structuredClone(lecture);
  bad.actions[3].actor = 'P4';
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'lecture.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('lecture.json is not a valid scenario; the current one is still loaded');
  await expect(alert).toContainText('actions[3].actor: unknown process "P4" (known: P1, P2, P3)');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('event-notification');
  await expect.poll(() => app.step()).toBe(4);
  await app.button('Step forward').click();
  await expect.poll(() => app.step()).toBe(5);

  await page
    .getByLabel('Open a scenario file')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 1,\n  oops\n}') });
  await expect(page.getByRole('alert')).toContainText('line 3, column 3: not valid JSON');
  await expect(app.route('R3')).toBeVisible();
});

test('a good file loads, its link carries the whole scenario, and the link reopens it', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  const mine = { ...structuredClone(lecture), id: 'my-membership', title: 'My own membership lecture' };
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mine)) });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('My own membership lecture (loaded file)');
  // The scenario travels in the fragment, which no server sees or refuses.
  await expect(page).toHaveURL(/#s=/);
  for (let i = 0; i < 5; i++) await app.button('Step forward').click();
  await expect(page).toHaveURL(/step=5/);
  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('My own membership lecture');
  await expect.poll(() => app.step()).toBe(5);
});

test('dropping a file on the page opens it', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  const json = JSON.stringify({ ...lecture, id: 'dropped', title: 'Dropped lecture' });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, json);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Dropped lecture');
});

test('a damaged shared link says so and opens a lecture instead', async ({ page }) => {
  const app = new VisualizerPage(page);
  await page.goto('./?s=NoT-A-ReAl-ScEnArIo&step=2');
  await expect(page.getByRole('alert')).toContainText('The shared scenario');
  await expect(app.process('P1')).toBeVisible();
});

test('the share dialog gives the permalink and an iframe snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new VisualizerPage(page);
  await app.open('?scenario=errors&step=6');
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(link).toMatch(/scenario=errors/);
  expect(link).toMatch(/step=6/);
  const snippet = await dialog.getByTestId('share-embed').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]*embed=1[^"]*" title="Netlink Visualizer: Errors — EEXIST and ESRCH" width="960" height="600"/);
  expect(snippet).toContain('loading="lazy"');
  expect(snippet).toContain('allow="');
  await dialog.getByRole('checkbox', { name: 'Show playback controls' }).uncheck();
  expect(await dialog.getByTestId('share-embed').inputValue()).toContain('controls=0');
  await dialog.getByRole('button', { name: 'Copy' }).first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.goto(link);
  await expect.poll(() => app.step()).toBe(6);
});
