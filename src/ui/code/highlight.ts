/**
 * A small C and shell highlighter for the Code panel: comments, strings, numbers, keywords and
 * the kernel's UPPER_CASE constants. Enough for reading, not a parser.
 */
export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'constant' | 'preproc' | 'fn' | 'plain';
export interface Token {
  kind: TokenKind;
  text: string;
}

const C_KEYWORDS = new Set([
  'struct',
  'int',
  'char',
  'static',
  'const',
  'if',
  'else',
  'for',
  'return',
  'sizeof',
  'unsigned',
  'void',
  'ssize_t',
  'socklen_t',
  'size_t',
  '__u8',
  '__u16',
  '__u32',
  '_Static_assert',
  'while',
  'break',
  'continue',
  'long',
  'double',
]);

const C_TOKEN = /(\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*")|(^#[^\n]*)|(\b(?:0x[0-9a-fA-F]+|\d+)\b)|(\b[A-Za-z_]\w*\b)(\s*\()?/gm;
const SH_TOKEN = /(#[^\n]*)|("(?:[^"\\\n]|\\.)*")|(\b\d[\d./]*\b)|(^ip\b|\b(?:route|monitor|add|del|show|get|replace|change|append|prepend)\b)/gm;

function push(out: Token[], kind: TokenKind, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

export function highlight(code: string, language: 'c' | 'shell'): Token[] {
  const out: Token[] = [];
  const re = language === 'c' ? C_TOKEN : SH_TOKEN;
  re.lastIndex = 0;
  let at = 0;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    push(out, 'plain', code.slice(at, m.index));
    at = m.index + m[0].length;
    if (language === 'shell') {
      const kind: TokenKind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'number' : 'keyword';
      push(out, kind, m[0]);
      continue;
    }
    if (m[1]) push(out, 'comment', m[1]);
    else if (m[2]) push(out, 'string', m[2]);
    else if (m[3]) push(out, 'preproc', m[3]);
    else if (m[4]) push(out, 'number', m[4]);
    else {
      const word = m[5]!;
      const kind: TokenKind = C_KEYWORDS.has(word) ? 'keyword' : /^[A-Z][A-Z0-9_]*$/.test(word) && word.length > 1 ? 'constant' : m[6] ? 'fn' : 'plain';
      push(out, kind, word);
      if (m[6]) push(out, 'plain', m[6]);
    }
  }
  push(out, 'plain', code.slice(at));
  return out;
}
