/**
 * npm run bench:lighthouse — a fresh production build served with gzip on a local port, audited by
 * Lighthouse (mobile, its default throttling) in Debian's Chromium, for the app and for an embed.
 * Prints the performance and accessibility scores and what each audit flags; never fails on them.
 * `--runs=N` audits each page N times and prints the median run (by performance score, then total
 * blocking time): on a shared machine the main thread's speed, and so the blocking time, varies
 * from run to run. The load average is printed with the figures, as it explains most of that spread.
 * `--json=DIR` keeps each run's full report there. `--against=DIR` audits another build (say, one of
 * the main branch, built with `--outDir`) in the same run, its runs taken in turn with this build's,
 * so that both meet the same machine load.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { serveDist } from './serve';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Math.max(1, Number(arg('runs') ?? 1));
const jsonDir = arg('json');
const against = arg('against');
const port = Number(process.env.BENCH_PORT ?? 4394);
if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'ignore' });
if (jsonDir) mkdirSync(jsonDir, { recursive: true });
const builds = [{ name: 'this build', dir: 'dist', port }, ...(against ? [{ name: against, dir: against, port: port + 1 }] : [])];
const servers = await Promise.all(builds.map((b) => serveDist(b.dir, b.port)));
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const load = () => loadavg()[0]!.toFixed(1);
try {
  for (const page of ['', '?embed=1']) {
    const each = builds.map(() => [] as Array<{ lhr: Result; load: string }>);
    for (let i = 0; i < runs; i++) {
      for (const [b, build] of builds.entries()) {
        const before = load();
        const result = await lighthouse(`http://127.0.0.1:${build.port}/${page}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error('Lighthouse returned no result');
        each[b]!.push({ lhr: result.lhr, load: before });
        if (jsonDir) writeFileSync(join(jsonDir, `${page ? 'embed' : 'app'}-${b ? 'against-' : ''}${i + 1}.json`), JSON.stringify(result.lhr));
      }
    }
    const perf = (r: Result) => r.categories.performance?.score ?? 0;
    const tbt = (r: Result) => r.audits['total-blocking-time']?.numericValue ?? 0;
    const line = ({ lhr, load }: { lhr: Result; load: string }) => {
      const { categories, audits } = lhr;
      const score = (id: string) => (categories[id]?.score ?? 0).toFixed(2);
      const metric = (id: string) => audits[id]?.displayValue ?? '?';
      return `performance ${score('performance')} accessibility ${score('accessibility')} [target 1.00 each]; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, SI ${metric('speed-index')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')} (load average ${load})`;
    };
    for (const [b, all] of each.entries()) {
      const label = `${(page || '/').padEnd(9)}${against ? ` ${builds[b]!.name}` : ''}`;
      if (runs > 1) for (const [i, r] of all.entries()) console.log(`  ${label} run ${i + 1}: ${line(r)}`);
      const median = [...all].sort((a, b) => perf(a.lhr) - perf(b.lhr) || tbt(b.lhr) - tbt(a.lhr))[Math.floor((all.length - 1) / 2)]!;
      console.log(`lighthouse ${label} ${runs > 1 ? `median of ${runs}: ` : ''}${line(median)}`);
      const { categories, audits } = median.lhr;
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
  }
} finally {
  chrome.kill();
  for (const server of servers) server.close();
}
