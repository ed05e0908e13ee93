import { expect, test, type Page } from '@playwright/test';
import { VisualizerPage, seriousViolations } from './app';

const goals = (page: Page) => page.getByRole('list', { name: 'Learning goals' }).getByRole('listitem');
const question = (page: Page) => page.getByRole('region', { name: 'Question' });

test('no learning goal is ticked or states its answer before its question is answered', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=6');
  await app.button('Step forward').click();
  const q = question(page);
  await expect(q).toContainText('What does it send back to P1?');
  // The goal this question earns is still open, and no goal spells out the answer.
  const texts = (await goals(page).allTextContents()).join(' | ');
  expect(texts).not.toContain('NLMSG_ERROR with error 0');
  await expect(goals(page).nth(1)).toHaveClass(/todo/);
  await q.getByRole('radio', { name: /^NLMSG_ERROR with error 0/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Right.');
  await expect(goals(page).nth(1)).not.toHaveClass(/todo/);
});

test('after a question the inspector follows the cursor again', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=6');
  await app.button('Step forward').click();
  const q = question(page);
  await q.getByRole('radio', { name: /^NLMSG_ERROR with error 0/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.getByRole('button', { name: 'Continue' }).click();
  const insp = page.getByRole('region', { name: 'Message inspector' });
  await expect(insp).toContainText('(follows the cursor)');
  await expect(insp).toContainText('NLMSG_ERROR');
  // Two steps on, P1 reads its ACK and then P2 sends: the inspector shows P2's request, not the old ACK.
  await app.button('Step forward').click();
  await app.button('Step forward').click();
  await app.button('Step forward').click();
  await expect.poll(() => app.step()).toBe(10);
  await expect(insp.locator('.insp-sub')).toContainText('RTM_NEWROUTE');
  await expect(insp.locator('.insp-sub')).toContainText('from P2');
});

test('answers and the score survive a reload and a sandbox action', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=errors');
  const q = question(page);
  for (let i = 0; i < 6 && !(await q.isVisible()); i++) await app.button('Step forward').click();
  await expect(q).toContainText('What comes back?');
  await q.getByRole('radio', { name: 'NLMSG_ERROR with -EEXIST' }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.getByRole('button', { name: 'Continue' }).click();
  await page.reload();
  await expect(app.process('P1')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('score')).toHaveText('Questions: 1 of 3 right, 2 not reached.');
  // A sandbox action forks the lecture; its answers come along.
  await page.getByRole('button', { name: 'Sandbox', exact: true }).click();
  const sb = page.getByRole('region', { name: 'Sandbox' });
  await sb.getByRole('button', { name: 'Join group 7' }).click();
  await expect(page.getByTestId('scenario-picker')).toContainText('Sandbox: Errors');
  await page.keyboard.press('End');
  await expect(page.getByTestId('score')).toContainText('1 of 3 right');
});

test('skip similar steps: one press crosses a run, the log folds it into a group that opens', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=dump&step=3');
  await page.getByRole('switch', { name: /Ask me/ }).uncheck();
  await app.button('Step forward').click();
  // Steps 4–14 are the kernel sending the eleven parts: one press lands on the last.
  await expect.poll(() => app.step()).toBe(14);
  await app.button('Step back').click();
  await expect.poll(() => app.step()).toBe(3);

  await page.getByRole('tab', { name: 'Event log' }).click();
  const log = page.getByRole('region', { name: 'Event log' });
  const group = log.getByTestId('log-group').first();
  await expect(group).toContainText('11 similar steps, 4–14');
  await expect(log.locator('tr[data-step="5"]')).toHaveCount(0);
  const toggle = group.getByRole('button', { name: /similar steps/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(log.locator('tr[data-step="5"]')).toBeVisible();
  await toggle.click();
  await expect(log.locator('tr[data-step="5"]')).toHaveCount(0);

  // Turned off, every step is its own stop again.
  await page.getByRole('switch', { name: 'skip similar steps' }).uncheck();
  await expect(log.getByTestId('log-group')).toHaveCount(0);
  await app.button('Step forward').click();
  await expect.poll(() => app.step()).toBe(4);
});

test('the glossary is reachable by keyboard, read by screen readers, and Esc closes it', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=3');
  const term = page.getByTestId('caption').locator('.term[data-term="NLM_F_REQUEST"]');
  await term.focus();
  await expect(term).toBeFocused();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('include/uapi/linux/netlink.h');
  await expect(term).toHaveAccessibleDescription(/request/);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  // Tab moves on to the next term of the caption.
  await page.keyboard.press('Tab');
  await expect(page.locator('.term:focus')).toHaveAttribute('data-term', 'NLM_F_ACK');
  // Underscores stay visible: the link underline sits below the text.
  expect(await term.evaluate((el) => getComputedStyle(el).textUnderlineOffset)).not.toBe('auto');
});

test('the end of a lecture shows a summary card with facts, the score and a sandbox starter', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=membership');
  await page.keyboard.press('End');
  const card = page.getByTestId('summary-card');
  await expect(card).toBeVisible();
  await expect(card.locator('.facts li')).toHaveCount(3);
  await expect(card.getByTestId('score')).toBeVisible();
  await card.getByRole('button', { name: 'P1 joins, then deletes R1' }).click();
  await expect(page.getByRole('region', { name: 'Sandbox' })).toBeVisible();
  await expect(page.getByTestId('caption')).toContainText('Your action');
  await expect(page.getByTestId('caption')).toContainText('P1 joins RTNLGRP_IPV4_ROUTE');
  expect(await seriousViolations(page, '[data-testid="narration"]')).toEqual([]);
});

test('the lecture path keeps progress across a reload, and can start a lecture again', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=errors');
  await page.keyboard.press('End');
  await page.getByTestId('path-button').click();
  const path = page.getByTestId('lecture-path');
  await expect(path.locator('li').first()).toContainText('Request and response');
  await expect(path.locator('[data-lecture="errors"]')).toContainText('finished');
  await page.reload();
  await expect(app.process('P1')).toBeVisible();
  await expect(page.locator('.path-line')).toContainText('1 of 9 finished');
  await page.getByTestId('path-button').click();
  await expect(path.locator('[data-lecture="errors"]')).toContainText('finished');
  await path.getByRole('button', { name: /Start Errors .* again/ }).click();
  await expect(path.locator('[data-lecture="errors"]')).toContainText('not started');
  // Garbage in the stored progress is ignored, not fatal.
  await page.evaluate(() => localStorage.setItem('netlink-visualizer:progress:v1', '{"version":1,"lectures":{"errors":"x"'));
  await page.reload();
  await expect(page.locator('.path-line')).toContainText('0 of 9 finished');
});

test('a transfer question forks into the sandbox with its variation set up', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=26');
  await app.button('Step forward').click();
  const q = question(page);
  await expect(q).toContainText('P1 joins RTNLGRP_IPV4_ROUTE now');
  await q.getByRole('radio', { name: /^Nothing/ }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await q.getByTestId('try-it').click();
  await expect(page.getByRole('region', { name: 'Sandbox' })).toBeVisible();
  await expect(question(page)).toHaveCount(0);
  await expect(page.getByTestId('caption')).toContainText('P1 joins RTNLGRP_IPV4_ROUTE');
  await app.button('Step forward').click();
  await expect(page.getByTestId('step-summary')).toContainText('EAGAIN');
});
