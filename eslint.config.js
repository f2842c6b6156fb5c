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
  // Tests read untyped JSON reports: `any` there is a deliberate convenience.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
