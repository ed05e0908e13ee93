/**
 * The engine's shape, checked: no import cycles, the core below the families and the system calls,
 * nothing from the app, no wall clock or randomness, and no file grown into a hub.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-helpers') ? [path] : [];
  });
}

const files = sources(root);
const rel = (f: string) => relative(root, f);

/** Relative imports that exist at run time (type-only imports vanish). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gm)) {
    if (m[1]) continue;
    const base = normalize(join(dirname(file), m[2]!));
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((c) => files.includes(c));
    if (hit) out.push(hit);
  }
  return out;
}

describe('the engine as a library', () => {
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const visit = (f: string, stack: string[]) => {
      for (const d of graph.get(f) ?? []) {
        if (stack.includes(d)) cycles.push([...stack.slice(stack.indexOf(d)), d].map(rel).join(' -> '));
        else if (stack.length < 40) visit(d, [...stack, d]);
      }
    };
    for (const f of files) visit(f, [f]);
    expect(cycles.slice(0, 5)).toEqual([]);
  });

  it('keeps the netlink core below the kernel families and the system calls', () => {
    const upward = files
      .filter((f) => rel(f).startsWith('core/'))
      .flatMap((f) => (graph.get(f) ?? []).filter((d) => /^(families|syscalls)\//.test(rel(d))).map((d) => `${rel(f)} -> ${rel(d)}`));
    expect(upward).toEqual([]);
  });

  it('imports nothing from the app, the DOM, the wall clock or Math.random', () => {
    const bad = files.filter((f) =>
      /from '(\.\.\/)+(scenarios|store|ui)|from '(react|react-dom|zustand|framer-motion)'|\b(window|document|localStorage)\.|Date\.now|Math\.random|performance\.now/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(bad.map(rel)).toEqual([]);
  });

  it('has no source file over 300 lines', () => {
    const big = files.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 300);
    expect(big).toEqual([]);
  });
});
