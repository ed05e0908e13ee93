/**
 * npm run bench:lighthouse — a fresh production build served with gzip on a local port, audited by
 * Lighthouse (mobile, its default throttling) in Debian's Chromium, for the app and for an embed.
 * Prints the performance and accessibility scores and what each audit flags; never fails on them.
 */
import { execSync } from 'node:child_process';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveDist } from './serve';

const port = Number(process.env.BENCH_PORT ?? 4394);
if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'ignore' });
const server = await serveDist('dist', port);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  for (const page of ['', '?embed=1']) {
    const result = await lighthouse(`http://127.0.0.1:${port}/${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { categories, audits } = result.lhr;
    const score = (id: string) => (categories[id]?.score ?? 0).toFixed(2);
    const metric = (id: string) => audits[id]?.displayValue ?? '?';
    console.log(
      `lighthouse ${(page || '/').padEnd(9)} performance ${score('performance')} accessibility ${score('accessibility')} [target 1.00 each]; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`,
    );
    for (const cat of ['performance', 'accessibility']) {
      for (const ref of categories[cat]?.auditRefs ?? []) {
        const a = audits[ref.id];
        if (!a || ref.weight === 0 || a.score === null || a.score >= 0.9) continue;
        console.log(`  ${cat}: ${a.title} (${a.score.toFixed(2)})${a.displayValue ? ` — ${a.displayValue}` : ''}`);
        // Where: the first few elements the audit names.
        const items = (a.details as { items?: Array<{ node?: { snippet?: string } }> } | undefined)?.items ?? [];
        for (const it of items.slice(0, 3)) if (it.node?.snippet) console.log(`    ${it.node.snippet.slice(0, 160)}`);
      }
    }
  }
} finally {
  chrome.kill();
  server.close();
}
