/**
 * A few lines of markup building for the pictures made from data (the handout's stage pictures and
 * the sequence diagram's SVG export). They run without a DOM, so they are plain functions of the
 * timeline and unit tests check them in Node. Every text and attribute goes through `esc`: scenario
 * files come from outside, and a process name must never become markup.
 */

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type Attrs = Record<string, string | number | undefined | false>;

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== false) out += ` ${k}="${esc(v)}"`;
  return out;
}

/**
 * An element; children are markup already (from `el` or `text`). Always closed explicitly, which is
 * right in both XML (a standalone SVG file) and HTML (a <div/> would not close there).
 */
export function el(name: string, a: Attrs, ...children: string[]): string {
  return `<${name}${attrs(a)}>${children.join('')}</${name}>`;
}

/** A <text> element with escaped content. */
export function text(a: Attrs, content: string): string {
  return `<text${attrs(a)}>${esc(content)}</text>`;
}

/** A number rounded for an attribute, so pictures stay small and byte-stable. */
export function px(n: number): number {
  return Math.round(n * 10) / 10;
}
