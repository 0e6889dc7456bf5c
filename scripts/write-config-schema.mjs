// Writes schemas/archlint.config.schema.json from the compiled rule registry (run `npm run schema`
// after adding a rule or a threshold; test/config/schema.test.ts fails until the copy is current).
import { writeFileSync } from 'node:fs';
import { configSchema } from '../out/language-server/rules/config-schema.js';

writeFileSync('schemas/archlint.config.schema.json', `${JSON.stringify(configSchema(), null, 2)}\n`);
