// JUnit XML, the report format CI systems (GitLab, Jenkins, CircleCI, GitHub Actions test reporters) read: one
// <testsuite> per report, one <testcase> per check. Generic over the check shape every report shares (id, status,
// message, remediation), so the audit (`renderJunit`), a fleet (`renderFleetJunit`: one suite per entry) and
// webhook-test (`renderJUnit`) all go through one renderer.
// - pass: an empty <testcase>; warn: a passing <testcase> whose <system-out> says "warning: …" (CI stays green,
//   the warning is shown) — a <failure> of type `warn` when the suite fails on warnings (--strict); fail:
//   <failure>; skip: <skipped> with the reason as its text; a report that was not judged adds one <testcase>
//   named `not-judged` with an <error> (CI counts it apart from failures).
// - The structure is the Jenkins JUnit schema's (junit-4.xsd from Jenkins' dtkit): tests validate against it,
//   which is why <skipped> carries its reason as text, not as an attribute, and <testsuites> has no `skipped`.
// - XML is built by fast-xml-builder, which escapes markup in text and attributes. Characters XML 1.0 cannot
//   carry at all (control characters other than tab and newline, lone surrogates, U+FFFE/U+FFFF) have no
//   escape, so they are replaced with U+FFFD first.
import XMLBuilder from 'fast-xml-builder';
import type { Check, Report, Status } from '../core/types.js';
import { type FleetWriter, inFileOrder, type Ready, Spool } from './fleet-stream.js';

export interface JUnitCheck {
  id: string;
  status: Status;
  message: string;
  remediation?: string[];
}

export interface JUnitSuite {
  /** e.g. `wa-token-audit webhook-test https://example.com/webhook`. */
  name: string;
  /** The testcases' classname (the family CI groups them by), e.g. `wa-token-audit.webhook`. */
  classname: string;
  checks: readonly JUnitCheck[];
  /** Set when the report was not judged: why. */
  notJudged?: string;
  /** ISO 8601, when the report was made. */
  timestamp?: string;
  /** Warnings fail this suite (the audit's --strict). */
  warningsFail?: boolean;
  /** <properties> of the suite (the token's fingerprint, app, verdict). */
  properties?: Record<string, string | undefined>;
}

const TOOL = 'wa-token-audit';
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(s: string): string {
  return s.replace(XML_INVALID, '\ufffd');
}

/** An attribute value on one line (XML parsers fold newlines in attributes into spaces anyway). */
function xmlLine(s: string): string {
  return xmlText(s.replace(/\s*[\r\n]+\s*/g, ' '));
}

function details(c: JUnitCheck): string {
  return xmlText([c.message, ...(c.remediation ?? []).map((r) => `-> ${r}`)].join('\n'));
}

function testcase(c: JUnitCheck, s: JUnitSuite): Record<string, unknown> {
  const base = { '@_name': xmlText(c.id), '@_classname': xmlText(s.classname) };
  if (c.status === 'fail' || (c.status === 'warn' && s.warningsFail))
    return { ...base, failure: { '@_message': xmlLine(c.message), '@_type': c.status, '#text': details(c) } };
  if (c.status === 'skip') return { ...base, skipped: xmlText(c.message) };
  if (c.status === 'warn') return { ...base, 'system-out': `warning: ${details(c)}` };
  return base;
}

interface BuiltSuite {
  suite: Record<string, unknown>;
  tests: number;
  failures: number;
  errors: number;
}

function buildSuite(s: JUnitSuite): BuiltSuite {
  const cases = s.checks.map((c) => testcase(c, s));
  if (s.notJudged)
    cases.push({
      '@_name': 'not-judged',
      '@_classname': xmlText(s.classname),
      error: { '@_message': xmlLine(s.notJudged), '@_type': 'not-judged', '#text': xmlText(s.notJudged) },
    });
  const count = {
    tests: cases.length,
    failures: cases.filter((c) => 'failure' in c).length,
    errors: s.notJudged ? 1 : 0,
    skipped: s.checks.filter((c) => c.status === 'skip').length,
  };
  const properties = Object.entries(s.properties ?? {}).filter(
    (p): p is [string, string] => typeof p[1] === 'string' && p[1] !== '',
  );
  return {
    tests: count.tests,
    failures: count.failures,
    errors: count.errors,
    suite: {
      '@_name': xmlText(s.name),
      '@_tests': count.tests,
      '@_failures': count.failures,
      '@_errors': count.errors,
      '@_skipped': count.skipped,
      ...(s.timestamp ? { '@_timestamp': s.timestamp } : {}),
      ...(properties.length
        ? { properties: { property: properties.map(([n, v]) => ({ '@_name': n, '@_value': xmlLine(v) })) } }
        : {}),
      testcase: cases,
    },
  };
}

