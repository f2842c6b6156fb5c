// One linter for the project: ESLint with typescript-eslint, and eslint-plugin-import-x for the layering (what
// each folder may import, resolved to real paths) and for import cycles.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // Input checks deliberately match control characters (pasted tokens, terminal escapes).
      'no-control-regex': 'off',
    },
  },
  // Only the Graph client talks HTTP.
  {
    files: ['src/**'],
    ignores: ['src/graph/**', 'src/types/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['undici', 'undici/*'], message: 'Only src/graph talks HTTP.' }] }],
    },
  },
  // The layering (README "Architecture"): what each folder may import. Paths are resolved, so `../x.js` counts
  // where it lands. Fronts (src/cli, src/action) sit on top and may import anything but each other.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.d.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/core', from: './src', except: ['./core'], message: 'The core is pure: it imports nothing outside src/core.' },
            { target: './src/core', from: './node_modules', message: 'The core is pure: no dependencies.' },
            { target: './src/graph', from: './src', except: ['./graph', './core', './types'], message: 'The Graph client imports only the core.' },
            { target: './src/run', from: './src', except: ['./run', './graph', './core', './fleet'], message: 'The runner imports the Graph client and the core, never a front or a renderer.' },
            { target: './src/report', from: './src', except: ['./report', './core', './explain'], message: 'Renderers read the core\'s types; they never import the Graph client, the runner or a front.' },
            { target: './src/fleet', from: './src', except: ['./fleet', './core'], message: 'Fleet files are read with the core only.' },
            { target: './src/explain', from: './src', except: ['./explain', './core'], message: 'explain is pure content over the core.' },
            { target: './src/scan', from: './src', except: ['./scan', './core', './graph', './run', './report'], message: 'The scanner reads files and asks Graph through the runner; it never imports a front.' },
            { target: './src/webhook-test', from: './src', except: ['./webhook-test', './core', './graph'], message: 'The webhook test uses the HTTP layer and the core; its Action half lives in src/action.' },
            { target: './src/cli', from: './src/action', message: 'The fronts do not import each other.' },
            { target: './src/action', from: './src/cli', message: 'The fronts do not import each other.' },
          ],
        },
      ],
    },
  },
  // The pure core (after the blocks above, so its stricter list wins): no I/O, no knowledge of the shell.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['undici', 'yargs', '@actions/*', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net'], message: 'The core does no I/O.' },
          ],
        },
      ],
    },
  },
  // Tests read untyped JSON reports: `any` there is a deliberate convenience.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
