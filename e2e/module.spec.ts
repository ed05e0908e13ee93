import { expect, test } from '@playwright/test';
import { shotPath, VisualizerPage, seriousViolations } from './app';

/** Step forward until the caption says `title`; returns the step it stopped at. */
async function stepUntil(app: VisualizerPage, title: string | RegExp, max = 60): Promise<number> {
  for (let i = 0; i < max; i++) {
    if (await app.caption.filter({ hasText: title }).count()) return app.step();
    await app.button('Step forward').click();
  }
  throw new Error(`no caption ${String(title)} within ${max} steps`);
}

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('the course module: a routing-table manager with interest lists', () => {
  test('walks the lecture: registrations fly up, the timer runs on R3, one DELETED each for P2 and P3, none for P1', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=course-module&questions=0');
    const card = page.getByTestId('module-card');
    await expect(card).toContainText('routing-table manager');
    await expect(card).toContainText('module, NETLINK_RTMGR 31');
    await expect(page.getByTestId('listeners-R3')).toContainText('nobody');

    await stepUntil(app, 'Three REGISTERs');
    await app.button('Step forward').click();
    const up = page.getByTestId('envelope').filter({ hasText: 'RTMGR_MSG_REGISTER' });
    await expect(up.first()).toHaveAttribute('data-protocol', 'NETLINK_RTMGR');
    await expect(up.first()).toHaveAttribute('data-to', 'kernel');

    await stepUntil(app, 'Registered, waiting');
    await expect(page.getByTestId('listeners-R3')).toContainText('92');
    await expect(page.getByTestId('listeners-R3')).toContainText('94');
    await expect(page.getByTestId('listeners-R1')).toContainText('90');

    await stepUntil(app, 'The lecturer arms the timer');
    for (let i = 0; i < 3; i++) await app.button('Step forward').click();
    await expect(page.getByTestId('step-summary')).toContainText('mod_timer');
    await expect(page.getByTestId('entry-R3').getByTestId('timer-ring')).toBeVisible();

    // The notification: one unicast per listener, each its own skb.
    await stepUntil(app, 'One unicast per listener');
    await app.button('Step forward').click();
    // P3's copy is a second unicast under the same heading: the heading still describes the step.
    await expect(app.caption).toContainText('One unicast per listener');
    const deleted = page.getByTestId('envelope').filter({ hasText: 'RTMGR_MSG_DELETED' });
    await expect(deleted).toHaveCount(2);
    expect((await deleted.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).sort()).toEqual(['P2', 'P3']);
    await expect(page.getByTestId('module-foot')).toContainText('nlmsg_unicast(→ 94)');

    await app.button('Step forward').click();
    await expect(page.getByTestId('entry-R3')).toHaveAttribute('data-gone', 'true');
    // Let the copies travel a little, for a picture of the moment they are on their way.
    await app.button('Play').click();
    await page.waitForTimeout(800);
    await app.button('Pause').click();
    await page.getByTestId('stage').screenshot({ path: shotPath('module-notification.png') });

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await app.button('Play').click();
    await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
    for (const p of ['P2', 'P3']) {
      await expect(app.received(p).filter({ hasText: 'RTMGR_MSG_DELETED' })).toHaveCount(1);
      await expect(app.received(p).filter({ hasText: 'RTMGR_MSG_DELETED' })).toHaveAttribute('data-state', 'read');
    }
    await expect(app.received('P1').filter({ hasText: 'RTMGR_MSG_DELETED' })).toHaveCount(0);
    await expect(app.caption).toContainText('P1 hears nothing');
  });

  test('the inspector decodes struct rtmgr_entry_msg field by field', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=course-module&questions=0');
    await stepUntil(app, 'One unicast per listener');
    // The module's C beside the step: the kernel line that sends, the user side idle.
    const code = page.getByRole('region', { name: 'Module code' });
    await expect(code.getByTestId('module-source-rtmgr_mod.c').locator('code.hot')).toContainText('nlmsg_unicast(rtmgr_sk, skb, e->listeners[i])');
    await expect(code.getByTestId('module-source-rtmgr_user.c')).toContainText('No line of this file runs at this step');
    await expect(code.getByRole('link', { name: 'rtmgr_mod.c' })).toHaveAttribute('download', '');
    await page.getByTestId('envelope').filter({ hasText: 'RTMGR_MSG_DELETED' }).first().click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByTestId('inspector-protocol')).toHaveText('NETLINK_RTMGR 31');
    await expect(inspector).toContainText('struct rtmgr_entry_msg');
    for (const f of ['name', 'dst', 'dst_len', 'delay_ms']) await expect(inspector).toContainText(f);
    await expect(inspector).toContainText('10000 ms');
  });
});

