// Markdown pieces every Markdown renderer shares. Text from Graph can hold pipes, angle brackets and newlines.
import type { TokenSummary } from '../core/types.js';
import { tokenRows } from './words.js';

/** One line of text, safe in Markdown (no raw HTML). */
export function mdLine(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** A table cell: one line, pipes escaped. */
export function mdCell(s: string): string {
  return mdLine(s).replace(/\|/g, '\\|');
}

/** The token summary as a `### Token` table (never the token itself); empty when there is nothing to show. */
export function tokenTable(token: TokenSummary): string[] {
  const rows = tokenRows(token);
  if (rows.length === 0) return [];
  return ['### Token', '', '| Field | Value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${mdCell(v)} |`), ''];
}
