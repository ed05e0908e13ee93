/**
 * npm run bench:big — a scenario near the format's 200,000-step limit, opened in headless Chromium
 * from a production build: how long the main thread is blocked while it loads (the longest task),
 * how long the event log and the sequence diagram take to open and to follow one step, and the
 * JS heap afterwards. The baseline, measured in the same run, is the same figures for the default
 * lecture, so the ratio shows what the size of the run costs. Prints figures; never fails on them.
 */
import { chromium, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { run } from '../src/engine';
import { bigScenario } from './bigScenario';
import { serveDist } from './serve';

const port = Number(process.env.BENCH_PORT ?? 4392);

/**
 * Milliseconds from a click on `click` until `ready` (a selector) is in the page and the next frame
 * is painted, measured in the page (React renders a click's update before the frame).
 */
async function timeUntil(page: Page, click: string, ready: string): Promise<number> {
  // A string, not a function: the TypeScript runner would wrap a function's inner names in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector(${JSON.stringify(click)}).click();
    const check = () => (document.querySelector(${JSON.stringify(ready)}) ? setTimeout(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  })`);
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function measure(page: Page, label: string, load: (() => Promise<void>) | null): Promise<void> {
  await page.evaluate(`window.longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask' });`);
  const t0 = Date.now();
  if (load) await load();
  const loadMs = Date.now() - t0;
  const longest = await page.evaluate<number>('window.longest');
  const figures: string[] = [`load ${loadMs} ms, longest main-thread task ${longest.toFixed(0)} ms [target <= 50 ms]`];
  for (const [tab, row] of [
    ['Event log', '[data-testid="event-log"] tr[data-step]'],
    ['Sequence diagram', '[data-testid="sequence-diagram"] .mark, [data-testid="sequence-diagram"] .arrow'],
  ] as const) {
    await page.getByRole('tab', { name: 'Stage' }).click();
    // Opening: from the click on the tab to the first rows drawn.
    const tabId = await page.getByRole('tab', { name: tab }).getAttribute('id');
    const openMs = await timeUntil(page, `#${tabId}`, row);
    const steps: number[] = [];
    for (let i = 0; i < 5; i++) steps.push(await timeUntil(page, 'button[aria-label="Step forward"]', 'body'));
    steps.sort((a, b) => a - b);
    figures.push(`${tab}: open ${openMs.toFixed(0)} ms [<= 1000], step median ${steps[2]!.toFixed(1)} ms [<= 16]`);
  }
  figures.push(`JS heap ${(await heapMB(page)).toFixed(0)} MB [<= 300]`);
  console.log(`${label}: ${figures.join('; ')}`);
}

if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'ignore' });
// 2,100 requests make about 197,000 steps (the format allows 200,000).
const spec = bigScenario(Number(process.env.BENCH_REQUESTS ?? 2100));
const steps = run(spec).steps.length;
const json = Buffer.from(JSON.stringify(spec));
const server = await serveDist(process.env.DIST ?? 'dist', port);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  await measure(page, 'baseline: the default lecture', null);
  await measure(page, `${steps.toLocaleString('en-US')} steps (${(json.length / 1000).toFixed(0)} kB file)`, async () => {
    await page.getByRole('tab', { name: 'Stage' }).click();
    await page.getByLabel('Open a scenario file or capture').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: json });
    await page
      .getByText(new RegExp(`^${steps - 1} steps`))
      .first()
      .waitFor({ state: 'attached', timeout: 600_000 });
  });
} finally {
  await browser.close();
  server.close();
}
