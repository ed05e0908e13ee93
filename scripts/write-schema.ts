/** Writes public/scenario.schema.json (JSON Schema of the scenario format) from the valibot schema. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/scenarios/jsonSchema';

writeFileSync(new URL('../public/scenario.schema.json', import.meta.url), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
