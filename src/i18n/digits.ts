/**
 * A whole number with its digits grouped in threes, as `toLocaleString('en-US')` writes it but
 * with any separator. Written out because the first Intl call of a page loads the locale data,
 * which costs a long task (~30 ms on a fast machine) at start-up, where the stage's first render
 * formats its queue sizes.
 */
export function groupDigits(n: number, separator = ','): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? separator : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return n < 0 ? `-${out}` : out;
}
