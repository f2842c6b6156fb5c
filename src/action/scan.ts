// The Action's scan mode (`scan: paths`): the CLI's scan, a SARIF file for github/codeql-action/upload-sarif
// (its path as the `sarif-file` output), the findings table as the job summary, an annotation on each live or
// unverifiable credential's line. Nothing found is ever logged: findings carry fingerprints and masked excerpts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import { ExitCode, UsageError } from '../core/errors.js';
import { describeSecret, headline, renderScanMarkdown } from '../scan/render.js';
import { renderSarif } from '../scan/sarif.js';
import { runScan } from '../scan/scan.js';
import { graphOptionsOf, type ScanSettings } from './inputs.js';

const MAX_ANNOTATIONS = 10;

export async function runScanAction(settings: ScanSettings, summary: string[]): Promise<void> {
  const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
  const doc = await runScan({
    paths: settings.paths,
    cwd,
    gitHistory: settings.gitHistory,
    verify: settings.verify,
    failOn: settings.failOn,
    verifyOptions: { graph: graphOptionsOf(settings) },
  });
  const now = new Date();
  const sarifPath = resolve(cwd, settings.sarifFile);
  try {
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, renderSarif(doc, undefined, now));
  } catch (err) {
    throw new UsageError(
      `input 'sarif-file': cannot write ${settings.sarifFile.slice(0, 200)} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  summary.push(renderScanMarkdown(doc, now));
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('ok', String(doc.ok));
  core.setOutput('verdict', doc.totals.live > 0 ? 'fail' : doc.totals.notJudged > 0 ? 'error' : doc.totals.findings > 0 ? 'warn' : 'pass');
  core.setOutput('findings', String(doc.totals.findings));
  core.setOutput('live', String(doc.totals.live));
  core.setOutput('report', JSON.stringify(doc));

  const bySecret = new Map(doc.secrets.map((s) => [`${s.kind}\0${s.fingerprint}`, s]));
  const loud = doc.findings.filter((f) => f.status === 'live' || f.status === 'not-judged' || (f.status === 'unverified' && settings.failOn === 'any'));
  for (const f of loud.slice(0, MAX_ANNOTATIONS)) {
    const s = bySecret.get(`${f.kind}\0${f.fingerprint}`);
    const text = `${f.ruleId} ${f.fingerprint} (${f.status})${s ? `: ${describeSecret(s, now)}` : ''}`;
    const where = f.source === 'tree' ? { file: f.file, startLine: f.line } : {};
    if (f.status === 'live') core.error(text, { title: 'wa-token-audit: live credential', ...where });
    else core.warning(text, { title: `wa-token-audit: ${f.status}`, ...where });
  }
  if (loud.length > MAX_ANNOTATIONS) core.warning(`${loud.length - MAX_ANNOTATIONS} more findings: see the job summary.`);

  const line = headline(doc);
  if (doc.exitCode === ExitCode.failed) core.setFailed(`wa-token-audit scan: ${line}.`);
  else if (doc.exitCode === ExitCode.notJudged) {
    const message = `wa-token-audit scan: ${line}; some could not be verified.`;
    if (settings.onOutage === 'warn') core.warning(message, { title: 'wa-token-audit: not judged' });
    else core.setFailed(message);
  } else core.info(`wa-token-audit scan: ${line}.`);
}
