import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allErrors } from '../../src/core/error-catalog.js';
import { ERROR_DOCS_PATH, errorDocsAnchor, renderErrorDocs } from '../../src/explain/docs.js';
import { explainAnchor } from '../../src/explain/index.js';

describe('docs/errors.md', () => {
  it('is what the catalog renders (run `npm run docs` after changing the catalog)', () => {
    expect(readFileSync(ERROR_DOCS_PATH, 'utf8')).toBe(renderErrorDocs());
  });

  it('has an anchor for every entry and for both delivery guides', () => {
    const page = renderErrorDocs();
    for (const e of allErrors()) expect(page).toContain(`<a id="${explainAnchor(e.key)}"></a>`);
    expect(page).toContain('<a id="explain-undelivered"></a>');
    expect(page).toContain('<a id="explain-conflicting-status"></a>');
  });

  it('links a report key to the entry that explains it, falling back from an unknown subcode', () => {
    expect(errorDocsAnchor('190.463')).toBe('explain-190-463');
    expect(errorDocsAnchor('190.999')).toBe('explain-190');
    expect(errorDocsAnchor('250')).toBe(explainAnchor('200-299'));
    expect(errorDocsAnchor('424242')).toBeUndefined();
  });
});