function xmlBuilder() {
  return new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // `true` as an attribute value would otherwise be written as a bare attribute, which is not XML.
    suppressBooleanAttributes: false,
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
}

function documentOf(built: BuiltSuite[]): Record<string, unknown> {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const b of built) {
    tests += b.tests;
    failures += b.failures;
    errors += b.errors;
  }
  return {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    // The schema has no `skipped` on <testsuites>: each <testsuite> carries its own.
    testsuites: {
      '@_name': TOOL,
      '@_tests': tests,
      '@_failures': failures,
      '@_errors': errors,
      testsuite: built.map((b) => b.suite),
    },
  };
}

function withNewline(xml: string): string {
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}

export function renderJUnit(suites: readonly JUnitSuite[]): string {
  return withNewline(String(xmlBuilder().build(documentOf(suites.map(buildSuite)))));
}

export interface JunitEntry {
  name: string;
  report: Report;
}

/** `--format junit` of one audit: one suite, one case per check. */
export function renderJunit(report: Report): string {
  return renderJUnit([auditSuite(TOOL, TOOL, report)]);
}

/** `fleet --format junit`: one suite per entry (in the given order), each case's classname naming the entry. */
export function renderFleetJunit(entries: readonly JunitEntry[]): string {
  return renderJUnit(entries.map(fleetSuite));
}

function fleetSuite(e: JunitEntry): JUnitSuite {
  return auditSuite(e.name, `${TOOL}.${e.name}`, e.report);
}

/**
 * `fleet --format junit`, written as the fleet runs: the same document as renderFleetJunit over the entries in
 * file order (`order`: their indices). <testsuites> carries the totals, known only at the end, so the suites are
 * spooled (memory, then a temporary file) as each entry finishes, and written after it.
 */
export function fleetJunitWriter(write: (text: string) => void, order: readonly number[], ready?: Ready): FleetWriter {
  const builder = xmlBuilder();
  const spool = new Spool();
  const totals = { tests: 0, failures: 0, errors: 0 };
  let written = 0;
  const suites = inFileOrder<JunitEntry>(order, (e) => {
    const built = buildSuite(fleetSuite(e));
    totals.tests += built.tests;
    totals.failures += built.failures;
    totals.errors += built.errors;
    // Built inside <testsuites> alone, the suite is indented exactly as in the whole document.
    const xml = String(builder.build({ testsuites: { testsuite: [built.suite] } }));
    spool.write(xml.slice(xml.indexOf('\n') + 1, xml.lastIndexOf('</testsuites>')));
    written++;
  });
  return {
    entry: (r) => suites.push(r.index, { name: r.name, report: r.report }),
    async end() {
      suites.flush();
      if (written === 0) {
        // No entry was judged (an interrupted run): the document the builder writes for no suites.
        write(withNewline(String(builder.build(documentOf([])))));
        return;
      }
      write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">\n`,
      );
      await spool.drain(write, ready);
      write('</testsuites>\n');
    },
    dispose: () => spool.dispose(),
  };
}

function auditSuite(name: string, classname: string, report: Report): JUnitSuite {
  const t = report.token;
  return {
    name,
    classname,
    // Per-number and per-WABA checks repeat their id: the target keeps each case apart.
    checks: report.verdict === 'error' ? [] : report.checks.map((c) => ({ ...c, id: caseName(c) })),
    ...(report.verdict === 'error' ? { notJudged: report.error?.message ?? 'The token was not judged.' } : {}),
    timestamp: report.generatedAt,
    // --strict is the only way a report fails without a failing check: then its warnings are what failed it.
    warningsFail: report.verdict === 'fail' && !report.checks.some((c) => c.status === 'fail'),
    properties: {
      verdict: report.verdict,
      fingerprint: t.fingerprint,
      appId: t.appId,
      type: t.type,
      expiresAt: t.expiresAt === null ? 'never' : (t.expiresAt ?? undefined),
    },
  };
}

function caseName(check: Check): string {
  for (const key of ['phoneNumberId', 'wabaId']) {
    const v = check.details?.[key];
    if (typeof v === 'string' && /^\d{1,32}$/.test(v)) return `${check.id} (${v})`;
  }
  return check.id;
}
