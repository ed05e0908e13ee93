// The handout test reads the printed PDF back with pdftotext (Debian's poppler-utils).
// Installs it when missing and we are root; otherwise says how. Set PDFTOTEXT_PATH to use another.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.PDFTOTEXT_PATH || '/usr/bin/pdftotext';
if (existsSync(path)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `pdftotext is missing at ${path}. Install it with:\n  sudo apt-get update && sudo apt-get install -y poppler-utils\nor set PDFTOTEXT_PATH to a pdftotext binary.`,
  );
  process.exit(1);
}
console.log(`pdftotext is missing at ${path}; installing Debian's poppler-utils package...`);
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: 'inherit' });
} catch {
  console.error('Could not install poppler-utils with apt-get. Install it by hand: apt-get install -y poppler-utils');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`apt-get finished, but there is still no pdftotext at ${path}.`);
  process.exit(1);
}
