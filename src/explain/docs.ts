// docs/errors.md, generated from the error catalog: the page the Action's job summary links each Graph error to.
// Pure: `npm run docs` writes it, and a test fails when the committed page differs from the catalog.
import { allErrors, type ErrorEntry, FAMILY_LABELS } from '../core/error-catalog.js';
import { type ExplainResult, explainAnchor, explainTopic, NOT_TOKEN_LINE, NOT_TRANSIENT_LINE, TOKEN_ADVICE_LINE, transientLine } from './explain.js';
import { conflictingStatusGuide, undeliveredGuide } from './guides.js';

export const ERROR_DOCS_PATH = 'docs/errors.md';

/** The docs anchor for a Graph error key as reports carry it (`190.999` links to the entry that explains it). */
export function errorDocsAnchor(key: string): string | undefined {
  const result = explainTopic(key);
  return result.kind === 'code' ? explainAnchor(result.entry.key) : undefined;
}

export function renderErrorDocs(): string {
  const entries = allErrors();
  const out = [
    '# Graph and Cloud API errors',
    '',
    '<!-- Generated from src/core/error-catalog.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    '`wa-token-audit explain <code>[.<subcode>]` prints the same entries in a terminal (`--json` as data). The',
    "auditor's messages about Graph errors come from this table too. Delivery problems:",
    `[undelivered](#${explainAnchor('undelivered')}), [conflicting statuses](#${explainAnchor('conflicting-status')}).`,
    '',
  ];
  const families = [...new Set(entries.map((e) => e.family))];
  for (const family of families) {
    const label = FAMILY_LABELS[family];
    out.push(`## ${label.charAt(0).toUpperCase()}${label.slice(1)}`, '');
    for (const e of entries.filter((x) => x.family === family)) out.push(...entrySection(e));
  }
  out.push(...undeliveredSection(), ...conflictingSection());
  return `${out.join('\n').trimEnd()}\n`;
}

/** One explain result as Markdown: the same section docs/errors.md holds for it. */
export function renderExplainMarkdown(result: ExplainResult): string {
  const lines =
    result.kind === 'code'
      ? entrySection(result.entry)
      : result.kind === 'undelivered'
        ? undeliveredSection()
        : result.kind === 'conflicting-status'
          ? conflictingSection()
          : [result.message];
  return `${lines.join('\n').trimEnd()}\n`;
}

function entrySection(e: ErrorEntry): string[] {
  return [
    `<a id="${explainAnchor(e.key)}"></a>`,
    '',
    `### ${e.key} ${e.name}`,
    '',
    `${e.meaning}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`,
    '',
    `- ${transientLine(e) ?? NOT_TRANSIENT_LINE}`,
    `- ${e.tokenProblem ? TOKEN_ADVICE_LINE : NOT_TOKEN_LINE}`,
    '',
    'What to do:',
    '',
    ...e.actions.map((a, i) => `${i + 1}. ${a}`),
    '',
    `Source: ${e.source}`,
    '',
  ];
}

function undeliveredSection(): string[] {
  const g = undeliveredGuide();
  return [
    `<a id="${explainAnchor('undelivered')}"></a>`,
    '',
    `## ${g.title}`,
    '',
    g.summary,
    '',
    ...g.reasons.map((r) => `- ${r}`),
    '',
    '| Client | Minimum version |',
    '|---|---|',
    ...g.minimumVersions.map((v) => `| ${v.label} (${v.client}) | ${v.minimum} |`),
    '',
    'Ask the customer, by a channel other than WhatsApp:',
    '',
    ...g.customerChecks.map((c, i) => `${i + 1}. ${c}`),
    '',
    `Source: ${g.source}`,
    '',
  ];
}

function conflictingSection(): string[] {
  const g = conflictingStatusGuide();
  return [
    `<a id="${explainAnchor('conflicting-status')}"></a>`,
    '',
    `## ${g.title}`,
    '',
    g.summary,
    '',
    ...g.points.map((p) => `- ${p}`),
    '',
    `Source: ${g.source}`,
    '',
  ];
}
