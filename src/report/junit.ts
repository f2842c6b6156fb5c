// JUnit XML, the report format CI systems (GitHub Actions test reporters, GitLab, Jenkins, Azure) read: one
// <testsuite> per report, one <testcase> per check. Generic over the check shape every report shares (id, status,
// message, remediation), so the audit, a fleet and webhook-test can all be rendered through it.
// - pass: an empty <testcase>; warn: a passing <testcase> whose <system-out> says "warning: …" (CI stays green,
//   the warning is shown); fail: <failure>; skip: <skipped>; a report that was not judged adds one <testcase>
//   with an <error> (CI counts it apart from failures).
// - XML is built by fast-xml-builder, which escapes markup in text and attributes. Characters XML 1.0 cannot
//   carry at all (control characters other than tab and newline, lone surrogates, U+FFFE/U+FFFF) have no
//   escape, so they are replaced with U+FFFD first.
import XMLBuilder from 'fast-xml-builder';
import type { Status } from '../core/types.js';

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
}

const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(s: string): string {
  return s.replace(XML_INVALID, '\ufffd');
}

function details(c: JUnitCheck): string {
  return xmlText([c.message, ...(c.remediation ?? []).map((r) => `-> ${r}`)].join('\n'));
}

function testcase(c: JUnitCheck, classname: string): Record<string, unknown> {
  const base = { '@_name': xmlText(c.id), '@_classname': xmlText(classname) };
  if (c.status === 'fail') return { ...base, failure: { '@_message': xmlText(c.message), '@_type': 'fail', '#text': details(c) } };
  if (c.status === 'skip') return { ...base, skipped: { '@_message': xmlText(c.message) } };
  if (c.status === 'warn') return { ...base, 'system-out': `warning: ${details(c)}` };
  return base;
}

export function renderJUnit(suites: readonly JUnitSuite[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const built = suites.map((s) => {
    const cases = s.checks.map((c) => testcase(c, s.classname));
    if (s.notJudged)
      cases.push({
        '@_name': 'not-judged',
        '@_classname': xmlText(s.classname),
        error: { '@_message': xmlText(s.notJudged), '@_type': 'not-judged', '#text': xmlText(s.notJudged) },
      });
    const count = {
      tests: cases.length,
      failures: s.checks.filter((c) => c.status === 'fail').length,
      errors: s.notJudged ? 1 : 0,
      skipped: s.checks.filter((c) => c.status === 'skip').length,
    };
    tests += count.tests;
    failures += count.failures;
    errors += count.errors;
    skipped += count.skipped;
    return {
      '@_name': xmlText(s.name),
      '@_tests': count.tests,
      '@_failures': count.failures,
      '@_errors': count.errors,
      '@_skipped': count.skipped,
      ...(s.timestamp ? { '@_timestamp': s.timestamp } : {}),
      testcase: cases,
    };
  });
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'wa-token-audit',
      '@_tests': tests,
      '@_failures': failures,
      '@_errors': errors,
      '@_skipped': skipped,
      testsuite: built,
    },
  };
  const xml = String(builder.build(doc));
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
