import { chromium } from '@playwright/test';
import { largeScenario } from './largeScenario';
import { serveDist } from './serve';
const server = await serveDist(process.env.DIST ?? 'dist', 4393);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:4393/');
await page.getByRole('region', { name: 'Stage' }).waitFor();
const t0 = Date.now();
await page
  .getByLabel('Open a scenario file or capture')
  .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(largeScenario(Number(process.argv[2]), 11))) });
for (let i = 0; i < 6; i++) {
  await page.waitForTimeout(400);
  console.log(
    Date.now() - t0,
    await page
      .getByTestId('loading')
      .textContent()
      .catch(() => '-'),
  );
}
await page.getByTestId('loading').waitFor({ state: 'detached', timeout: 120000 });
console.log(Date.now() - t0, await page.locator('.meta').first().textContent());
await page.screenshot({ path: '/tmp/scale-dbg.png' });
await browser.close();
server.close();
