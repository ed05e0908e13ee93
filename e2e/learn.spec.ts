import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openSandbox, VisualizerPage, seriousViolations } from './app';

async function logText(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.locator('tbody tr').first()).toBeVisible();
  // Open every folded run of similar steps, so that each step is a row.
  for (const t of await log.locator('button[aria-expanded="false"]').all()) await t.click();
  const rows = await log.locator('tbody tr td:nth-child(4)').allTextContents();
  await page.getByRole('tab', { name: 'Stage' }).click();
  return rows;
}

test('sandbox: P1 joins the group, P2 does not; deleting R2 notifies P1 only', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=0');
  const sb = await openSandbox(page);
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P1 · s0 · unbound' });
  await sb.getByRole('button', { name: 'Join group 7' }).click();
  await expect(app.caption).toContainText('P1 joins RTNLGRP_IPV4_ROUTE');
  // The old future is gone: P2 and P3 never bind, so they hear nothing; the address still expires at 10 s.
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Sandbox: Event notification');
  await sb.getByRole('combobox', { name: 'Request type' }).selectOption('delete');
  await sb.getByLabel('Destination prefix').fill('10.0.2.0/24');
  await sb.getByRole('button', { name: 'Send from P1' }).click();
  // Acting takes a moment (the timeline is recomputed): wait until the cursor shows the send.
  await expect(app.caption).toContainText('P1 sends RTM_DELROUTE');
  await page.keyboard.press('End');
  await expect(app.route('R2')).toHaveCount(0);
  // R2's deletion, then the three routes of the expired address (the card lists the newest three).
  await expect(app.received('P1').filter({ hasText: 'RTM_DELROUTE' })).toHaveCount(3);
  expect((await logText(page)).filter((row) => /^P1's receive queue takes RTM_DELROUTE/.test(row))).toHaveLength(4);
  expect((await logText(page)).filter((row) => /^P1's receive queue takes NLMSG_ERROR/.test(row))).toHaveLength(1);
  await expect(app.received('P2')).toHaveCount(0);
  await expect(app.received('P3')).toHaveCount(0);

  // Undo twice: back to the lecture as it was.
  await sb.getByRole('button', { name: 'Undo' }).click();
  await sb.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('event-notification');
  await page.keyboard.press('End');
  await expect(app.received('P2').filter({ hasText: 'RTM_DELROUTE' })).toHaveCount(3);
});

test("sandbox: adding a route that exists gets the kernel's -EEXIST, shown in the inspector", async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=errors&step=1');
  const sb = await openSandbox(page);
  await sb.getByLabel('Destination prefix').fill('10.0.1.0/24');
  await expect(sb.getByRole('checkbox', { name: 'NLM_F_EXCL' })).toBeChecked();
  await sb.getByRole('button', { name: 'Send from P1' }).click();
  await expect(app.caption).toContainText('P1 sends RTM_NEWROUTE');
  await page.keyboard.press('End');
  const err = app.process('P1').getByRole('button', { name: /NLMSG_ERROR error -17/ });
  await err.click();
  const insp = page.getByRole('region', { name: 'Message inspector' });
  await expect(insp.getByTestId('field-nlmsgerr.error')).toContainText('EEXIST');
  await expect(insp.getByTestId('field-nlmsgerr.error').locator('.fval')).toHaveText('-17');
});

test('sandbox: build from an empty world, save it as a file, reload it, and get the same trace', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  const sb = await openSandbox(page);
  await sb.getByRole('button', { name: 'Empty world' }).click();
  await expect(page.getByText('No processes yet. Add one in the Sandbox panel.')).toBeVisible();
  await sb.getByRole('button', { name: 'Add a process (P1)' }).click();
  await sb.getByRole('button', { name: 'Add a process (P2)' }).click();
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P2 · s0 · unbound' });
  await sb.getByRole('button', { name: 'Bind' }).click();
  await expect(app.caption).toContainText('P2 joins RTNLGRP_IPV4_ROUTE (7) via nl_groups at bind()');
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P1 · s0 · unbound' });
  await sb.getByLabel('Destination prefix').fill('10.0.7.0/24');
  await sb.getByRole('button', { name: 'Send from P1' }).click();
  await expect(app.caption).toContainText('P1 sends RTM_NEWROUTE');
  // The request takes a moment to reach the kernel: move to the end before acting again.
  await app.button('Step forward').click();
  await page.keyboard.press('End');
  await expect(app.route('R1')).toBeVisible();
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P1 · s0 · port 1201' });
  await sb.getByRole('button', { name: 'Read all' }).click();
  await expect(app.caption).toContainText('P1 reads NLMSG_ERROR');
  const before = await logText(page);
  expect(before.join('\n')).toMatch(/kernel adds R1: 10\.0\.7\.0\/24/);

  const download = page.waitForEvent('download');
  await sb.getByRole('button', { name: 'Save as file' }).click();
  const file = await (await download).path();
  const text = readFileSync(file!, 'utf8');
  // The saved file is a valid scenario for the command line too.
  const dir = mkdtempSync(join(tmpdir(), 'nlv-'));
  writeFileSync(join(dir, 'saved.json'), text);
  expect(execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/validate.ts', join(dir, 'saved.json')], { encoding: 'utf8' })).toBe('ok\n');

  await page.goto('./?scenario=dump');
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Sandbox: an empty world');
  expect(await logText(page)).toEqual(before);
});

test('questions: answer one right and one wrong, skip one, and see the score', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&speed=4');
  await app.button('Play').click();
  const q = page.getByRole('region', { name: 'Question' });
  await expect(q).toContainText('How many RTM_DELROUTE notifications', { timeout: 20_000 });
  // Numbered as met, though the lecture's file lists this one third.
  await expect(q).toContainText('Question 1 of 4');
  await q.getByRole('radio', { name: /^Three/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Right.');
  await q.getByRole('button', { name: 'Continue' }).click();

  await expect(q).toContainText('Which processes will receive a notification', { timeout: 20_000 });
  await expect(q).toContainText('Question 2 of 4');
  await expect(app.button('Play')).toBeVisible();
  // Pick on the stage: clicking a process card ticks its choice.
  await app.process('P2').click();
  await q.getByRole('checkbox', { name: 'P3' }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Right.');
  await expect(q).toContainText('For P1 the kernel makes no copy');
  await q.getByRole('button', { name: 'Continue' }).click();

  await expect(q).toContainText('What are its nlmsg_seq and nlmsg_pid?', { timeout: 20_000 });
  await q.getByRole('radio', { name: /P2's own seq/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Not quite.');
  await q.getByRole('button', { name: 'Continue' }).click();

  await expect(q).toContainText('P1 joins RTNLGRP_IPV4_ROUTE now', { timeout: 20_000 });
  await q.getByRole('button', { name: 'Skip' }).click();
  await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
  await expect(page.getByTestId('score')).toHaveText('Questions: 2 of 4 right, 1 skipped.');
});

test('questions can be turned off: playback then never stops', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=errors&speed=4');
  await page.getByRole('switch', { name: /Ask me 3 questions/ }).uncheck();
  await app.button('Play').click();
  await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
  await expect(page.getByRole('region', { name: 'Question' })).toHaveCount(0);
});

test('a question by keyboard only', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=dump&step=3');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ArrowRight');
  const q = page.getByRole('region', { name: 'Question' });
  await expect(q).toBeVisible();
  // Focus moved to the question; Tab reaches the choices and the buttons.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(q.getByRole('radio', { name: 'Every route of the table, in one datagram' })).toBeChecked();
  await q.getByRole('button', { name: 'Check answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(q.getByRole('status')).toContainText('Right.');
  await expect.poll(() => app.step()).toBe(4);
});

test('the sandbox and a question have no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new VisualizerPage(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('?scenario=event-notification&step=8');
    await app.button('Step forward').click();
    await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
    await openSandbox(page);
    expect(await seriousViolations(page), scheme).toEqual([]);
  }
});

test('a process spawned in an empty world has a lane in the diagram, a place in the log filter and a card on the stage', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  const sb = await openSandbox(page);
  await sb.getByRole('button', { name: 'Empty world' }).click();
  await expect(page.getByText('No processes yet. Add one in the Sandbox panel.')).toBeVisible();
  await sb.getByRole('button', { name: 'Add a process (P1)' }).click();
  await expect(app.process('P1')).toBeVisible();
  await sb.getByRole('button', { name: 'Add a process (P2)' }).click();
  await expect(app.process('P2')).toBeVisible();
  await expect(page.getByTestId('stage')).toContainText('2 processes · one NETLINK_ROUTE socket each');
  await sb.getByRole('combobox', { name: 'Acting socket' }).selectOption({ label: 'P2 · s0 · unbound' });
  await sb.getByRole('button', { name: 'Bind' }).click();
  await expect(app.caption).toContainText('P2 joins RTNLGRP_IPV4_ROUTE (7) via nl_groups at bind()');

  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  await expect(diagram.getByTestId('lane-name')).toHaveText(['P1', 'P2', 'kernel']);
  // Every lane is drawn inside the diagram, and P2's lifeline starts at the step P2 starts.
  const svg = diagram.locator('svg').first();
  const width = Number(await svg.getAttribute('width'));
  for (const lane of ['P1', 'P2', 'kernel']) {
    const x = Number(await diagram.locator(`line[data-lane="${lane}"]`).getAttribute('x1'));
    expect(x, lane).toBeGreaterThan(0);
    expect(x, lane).toBeLessThan(width);
  }
  const y1 = (lane: string) => diagram.locator(`line[data-lane="${lane}"]`).getAttribute('y1').then(Number);
  expect(await y1('P2')).toBeGreaterThan(await y1('P1'));
  await expect(diagram.getByText(/^bound, port \d+$/)).toBeVisible();

  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  const filter = log.getByRole('combobox', { name: 'Filter by process' });
  await expect(filter.locator('option')).toHaveText(['All', 'P1', 'P2', 'kernel']);
  await filter.selectOption('P2');
  const texts = (await log.locator('tbody tr td:nth-child(4)').allTextContents()).slice(1);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toMatch(/P2/);
});
