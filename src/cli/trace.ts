/**
 * npm run --silent trace -- <scenario-id | scenario.json | capture.pcap(ng)> [--json] [--pcap out.pcapng|out.pcap]
 * Prints the timeline of a scenario or of an nlmon capture: a table, or one JSON object with every
 * message's bytes. --pcap also writes the timeline as a capture (pcapng, or classic pcap by extension).
 * --c out.c writes the scenario as a C program for the real kernel (see src/codegen).
 */
import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Timeline } from '../engine';
import { escapeC1, stripControl } from '../scenarios/bounded';
import { traceJsonChunks, traceTable } from './format';
import { loadArg, printErrors } from './load';
import { writeCProgram } from './cprogram';

const USAGE = 'usage: npm run --silent trace -- <scenario-id | path/to/scenario.json | capture.pcapng> [--json] [--pcap out.pcapng|out.pcap] [--c out.c]\n';
/** A capture bigger than this is read only so far (the message cap stops long before). */
const MAX_CAPTURE_BYTES = 256 << 20;

function isCapture(path: string): boolean {
  if (/\.(pcap|pcapng|cap)$/i.test(path)) return true;
  try {
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    return [0x0a0d0d0a, 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(head.readUInt32LE(0));
  } catch {
    return false;
  }
}

async function loadCapture(path: string): Promise<Timeline | null> {
  const { readCapture, importCapture, CaptureError } = await import('../capture');
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    process.stderr.write(`${path}: cannot read the file\n`);
    return null;
  }
  const n = Math.min(size, MAX_CAPTURE_BYTES);
  const buf = new Uint8Array(n);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < n) {
      const got = readSync(fd, buf, at, n - at, at);
      if (got === 0) break;
      at += got;
    }
  } finally {
    closeSync(fd);
  }
  try {
    const imported = importCapture(readCapture(buf, size > n ? { partialOf: size } : {}), { name: basename(path) });
    for (const note of imported.notes) process.stderr.write(`${path}: ${note}\n`);
    return imported.timeline;
  } catch (e) {
    if (e instanceof CaptureError) {
      process.stderr.write(`${path}: ${e.message}\n`);
      return null;
    }
    throw e;
  }
}

async function main(argv: string[]): Promise<number> {
  const pcapAt = argv.indexOf('--pcap');
  const out = pcapAt >= 0 ? argv[pcapAt + 1] : undefined;
  const cAt = argv.indexOf('--c');
  const cOut = cAt >= 0 ? argv[cAt + 1] : undefined;
  if ((pcapAt >= 0 && (!out || out.startsWith('--'))) || (cAt >= 0 && (!cOut || cOut.startsWith('--')))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const args = argv.filter((a, i) => !a.startsWith('--') && !(pcapAt >= 0 && i === pcapAt + 1) && !(cAt >= 0 && i === cAt + 1));
  const json = argv.includes('--json');
  const unknown = argv.find((a) => a.startsWith('--') && !['--json', '--pcap', '--c'].includes(a));
  if (args.length !== 1 || unknown) {
    if (unknown) process.stderr.write(`unknown option ${stripControl(unknown).slice(0, 40)}\n`);
    process.stderr.write(USAGE);
    return 2;
  }
  let timeline: Timeline;
  if (isCapture(args[0]!)) {
    const t = await loadCapture(args[0]!);
    if (!t) return 1;
    timeline = t;
  } else {
    const { result, source } = loadArg(args[0]!);
    if (!result.ok) {
      printErrors(source, result);
      return 1;
    }
    timeline = result.value.timeline;
  }
  if (cOut) return writeCProgram(timeline, cOut, args[0]!);
  if (out) {
    const { exportCapture, datagramsOf } = await import('../capture');
    const format = /\.pcap$/i.test(out) ? 'pcap' : 'pcapng';
    writeFileSync(out, exportCapture(timeline, format));
    process.stderr.write(`wrote ${out}: ${format}, ${datagramsOf(timeline).length} packets (LINKTYPE_NETLINK)\n`);
    return 0;
  }
  // A scenario's titles and captions are text from a file: nothing in them may drive the terminal.
  if (json)
    await writeChunks(
      (function* () {
        for (const chunk of traceJsonChunks(timeline)) yield escapeC1(chunk);
      })(),
    );
  else process.stdout.write(stripControl(traceTable(timeline)));
  return 0;
}

/** Write pieces to stdout in batches, waiting whenever the pipe is full, so memory stays flat. */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
  let batch = '';
  const flush = async () => {
    if (!process.stdout.write(batch)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    batch = '';
  };
  for (const c of chunks) {
    batch += c;
    if (batch.length >= 1 << 16) await flush();
  }
  if (batch) await flush();
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
