/**
 * Where a JSON text first goes wrong. JSON.parse says why, but for some errors not where (an
 * unexpected token is quoted, not placed), so this scanner finds the offset itself. It follows the
 * JSON grammar with an explicit stack, so no nesting depth can overflow it.
 */

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset of the first character that cannot continue a valid JSON text; undefined for valid JSON. */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  // What each open bracket waits for next.
  const stack: Array<'array-first' | 'array-next' | 'object-first' | 'object-next'> = [];
  const skip = () => {
    while (i < n && WS.has(text[i]!)) i++;
  };
  const string = (): boolean => {
    i++; // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') return false;
    i += m[0].length;
    // A number cut short ("1." or "1e") fails on the character after its valid part.
    return true;
  };
  /** One value's first token; containers push their state. */
  const value = (): boolean => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      stack.push('object-first');
      return true;
    }
    if (c === '[') {
      i++;
      stack.push('array-first');
      return true;
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    return false;
  };
  /** An object member's key and colon, then its value. */
  const member = (): boolean => {
    skip();
    if (text[i] !== '"' || !string()) return false;
    skip();
    if (text[i] !== ':') return false;
    i++;
    return value();
  };
  if (!value()) return Math.min(i, n);
  for (;;) {
    skip();
    const top = stack[stack.length - 1];
    if (top === undefined) return i < n ? i : undefined;
    const c = text[i];
    if (top === 'array-first' || top === 'object-first') {
      const close = top === 'array-first' ? ']' : '}';
      if (c === close) {
        i++;
        stack.pop();
        continue;
      }
      stack[stack.length - 1] = top === 'array-first' ? 'array-next' : 'object-next';
      if (!(top === 'array-first' ? value() : member())) return Math.min(i, n);
      continue;
    }
    const close = top === 'array-next' ? ']' : '}';
    if (c === close) {
      i++;
      stack.pop();
      continue;
    }
    if (c !== ',') return Math.min(i, n);
    i++;
    if (!(top === 'array-next' ? value() : member())) return Math.min(i, n);
  }
}
