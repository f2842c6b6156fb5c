// `npm run docs`: writes docs/errors.md from the error catalog (a test fails when it is stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadFromSource } from './emulator.mjs';

const { docs } = await loadFromSource({ docs: 'src/explain/docs.ts' });
mkdirSync('docs', { recursive: true });
writeFileSync(docs.ERROR_DOCS_PATH, docs.renderErrorDocs());
console.log(`wrote ${docs.ERROR_DOCS_PATH}`);
