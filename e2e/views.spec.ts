import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { VisualizerPage, seriousViolations } from './app';

/** What `npm run --silent trace -- <id> --json` prints. */
function cliTrace(id: string): { steps: Array<{ index: number; kind: string; message?: { to: string; typeName: string; hex: string } }> } {
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/trace.ts', id, '--json'], { encoding: 'utf8' }));
}

test('the inspector decodes the RTM_DELROUTE notification and shows the bytes the CLI prints', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=16');
  // Pick P3's copy from its received list.
  await app
    .process('P3')
    .getByRole('button', { name: /RTM_DELROUTE.*R3/ })
    .click();
  const insp = page.getByRole('region', { name: 'Message inspector' });
  await expect(insp).toContainText('copy 2 → P3');
  const value = (id: string) => insp.getByTestId(`field-nlmsghdr.${id}`).locator('.fval');
  await expect(value('nlmsg_type')).toHaveText('25');
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_type')).toContainText('RTM_DELROUTE');
  await expect(value('nlmsg_flags')).toHaveText('0');
  await expect(value('nlmsg_seq')).toHaveText('0');
  await expect(value('nlmsg_pid')).toHaveText('0');
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_pid')).toContainText('the kernel');
  await expect(insp).toContainText('RTA_TABLE');
  await expect(insp).toContainText('10.0.3.0');

  const bytes = await insp.locator('[data-byte]').allTextContents();
  const cli = cliTrace('event-notification').steps.find(
    (s) => s.kind === 'message-delivered' && s.message?.to === 'P3' && s.message.typeName === 'RTM_DELROUTE',
  )!;
  expect(bytes.join('')).toBe(cli.message!.hex);
  expect(await insp.getByTestId('hex').locator('.hex-bytes').first().textContent()).toBe('3c 00 00 00 19 00 00 00');

  // Hover a field: its bytes light up. Hover a byte: its field lights up.
  await insp.getByTestId('field-nlmsghdr.nlmsg_pid').hover();
  const lit = await insp.locator('[data-byte].lit').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-byte'))));
  expect(lit).toEqual([12, 13, 14, 15]);
  await insp.locator('[data-byte="6"]').hover();
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_flags')).toHaveClass(/hot/);
  await expect(insp.locator('[data-byte].lit')).toHaveCount(2);

  // Keyboard: focusing a field row lights its bytes too.
  await page.mouse.move(0, 0);
  await insp.getByTestId('field-nlmsghdr.nlmsg_len').focus();
  await expect(insp.locator('[data-byte].lit')).toHaveCount(4);
});

test('an ACK links back to the request it answers', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=8');
  const insp = page.getByRole('region', { name: 'Message inspector' });
  await expect(insp).toContainText('NLMSG_ERROR');
  await expect(insp.getByTestId('field-nlmsgerr.error')).toContainText('ACK');
  await insp.getByTestId('answers-link').click();
  await expect(insp).toContainText('RTM_NEWROUTE');
  await expect(insp.getByTestId('field-nlmsghdr.nlmsg_flags')).toContainText('NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE');
  await expect.poll(() => app.step()).toBe(3);
});

test('the event log follows the cursor, filters, and moves the cursor on click', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=membership&step=9');
  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log.locator('tr[aria-current="step"]')).toHaveAttribute('data-step', '9');
  const rows = log.locator('tbody tr');
  const all = await rows.count();

  await log.getByRole('combobox', { name: 'Filter by process' }).selectOption('P2');
  const p2 = await rows.count();
  expect(p2).toBeLessThan(all);
  for (const text of await rows.locator('td:nth-child(4)').allTextContents()) if (!/^The scenario starts$/.test(text)) expect(text).toMatch(/P2/);

  await log.getByRole('combobox', { name: 'Filter by process' }).selectOption('all');
  await log.getByRole('checkbox', { name: 'Requests' }).uncheck();
  await log.getByRole('checkbox', { name: 'Replies' }).uncheck();
  await log.getByRole('checkbox', { name: 'Sockets & routes' }).uncheck();
  await log.getByRole('checkbox', { name: 'Timers' }).uncheck();
  await log.getByRole('checkbox', { name: 'Errors' }).uncheck();
  for (const text of (await rows.locator('td:nth-child(4)').allTextContents()).slice(1)) expect(text).toMatch(/RTM_DELROUTE|multicasts/);

  await log.getByRole('button', { name: 'Go to step 20' }).click();
  await expect.poll(() => app.step()).toBe(20);
  await expect(log.locator('tr[aria-current="step"]')).toHaveAttribute('data-step', '20');
});

test('clicking an arrow in the sequence diagram moves the cursor and selects the message', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=0');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  const arrows = diagram.getByTestId('diagram-arrow');
  // Three RTM_DELROUTEs (R3, then the expired address's broadcast and local routes), a copy each to P2 and P3.
  await expect(arrows).toHaveCount(6);
  const target = arrows.last();
  const sent = Number(await target.getAttribute('data-sent-step'));
  await target.click();
  await expect.poll(() => app.step()).toBe(sent);
  await expect(page.getByRole('region', { name: 'Message inspector' })).toContainText('RTM_DELROUTE');
  // Keyboard: Enter on a focused arrow does the same.
  await app.button('Restart').click();
  await arrows.first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.step()).toBe(Number(await arrows.first().getAttribute('data-sent-step')));
});

test("the labels of a multicast's copies in the diagram do not lie on one another", async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=0');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const labels = page.getByRole('region', { name: 'Sequence diagram' }).locator('.arrow-label');
  // A copy each to P2 and P3 of three RTM_DELROUTEs, all leaving the kernel from the same points.
  await expect(labels).toHaveCount(6);
  const boxes = await labels.evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => [b.x, b.y, b.x + b.width, b.y + b.height]));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
      const h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
      expect(w > 0 && h > 0 ? w * h : 0, `labels ${i} and ${j} overlap`).toBe(0);
    }
});

test('the diagram stays readable for the longest lecture: it scrolls, it does not squash', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=overflow&step=70');
  await page.getByRole('tab', { name: 'Sequence diagram' }).click();
  const svg = page.getByRole('region', { name: 'Sequence diagram' }).locator('svg').first();
  const box = await svg.boundingBox();
  expect(box!.height).toBeGreaterThan(70 * 20);
  // The current step is scrolled into view.
  const band = page.locator('.now-band');
  await expect(band).toBeInViewport();
});

test('views can be shown and hidden, and every tab works by keyboard', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  await expect(page.getByRole('region', { name: 'Message inspector' })).toBeVisible();
  await page.getByRole('button', { name: 'Inspector' }).click();
  await expect(page.getByRole('region', { name: 'Message inspector' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Stage' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(app.process('P1')).toBeVisible();
});

test('the log and the diagram have no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new VisualizerPage(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const tab of ['Event log', 'Sequence diagram']) {
      await app.open('?scenario=overflow&step=33');
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('region', { name: tab })).toBeVisible();
      expect(await seriousViolations(page), `${scheme} ${tab}`).toEqual([]);
    }
  }
});
