import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { datagramsOf, readCapture } from '../src/capture';
import { fixtureCapture, lectureTimeline } from '../src/capture/test-helpers';
import { shotPath, VisualizerPage } from './app';

test('Export capture downloads the timeline as a pcapng that parses', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=echo');
  const button = page.getByRole('button', { name: 'Export capture' });
  await button.focus();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const d = await download;
  expect(d.suggestedFilename()).toBe('echo.pcapng');
  const bytes = new Uint8Array(readFileSync(await d.path()));
  const file = readCapture(bytes);
  const expected = datagramsOf(lectureTimeline('echo'));
  expect(file.format).toBe('pcapng');
  expect(file.packets).toHaveLength(expected.length);
  expect(file.packets[0]!.comment).toBe(expected[0]!.comment);
});

test('a .pcapng opened through the file input plays on the stage', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  await page
    .getByLabel('Open a scenario file or capture')
    .setInputFiles({ name: 'kernel.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from(fixtureCapture().bytes) });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Capture: kernel.pcapng (loaded file)');
  await expect(app.process('P4389')).toBeVisible();
  await expect(app.caption).toContainText('27 netlink messages');
  // The first request flies from P4389 to the kernel, and the kernel's captured ACK comes back.
  await app.button('Step forward').click();
  await expect(app.caption).toContainText('P4389 sends RTM_NEWROUTE 10.0.1.0/24');
  for (let i = 0; i < 5; i++) await app.button('Step forward').click();
  await expect.poll(() => app.step()).toBe(6);
  await expect(app.received('P4389')).toHaveCount(1);
  await expect(app.received('P4389').first()).toContainText('ACK');
  await page.screenshot({ path: shotPath('capture-kernel.png') });
});

test('a damaged capture says which packet and byte, and the scenario stays', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=echo');
  const bytes = fixtureCapture().bytes.slice(0, 500);
  await page
    .getByLabel('Open a scenario file or capture')
    .setInputFiles({ name: 'cut.pcapng', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cut.pcapng could not be read as an nlmon capture');
  await expect(alert).toContainText(/packet \d+, byte \d+: block of type 6 claims \d+ bytes, but the file ends/);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('echo');
});
