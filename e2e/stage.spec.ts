import { expect, test } from '@playwright/test';
import { shotPath, VisualizerPage, seriousViolations } from './app';

test.describe('the lecture: the kernel speaks first', () => {
  test('opens with three processes and the routing table R1–R3', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open();
    for (const p of ['P1', 'P2', 'P3']) await expect(app.process(p)).toBeVisible();
    for (const r of ['R1', 'R2', 'R3']) await expect(app.route(r)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('event-notification');
    await expect(app.caption).toContainText('Three processes, one kernel');
  });

  test('plays to the end: R3 is gone, P2 and P3 received RTM_DELROUTE, P1 did not; stepping back brings R3 back', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=event-notification&questions=0');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await app.button('Play').click();
    await expect(app.button('Pause')).toBeVisible();
    await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
    await expect(app.button('Play')).toBeVisible();

    await expect(app.route('R3')).toHaveCount(0);
    await expect(app.route('R1')).toBeVisible();
    // The expired address takes three routes with it: R3, its broadcast and its local route.
    for (const p of ['P2', 'P3']) {
      await expect(app.received(p).filter({ hasText: 'RTM_DELROUTE' })).toHaveCount(3);
      await expect(app.received(p).filter({ hasText: 'R3' })).toHaveCount(1);
      await expect(app.received(p).first()).toHaveAttribute('data-state', 'read');
    }
    await expect(app.received('P1')).toHaveCount(0);
    await expect(app.process('P1')).toContainText('nothing yet');
    await expect(app.caption).toContainText('P1 hears nothing');

    // Step back until R3 is in the table again.
    for (let i = 0; i < 30 && (await app.route('R3').count()) === 0; i++) await app.button('Step back').click();
    await expect(app.route('R3')).toBeVisible();
    await expect(app.received('P2')).toHaveCount(0);
    await expect(app.caption).toContainText(/lifetime|kernel|address/i);
  });

  test('the multicast fans out into one copy per member, never to P1', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=event-notification&step=10');
    // R3 was deleted a moment ago: still drawn, struck through.
    await expect(app.route('R3')).toHaveCount(0);
    await expect(app.deletedRoute('R3')).toBeVisible();
    await expect(app.caption).toContainText('multicasts RTM_DELROUTE');
    const envelopes = page.getByTestId('envelope');
    await expect(envelopes).toHaveCount(2);
    await expect(envelopes.filter({ has: page.locator('[data-to]') })).toHaveCount(0);
    expect((await envelopes.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).sort()).toEqual(['P2', 'P3']);
    await expect(page.getByTestId('group-7')).toContainText('P2');
    await expect(page.getByTestId('group-7')).toContainText('P3');
    await expect(page.getByTestId('group-7')).not.toContainText('P1');
  });

  test('once the address’s lifetime has run out, R3 shows it as over until it goes, and the table and the diagram say why', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=event-notification&step=5&questions=0');
    await expect(app.route('R3').getByTestId('timer-ring')).toBeVisible();
    // Step 6: check_lifetime() finds the address expired. R3 is still in the table, its countdown at an end, not ∞.
    await app.button('Step forward').click();
    await expect(app.caption).toContainText('The lifetime runs out');
    const over = app.route('R3').getByTestId('timer-expired');
    await expect(over).toHaveText('now');
    await expect(over).toHaveAttribute('aria-label', 'the lifetime of address 10.0.3.1/24 has run out: the route goes next');
    await expect(app.route('R3')).not.toContainText('∞');
    await expect(
      page
        .locator('.kcard')
        .filter({ has: page.getByTestId('routing-table') })
        .locator('.kfoot'),
    ).toHaveText(/10\.0\.3\.1\/24 expired → R3 goes next/);
    await page.getByRole('tab', { name: 'Diagram' }).click();
    await expect(page.getByRole('region', { name: 'Sequence diagram' })).toContainText('lifetime over: 10.0.3.1/24');
    await expect(page.getByRole('region', { name: 'Sequence diagram' })).not.toContainText('timer fired: R3');
  });

  test('the address is a permalink to the current step', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=event-notification');
    for (let i = 0; i < 7; i++) await app.button('Step forward').click();
    await expect(page).toHaveURL(/[?&]step=7\b/);
    await expect(page).toHaveURL(/scenario=event-notification/);
    const caption = await app.caption.textContent();
    await page.reload();
    await expect.poll(() => app.step()).toBe(7);
    await expect(app.caption).toHaveText(caption!);
  });

  test('keyboard only: tab to every control, space plays, arrows step, Home and End jump, ? opens the shortcuts', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => app.step()).toBe(2);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => app.step()).toBe(1);
    await page.keyboard.press('End');
    await expect.poll(() => app.step()).toBe(await app.lastStep());
    await page.keyboard.press('Home');
    await expect.poll(() => app.step()).toBe(0);
    await page.keyboard.press(' ');
    await expect(app.button('Pause')).toBeVisible();
    await page.keyboard.press(' ');
    await expect(app.button('Play')).toBeVisible();

    // Every control is reachable with Tab, and the focus is visible.
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (info) {
        reached.add(info.name);
        expect(info.outline, `focus ring on ${info.name}`).toBe(true);
      }
    }
    for (const name of ['Play', 'Step forward', 'Step back', 'Restart', 'Timeline', 'Speed', 'Keyboard shortcuts'])
      expect([...reached], [...reached].join(' | ')).toContain(name);

    // The slider steps with the arrow keys when focused.
    await app.timeline.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => app.step()).toBe(1);

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  });

  test('with reduced motion every state change still shows', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new VisualizerPage(page);
    await app.open('?scenario=event-notification&step=10');
    await expect(page.getByTestId('envelope')).toHaveCount(2);
    await app.open('?scenario=event-notification&step=14');
    await app.button('Step forward').click();
    await expect(app.received('P2').filter({ hasText: 'R3' })).toHaveAttribute('data-state', 'queued');
    await expect(app.caption).toContainText("P2's receive queue takes RTM_DELROUTE");
    await page.keyboard.press('End');
    await expect(app.route('R3')).toHaveCount(0);
  });

  test('has no serious or critical accessibility violations, in light and dark', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new VisualizerPage(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const where of ['scenario=event-notification&step=10', 'scenario=errors&step=5', 'scenario=dump&step=11', 'scenario=overflow&step=41']) {
        await app.open(`?${where}`);
        await page.waitForTimeout(300);
        expect(await seriousViolations(page), `${scheme} ${where}`).toEqual([]);
      }
    }
  });

  test('a broken address shows what is wrong and the app keeps working', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=no-such-lecture&step=banana');
    await expect(page.getByRole('alert')).toContainText('no-such-lecture');
    await expect(app.route('R3')).toBeVisible();
    await app.button('Step forward').click();
    await expect.poll(() => app.step()).toBe(1);
    await app.open('?scenario=event-notification&step=999');
    await expect(page.getByRole('alert')).toContainText('Step 999 does not exist');
    await expect.poll(() => app.step()).toBe(await app.lastStep());
  });

  test('reference screenshots at desktop and phone sizes', async ({ page }) => {
    const app = new VisualizerPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open('?scenario=event-notification&step=10');
    await page.waitForTimeout(400);
    // The stage fits 1280×720 without scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shotPath('stage-1280x720.png') });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForTimeout(300);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shotPath('stage-375x812.png'), fullPage: true });
  });
});

test('every built-in lecture opens from the picker and plays through', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open();
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  const ids = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(ids).toEqual(['request-response', 'errors', 'dump', 'event-notification', 'membership', 'echo', 'overflow', 'course-module', 'module-vs-kernel']);
  for (const id of ids) {
    await picker.selectOption(id);
    await expect(page).toHaveURL(new RegExp(`scenario=${id}`));
    await expect.poll(() => app.step()).toBe(0);
    await page.keyboard.press('End');
    await expect.poll(() => app.step()).toBeGreaterThan(5);
    await expect(app.caption).not.toBeEmpty();
  }
  // The overflow lecture shows the drop and P3's ENOBUFS.
  await picker.selectOption('overflow');
  await page.keyboard.press('End');
  // Two notifications fit the smallest buffer (832 bytes of truesize each); R6 and R7 are dropped.
  await expect(app.process('P3')).toContainText('2 dropped');
});
