import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { VisualizerPage, seriousViolations } from './app';

async function openCode(page: Page) {
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const code = page.getByRole('region', { name: 'Code' });
  await expect(code).toBeVisible();
  return code;
}

test('the Code panel shows the sendmsg() of the request with the seq and flags the inspector shows', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=3');
  const code = await openCode(page);
  const c = code.getByTestId('code-c').locator('pre');
  await expect(c).toContainText('sendmsg(fd, &msg, 0)');
  await expect(c).toContainText('.nlmsg_type = RTM_NEWROUTE,');

  const insp = page.getByRole('region', { name: 'Message inspector' });
  const seq = await insp.getByTestId('field-nlmsghdr.nlmsg_seq').locator('.fval').textContent();
  const flags = await insp.getByTestId('field-nlmsghdr.nlmsg_flags').locator('.fmean').textContent();
  expect(flags).toBe('NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE');
  await expect(c).toContainText(`.nlmsg_seq = ${seq},`);
  await expect(c).toContainText(`.nlmsg_flags = ${flags!.split('|').join(' | ')},`);
  await expect(c).toContainText('.rta_type = RTA_GATEWAY');
  await expect(code.getByTestId('code-shell')).toContainText('ip route add 10.0.4.0/24 via 192.168.1.1 dev eth0');
});

test("the Code panel follows the cursor: sendmsg(), the kernel's path, recvmsg()", async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=3');
  const code = await openCode(page);
  await expect(code).toContainText('Step 3: P1 calls sendmsg()');

  await expect(code.getByTestId('code-c')).toContainText('.dst = { 10, 0, 4, 0 }');

  await app.button('Step forward').click();
  await expect(code).toContainText('Step 4: The kernel receives RTM_NEWROUTE from P1');
  await app.button('Step forward').click();
  await expect(code).toContainText('Step 5: The kernel adds R4');
  const path = code.getByRole('list', { name: "The kernel's path" });
  await expect(path.locator('li')).toHaveText([
    /rtnetlink_rcv_msg/,
    /inet_rtm_newroute/,
    /fib_table_insert/,
    /rtmsg_fib/,
    /rtnl_notify/,
    /nlmsg_notify/,
    /netlink_broadcast/,
    /netlink_ack/,
  ]);
  await expect(path.locator('li[aria-current="step"]')).toHaveText(/fib_table_insert/);
  await expect(code.getByTestId('code-c')).toHaveCount(0);

  await page.keyboard.press('End');
  await expect.poll(() => app.step()).toBe(16);
  await expect(code).toContainText('P2 calls recvmsg(): NLMSG_ERROR');
  await expect(code.getByTestId('code-c')).toContainText('NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len)');
  await expect(code).toContainText('seq 1, pid 1202: an ACK');
});

test('copy works from the keyboard and says so in a live region', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new VisualizerPage(page);
  await app.open('?scenario=request-response&step=3');
  const code = await openCode(page);
  const copy = code.getByRole('button', { name: 'Copy the C code' });
  await copy.focus();
  await page.keyboard.press('Enter');
  const status = code.getByRole('status');
  await expect(status).toHaveText('Copied the C code of step 3.');
  await expect(copy).toHaveText('Copied');
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  expect(pasted).toContain('.nlmsg_seq = 1,');
  expect(pasted).toBe(await code.getByTestId('code-c').locator('pre').textContent());
  // Copying does not move the cursor.
  expect(await app.step()).toBe(3);
});

test('the scenario downloads as a C program', async ({ page }) => {
  const app = new VisualizerPage(page);
  await app.open('?scenario=event-notification&step=2');
  const code = await openCode(page);
  const [download] = await Promise.all([page.waitForEvent('download'), code.getByRole('button', { name: 'Download the scenario as a C program' }).click()]);
  expect(download.suggestedFilename()).toBe('event-notification.c');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('int main(int argc, char **argv)');
  expect(text).toContain('bind_socket(fd_p2_s0, "P2/s0", 0, RTMGRP_IPV4_ROUTE);');
  // R3 goes when its address's lifetime runs out: the kernel's own timer, set up with the address.
  expect(text).toContain('ip addr add 10.0.3.1/24 dev eth1 valid_lft 10 preferred_lft 10');
  await expect(code.getByRole('status')).toHaveText('Downloaded event-notification.c.');
});

test('the Code panel has no serious or critical accessibility violations, in light and dark', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new VisualizerPage(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const step of [3, 7, 15]) {
      await app.open(`?scenario=request-response&step=${step}`);
      await openCode(page);
      expect(await seriousViolations(page, '[data-testid="code-panel"]'), `${scheme} step ${step}`).toEqual([]);
    }
  }
});
