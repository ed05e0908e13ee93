// The capture tests read our exports back with Wireshark's tshark (Debian's package).
// Installs it when missing and we are root; otherwise says how. Set TSHARK_PATH to use another.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.TSHARK_PATH || '/usr/bin/tshark';
if (existsSync(path)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `tshark is missing at ${path}. Install it with:\n  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tshark\nor set TSHARK_PATH to a tshark binary.`,
  );
  process.exit(1);
}
console.log(`tshark is missing at ${path}; installing Debian's tshark package...`);
try {
  // wireshark-common asks whether non-root users may capture; answer no so nothing prompts.
  execSync('echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections', { stdio: 'inherit' });
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark', { stdio: 'inherit' });
} catch {
  console.error('Could not install tshark with apt-get. Install it by hand: apt-get install -y tshark');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`apt-get finished, but there is still no tshark at ${path}.`);
  process.exit(1);
}
