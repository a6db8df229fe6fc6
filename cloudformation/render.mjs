// Renders the deployable template: cloudformation/tributary.yaml with statemachine/ingestion.asl.json
// inlined as the state machine's DefinitionString (a JSON string is a valid YAML double-quoted scalar).
// Usage: node cloudformation/render.mjs <output.yaml>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = readFileSync(join(root, 'cloudformation/tributary.yaml'), 'utf8');
const definition = JSON.stringify(JSON.parse(readFileSync(join(root, 'statemachine/ingestion.asl.json'), 'utf8')));
const marker = '"TRIBUTARY_DEFINITION"';
if (template.split(marker).length !== 2) throw new Error(`expected exactly one ${marker} in the template`);
const output = process.argv[2];
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, template.replace(marker, JSON.stringify(definition)));
console.log(`rendered ${output}`);
