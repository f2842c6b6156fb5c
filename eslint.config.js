// One linter for the project: ESLint with typescript-eslint (pure JavaScript, no native binaries to install).
import js from '@eslint/js';
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
  // The pure core (after the block above, so its stricter list wins): no I/O, no knowledge of the shell.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/graph/*', '**/cli/*', '**/action/*', '**/report/*', '**/fleet/*', '**/discover/*'], message: 'The core is pure: it imports nothing from the shell, the fronts or the renderers.' },
            { group: ['undici', 'yargs', '@actions/*', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net'], message: 'The core does no I/O.' },
          ],
        },
      ],
    },
  },
  // Tests read untyped JSON reports: `any` there is a deliberate convenience.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