test.describe('the sandbox on module sockets', () => {
  test('registers P1 for R3, closes P3, arms the timer: P1 is told, P3 is ECONNREFUSED and forgotten', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=course-module&questions=0&step=21');
    await page.getByRole('button', { name: 'Sandbox', exact: true }).click();
    const sb = page.getByTestId('sandbox-module');
    await page.getByLabel('Acting socket').selectOption('P1/s0');
    await sb.getByLabel('Module entry').selectOption('R3');
    await sb.getByRole('button', { name: 'Register interest' }).click();
    await expect
      .poll(
        async () => {
          await app.button('Step forward').click();
          return page.getByTestId('listeners-R3').textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('90');
    await page.getByLabel('Acting socket').selectOption('P3/s0');
    await sb.getByRole('button', { name: /Close P3/ }).click();
    await expect(page.getByTestId('port-P3/s0')).toHaveText('closed');
    await page.getByLabel('Acting socket').selectOption('P1/s0');
    await sb.getByLabel('Timer delay in milliseconds').fill('1000');
    await sb.getByRole('button', { name: 'Arm the timer' }).click();
    await expect
      .poll(
        async () => {
          await app.button('Step forward').click();
          return page.getByTestId('module-foot').textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('ECONNREFUSED');
    await expect(page.getByTestId('listeners-R3')).toContainText('94 gone');
    await expect
      .poll(
        async () => {
          await app.button('Step forward').click();
          return app.received('P1').filter({ hasText: 'RTMGR_MSG_DELETED' }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
  });
});

test.describe('module vs kernel', () => {
  test('walks the lecture: a multicast to every member, a unicast per listener, and ECONNREFUSED for the listener that died', async ({ page }) => {
    const app = new VisualizerPage(page);
    await app.open('?scenario=module-vs-kernel&questions=0');
    await expect(app.routingTable).toBeVisible();
    await expect(page.getByTestId('module-card')).toBeVisible();

    await stepUntil(app, 'One multicast per route, one copy per member');
    const copies = page.getByTestId('envelope').filter({ hasText: 'RTM_DELROUTE' });
    expect((await copies.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).sort()).toEqual(['P1', 'P2']);

    await stepUntil(app, 'A unicast to 1202');
    const unicast = page.getByTestId('envelope').filter({ hasText: 'RTMGR_MSG_DELETED' });
    await expect(unicast).toHaveCount(1);
    await expect(unicast).toHaveAttribute('data-to', 'P2');

    await stepUntil(app, 'ECONNREFUSED for 1203');
    await expect(page.getByTestId('module-foot')).toContainText('-ECONNREFUSED');
    await expect(page.getByTestId('listeners-R3')).toContainText('1203 gone');
    await page.getByTestId('stage').screenshot({ path: shotPath('module-econnrefused.png') });
    await app.button('Step forward').click();
    await expect(app.caption).toContainText('The module forgets 1203');
    await expect(page.getByTestId('listeners-R3')).not.toContainText('1203');

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await app.button('Play').click();
    await expect.poll(() => app.step(), { timeout: 20_000 }).toBe(await app.lastStep());
    await expect(app.received('P2').filter({ hasText: 'RTMGR_MSG_DELETED' })).toHaveCount(1);
    await expect(app.received('P1').filter({ hasText: 'RTMGR_MSG_DELETED' })).toHaveCount(0);
    // The address took R3 and its broadcast and local routes with it: P1 gets the group's copies (the card lists the latest).
    await expect(app.received('P1').filter({ hasText: 'RTM_DELROUTE' })).not.toHaveCount(0);
    // P3 died before either change: only the ACK it never read, freed by close().
    await expect(app.received('P3')).toHaveCount(1);
    await expect(app.received('P3').first()).toHaveAttribute('data-state', 'freed');
  });
});

test('the module card, the module code and the protocol tags have no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new VisualizerPage(page);
  for (const where of ['scenario=course-module&step=30', 'scenario=module-vs-kernel&step=45']) {
    await app.open(`?${where}&questions=0`);
    await expect(page.getByRole('region', { name: 'Module code' }).locator('code.hot')).toBeVisible();
    expect(await seriousViolations(page), where).toEqual([]);
  }
});
