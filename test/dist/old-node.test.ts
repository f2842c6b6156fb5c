// The bundled CLI on a Node.js older than package.json's engines: one line naming the version it needs, exit 2,
// never a stack trace from an API that Node lacks. Runs when NODE18 names a real Node 18 binary (.ci/run sets it).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NODE18 = process.env.NODE18;

describe.skipIf(!NODE18)('[dist] the CLI on Node 18', () => {
  it('says which Node it needs, in one line, and exits 2', async () => {
    const r = await runCli(['--app-id', '1'], { node: NODE18, env: { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-token-audit: needs Node\.js 20\.19 or newer \(this is v18\.\d+\.\d+\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
