import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../openapi';

/** `npm run openapi`: writes docs/openapi.json (the test suite checks it is current). */
const target = new URL('../../../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
