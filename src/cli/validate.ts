/**
 * npm run --silent validate -- <file.json>: prints "ok" or the errors.
 * Exit codes: 0 valid, 1 not valid (or not readable), 2 a usage error (no file, several, an option).
 */
import { stripControl } from '../scenarios/bounded';
import { loadArg, printErrors } from './load';

const USAGE = 'usage: npm run --silent validate -- <file.json>\nexit codes: 0 valid, 1 not valid or not readable, 2 usage error\n';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) process.stdout.write(USAGE);
else if (args.length !== 1 || args[0]!.startsWith('-')) {
  if (args.length === 1) process.stderr.write(`unknown option ${stripControl(args[0]!).slice(0, 40)}\n`);
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  const { result, source } = loadArg(args[0]!);
  if (result.ok) process.stdout.write('ok\n');
  else {
    printErrors(source, result);
    process.exitCode = 1;
  }
}
