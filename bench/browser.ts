/**
 * npm run bench:browser: frame times on a busy stage, in headless Chromium. Prints figures, never
 * fails on them. Builds fresh, serves dist/, opens the 16-process stress scenario at the moment
 * hundreds of multicast copies are in flight, and plays it while recording the interval between
 * animation frames and every long task (over 50 ms). The baseline is the same page, paused, in the
 * same run: what this machine's frame clock does when the app does nothing.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../e2e/support/static';

const STRESS = new URL('../e2e/fixtures/stress-16.json', import.meta.url);
/** When every copy of the burst has been sent and none delivered yet (simulated ms). */
const BURST_MS = 3600;
const MEASURE_MS = 6000;
const VIEWPORT = { width: 1280, height: 720 };

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

/**
 * rAF intervals over `ms` real milliseconds, and the long tasks that started meanwhile. Written as
 * page source text: tsx would wrap a function literal in helpers that do not exist in the page.
 */
async function record(page: Page, ms: number): Promise<{ frames: number[]; longTasks: number[] }> {
  return page.evaluate(`new Promise((done) => {
    const frames = [];
    const skip = window.__longTasks.length;
    let last = 0;
    const t0 = performance.now();
    const frame = (t) => {
      if (last) frames.push(t - last);
      last = t;
      if (t - t0 < ${ms}) requestAnimationFrame(frame);
      else done({ frames, longTasks: window.__longTasks.slice(skip) });
    };
    requestAnimationFrame(frame);
  })`);
}

function report(label: string, r: { frames: number[]; longTasks: number[] }, extra = ''): void {
  const f = [...r.frames].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(28)} frames ${String(f.length).padStart(4)}  p50 ${fmt(quantile(f, 0.5))} ms  p95 ${fmt(quantile(f, 0.95))} ms  max ${fmt(f[f.length - 1] ?? NaN)} ms  ` +
      `long tasks ${r.longTasks.length}${r.longTasks.length ? ` (longest ${Math.max(...r.longTasks).toFixed(0)} ms)` : ''}${extra}`,
  );
}

async function main(): Promise<void> {
  execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  const server = await serveStatic('dist');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(`window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });`);
    await page.goto(`${server.origin}/?questions=0`);
    await page.getByLabel('Open a scenario file').setInputFiles({ name: 'stress-16.json', mimeType: 'application/json', buffer: readFileSync(STRESS) });
    await page.getByRole('region', { name: 'route-monitor-16' }).waitFor();
    // Seek by clicking the timeline where the burst is all in the air, and let time run through the quiet stretch.
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const end = Number(/\/\s*([\d.]+)\s*s/.exec((await page.locator('.clock').innerText()) ?? '')?.[1] ?? 6.5) * 1000;
    const box = (await timeline.boundingBox())!;
    await page.mouse.click(box.x + (box.width * BURST_MS) / end, box.y + box.height / 2);
    const skip = page.getByRole('switch', { name: 'skip idle time' });
    if (await skip.isChecked()) await skip.uncheck();
    await page.waitForTimeout(500);

    const idle = await record(page, 2000);
    const inFlight = await page.locator('.flight-layer').getAttribute('data-in-flight');
    const pills = await page.getByTestId('envelope').count();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const playing = await record(page, MEASURE_MS);
    console.log(`browser bench: 16 processes, ${inFlight ?? '?'} messages in flight (${pills} envelopes drawn), ${VIEWPORT.width}×${VIEWPORT.height}`);
    report('baseline (paused, idle)', idle);
    report('playing the burst', playing, '   [target p95 <= 16.7 ms, no long task > 50 ms]');
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
