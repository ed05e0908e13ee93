/** npm run --silent validate -- <file.json>: prints "ok" or the errors; exit code 0 or 1. */
import { loadArg, printErrors } from './load';

const args = process.argv.slice(2);
if (args.length !== 1) {
  process.stderr.write('usage: npm run --silent validate -- <file.json>\n');
  process.exitCode = 2;
} else {
  const { result, source } = loadArg(args[0]!);
  if (result.ok) process.stdout.write('ok\n');
  else {
    printErrors(source, result);
    process.exitCode = 1;
  }
}
