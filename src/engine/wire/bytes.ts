/** Byte-level helpers every wire layer shares: alignment, the error type, hex, IPv4 addresses. */
import { NLMSG_ALIGNTO } from '../protocol/netlink';

/** NLMSG_ALIGN / RTA_ALIGN / NLA_ALIGN: headers and attributes start on 4-byte boundaries. */
export const align4 = (n: number): number => (n + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);

/** Bytes that cannot be read or written as asked; `offset` says at which byte. */
export class WireError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

/** Throws unless `n` bytes from `at` are there; `what` names the structure that needs them. */
export function need(bytes: Uint8Array, at: number, n: number, what: string): void {
  if (at + n > bytes.length) {
    const have = bytes.length;
    throw new WireError(
      `truncated message: ${what} needs bytes ${at}–${at + n - 1}, but only ${have} byte${have === 1 ? '' : 's'} ${have === 1 ? 'is' : 'are'} there`,
      at,
    );
  }
}

/**
 * Four dot-separated numbers of one to three digits, each at most 255. Read character by
 * character: a run parses the addresses of every route request (no split, no pattern).
 */
export function ipv4ToBytes(addr: string): number[] {
  const out: number[] = [];
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= addr.length; i++) {
    const c = i < addr.length ? addr.charCodeAt(i) : 46; // the end closes the last number as a '.' would
    if (c >= 48 && c <= 57 && digits < 3) {
      n = n * 10 + c - 48;
      digits++;
    } else if (c === 46 && digits > 0 && n <= 255 && out.length < 4) {
      out.push(n);
      n = 0;
      digits = 0;
    } else throw new WireError(`"${addr}" is not an IPv4 address`);
  }
  if (out.length !== 4) throw new WireError(`"${addr}" is not an IPv4 address`);
  return out;
}

/**
 * Writes a dotted-quad address at `at` (network order), as ipv4ToBytes would give it, without the
 * intermediate strings and array: every attribute of a route carries one, and a run's messages are
 * encoded on demand, a view at a time. Anything irregular goes to ipv4ToBytes, which says what is wrong.
 */
export function writeIpv4(buf: Uint8Array, at: number, addr: string): void {
  let part = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i < addr.length; i++) {
    const c = addr.charCodeAt(i);
    if (c === 46 && digits > 0 && part < 3) {
      buf[at + part++] = n;
      n = digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      n = n * 10 + c - 48;
      digits++;
      if (n > 255) break;
    } else {
      digits = 0;
      break;
    }
  }
  if (part === 3 && digits > 0 && n <= 255) buf[at + 3] = n;
  else buf.set(ipv4ToBytes(addr), at);
}

export function ipv4At(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 || /[^0-9a-f]/i.test(clean)) throw new WireError('hex text must be pairs of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
