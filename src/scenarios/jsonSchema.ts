/** The scenario format as JSON Schema, for editors' autocompletion (published as scenario.schema.json). */
import { toJsonSchema } from '@valibot/to-json-schema';
import { ScenarioSchema } from './schema';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ScenarioSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    ...schema,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'scenario.schema.json',
    title: 'Netlink Visualizer scenario, version 1',
    description: 'A lecture scenario: processes with netlink sockets, an initial routing table, a schedule of actions, narration and questions.',
  };
}
