// The layout table of DESIGN.md §4, enforced: each folder may import only what the table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { regex: '^node:', message: 'Node built-ins are not available here.' };
const restrict = (patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export const layoutRules = [
  {
    files: ['plugin-sdk/src/**/*.ts'],
    rules: restrict([
      { regex: '^(?!zod(/|$)|\\.{1,2}/)', message: 'plugin-sdk may import zod and its own files only.' },
    ]),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!zod(/|$)|@gatehouse/plugin-sdk$|\\./)',
        message: 'src/shared may import zod, @gatehouse/plugin-sdk and src/shared only.',
      },
    ]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { regex: '^electron(/|$)|^electron-store$', message: 'src/core never imports electron; use a port.' },
      { regex: '^(react|react-dom|zustand)(/|$)', message: 'src/core never imports UI libraries.' },
      { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'src/core may not import the app layers above it.' },
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!electron$|\\.\\./shared/)',
        message: 'src/preload may import electron and src/shared only.',
      },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict([
      nodeBuiltins,
      { regex: '^electron(/|$)', message: 'The renderer talks to window.gatehouse only.' },
      { regex: '(^|/)(core|main|preload)(/|$)', message: 'The renderer may not import core, main or preload.' },
    ]),
  },
  {
    files: ['examples/**/*.{ts,tsx,js,mjs}'],
    ignores: ['examples/*/scripts/**'],
    rules: restrict([
      { regex: '^(?!@gatehouse/plugin-sdk$|\\.{1,2}/)', message: 'Examples may import @gatehouse/plugin-sdk only.' },
    ]),
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'out/**', 'bench/results/**', 'test-results/**', 'e2e/screenshots/**', '**/*.global.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'examples/**/*.{ts,tsx,js}', 'plugin-sdk/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layoutRules,
);
