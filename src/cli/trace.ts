/**
 * npm run --silent trace -- <scenario-id | path/to/scenario.json> [--json]
 * Prints the timeline of a scenario: a table, or one JSON object with every message's bytes.
 */
import { traceJson, traceTable } from './format';
import { loadArg, printErrors } from './load';

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const json = argv.includes('--json');
  if (args.length !== 1) {
    process.stderr.write('usage: npm run --silent trace -- <scenario-id | path/to/scenario.json> [--json]\n');
    return 2;
  }
  const { result, source } = loadArg(args[0]!);
  if (!result.ok) {
    printErrors(source, result);
    return 1;
  }
  process.stdout.write(json ? `${JSON.stringify(traceJson(result.timeline), null, 2)}\n` : traceTable(result.timeline));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
