/**
 * A Vite plugin that writes a Content-Security-Policy <meta> into the built index.html. The app needs
 * nothing but its own files: scripts and styles come from 'self', and no code is evaluated from
 * strings. In the single-file build the script and the styles are inline, so the policy allows
 * exactly those, by the sha256 of their text, computed here after inlining. frame-ancestors cannot
 * be set from a <meta>: a host that wants to limit who frames the app sends it as a header
 * (docs/embedding.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The inline <script> and <style> bodies of an HTML text (those without a src). */
export function inlineBodies(html: string, tag: 'script' | 'style'): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  for (const m of html.matchAll(re)) if (!/\bsrc\s*=/.test(m[1]!) && m[2]!.length) out.push(m[2]!);
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** The distinct values of the style="…" attributes in an HTML text, as the browser reads them. */
export function styleAttributes(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\sstyle="([^"]*)"/g)) {
    out.add(
      m[1]!.replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (e, dec?: string, hex?: string, name?: string) =>
        dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name!.toLowerCase()] ?? e),
      ),
    );
  }
  return [...out];
}

/**
 * The policy for a built page: 'self', plus the hash of every inline script and style it has. The
 * pre-rendered first frame (scripts/prerender-plugin.ts) carries style attributes: 'unsafe-hashes'
 * allows exactly those values and no other.
 */
export function policyFor(html: string): string {
  const scripts = inlineBodies(html, 'script').map(sha256);
  const attributes = styleAttributes(html).map(sha256);
  const styles = [...inlineBodies(html, 'style').map(sha256), ...(attributes.length ? ["'unsafe-hashes'", ...attributes] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' ${scripts.join(' ')}`.trim(),
    `style-src 'self' ${styles.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    // data: and blob: fetch nothing from the network (decoding an exported picture reads one).
    "connect-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

export function cspMeta(): Plugin {
  return {
    name: 'netlink-viz:csp-meta',
    apply: 'build',
    enforce: 'post',
    writeBundle(options) {
      const file = join(options.dir ?? 'dist', 'index.html');
      let html: string;
      try {
        html = readFileSync(file, 'utf8');
      } catch {
        return;
      }
      // The meta goes right after the charset, before any script or style; hashes are of the final text.
      const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(html)}" />`;
      const charset = /<meta charset="[^"]*" ?\/?>/i;
      writeFileSync(file, charset.test(html) ? html.replace(charset, (m) => `${m}\n    ${meta}`) : html.replace(/<head>/i, `<head>\n    ${meta}`));
    },
  };
}
