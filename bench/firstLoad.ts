/**
 * What a learner's browser fetches before they do anything: the page is loaded in headless
 * Chromium from a gzip host and every script request is recorded until the network is quiet, so
 * chunks imported at run time count as much as those the HTML names. "Critical" is what the HTML
 * names (the entry, its module preloads and the default lecture's steps); "before interaction" is
 * everything fetched.
 */
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { serveDist } from './serve';

export interface FirstLoad {
  page: string;
  critical: number;
  fetched: number;
  files: string[];
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;

export async function firstLoad(pages: readonly string[], port = Number(process.env.BENCH_PORT ?? 4391)): Promise<FirstLoad[]> {
  const server = await serveDist('dist', port);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const html = readFileSync('dist/index.html', 'utf8');
  // Named in a tag or in the inline loader that adds them after the first paint (scripts/prerender-plugin.ts).
  const named = new Set([...html.matchAll(/"\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const out: FirstLoad[] = [];
  try {
    for (const path of pages) {
      const page = await browser.newPage();
      const scripts = new Set<string>();
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.endsWith('.js')) scripts.add(u.pathname.slice(1));
      });
      await page.goto(`http://127.0.0.1:${port}/${path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      const files = [...scripts].sort();
      out.push({
        page: path || '/',
        critical: [...named].reduce((n, f) => n + gz(`dist/${f}`), 0),
        fetched: files.reduce((n, f) => n + gz(`dist/${f}`), 0),
        files,
      });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
