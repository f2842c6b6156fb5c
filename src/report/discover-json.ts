import type { Discovery } from '../core/types.js';

/** The machine format of `discover`: one JSON document, keys documented in README (schemaVersion 1). */
export function renderDiscoveryJson(discovery: Discovery): string {
  return `${JSON.stringify(discovery, null, 2)}\n`;
}
