// The layout table of docs/ARCHITECTURE.md §3, enforced: each folder may import only what the table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const builtins = builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.replace(/[/]/g, '\\/'));
const nodeBuiltins = { regex: `^(node:|(${builtins.join('|')})(/|$))`, message: 'Node built-ins are not available here.' };
// Anything that names the SDK's source folder instead of the package, or climbs through `..` after a folder.
const sdkByPath = { regex: '(^|/)plugin-sdk/src(/|$)', message: 'Import @gatehouse/plugin-sdk by its name.' };
const notNormalized = { regex: '[^.]/\\.{1,2}(/|$)', message: 'Import paths must be normalized (no "/.." or "/." inside).' };
const restrict = (patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export const layoutRules = [
  {
    files: ['plugin-sdk/src/**/*.ts'],
    ignores: ['plugin-sdk/src/node/**', 'plugin-sdk/src/backend/**'],
    rules: restrict([
      { regex: '^(?!zod(/|$)|\\.{1,2}/)', message: 'plugin-sdk may import zod and its own files only.' },
      { regex: '^\\.\\./\\.\\./', message: 'plugin-sdk may import zod and its own files only.' },
      { regex: '(^|/)node(/|$)', message: 'The browser-safe SDK may not import its Node-only part.' },
      { regex: '(^|/)backend(/|$)', message: 'The browser-safe SDK may not import its backend entry.' },
      notNormalized,
    ]),
  },
  {
    // The Node-only part of the SDK (bundle signing and the author CLI) is a separate entry point.
    files: ['plugin-sdk/src/node/**/*.ts', 'plugin-sdk/bin/**'],
    rules: restrict([
      {
        regex: '^(?!zod(/|$)|canonicalize$|keytar$|node:|\\.{1,2}/)',
        message: 'plugin-sdk/src/node may import zod, canonicalize, keytar, Node built-ins and SDK files only.',
      },
    ]),
  },
  {
    // The backend side of a plugin (`@gatehouse/plugin-sdk/backend`): runs in the host's backend process, under Node.
    files: ['plugin-sdk/src/backend/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!zod(/|$)|vscode-jsonrpc(/|$)|node:|\\.{1,2}/)',
        message: 'plugin-sdk/src/backend may import zod, vscode-jsonrpc, Node built-ins and SDK files only.',
      },
      { regex: '(^|/)node/', message: 'The backend entry may not import the Node-only author tools.' },
      notNormalized,
    ]),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!zod(/|$)|@gatehouse/plugin-sdk$|\\./)',
        message: 'src/shared may import zod, @gatehouse/plugin-sdk and src/shared only.',
      },
      notNormalized,
    ]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { regex: '^electron(/|$)|^electron-store$', message: 'src/core never imports electron; use a port.' },
      { regex: '^(react|react-dom|zustand)(/|$)', message: 'src/core never imports UI libraries.' },
      { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'src/core may not import the app layers above it.' },
      sdkByPath,
      notNormalized,
    ]),
  },
  {
    // no-restricted-imports does not see dynamic imports or require; core must not reach electron through them either.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: 'src/core never imports electron; use a port.' },
        {
          selector: "ImportExpression:not([source.type='Literal'])",
          message: 'src/core imports modules by literal name only, so the layout rules can check them.',
        },
        {
          selector: "CallExpression[callee.name='require']",
          message: 'src/core uses ESM imports only, so the layout rules can check them.',
        },
        {
          selector: "CallExpression[callee.name='createRequire']",
          message: 'src/core uses ESM imports only, so the layout rules can check them.',
        },
      ],
    },
  },
  {
    // The shell's logic without Electron: shared by the Electron main process and the browser development host.
    files: ['src/host/**/*.ts'],
    rules: restrict([
      { regex: '^electron(/|$)', message: 'src/host never imports electron; code that needs it lives in src/main.' },
      { regex: '^(react|react-dom|zustand)(/|$)', message: 'src/host never imports UI libraries.' },
      { regex: '(^|/)(main|preload|renderer|dev-host)(/|$)', message: 'src/host may not import main, preload, renderer or dev-host.' },
      sdkByPath,
      notNormalized,
    ]),
  },
  {
    // The development host runs the app's pieces under plain Node and drives a browser: no Electron, no UI code.
    files: ['src/dev-host/**/*.ts'],
    rules: restrict([
      { regex: '^electron(/|$)', message: 'src/dev-host runs without Electron.' },
      {
        regex: '^(react|react-dom|zustand)(/|$)|(^|/)(renderer|preload)(/|$)',
        message: 'src/dev-host serves the built renderer; it never imports UI code.',
      },
      { regex: '(^|/)main(/|$)', message: 'src/dev-host may import src/host, never src/main (which needs Electron).' },
      sdkByPath,
      notNormalized,
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!electron$|\\.\\./shared/)',
        message: 'src/preload may import electron and src/shared only.',
      },
      notNormalized,
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict([
      nodeBuiltins,
      { regex: '^electron(/|$)', message: 'The renderer talks to window.gatehouse only.' },
      { regex: '(^|/)(core|main|preload)(/|$)', message: 'The renderer may not import core, main or preload.' },
      sdkByPath,
      notNormalized,
    ]),
  },
  {
    // What `gatehouse-plugin init` writes: a plugin project that depends on the SDK and esbuild only.
    files: ['plugin-sdk/templates/**/*.{ts,js,mjs}'],
    rules: restrict([
      {
        regex: '^(?!@gatehouse/plugin-sdk(/testing|/node)?$|esbuild$|node:|\\./|\\.\\./(?!\\.\\./))',
        message: 'A plugin template may import @gatehouse/plugin-sdk, esbuild, Node built-ins and its own files only.',
      },
    ]),
  },
  {
    files: ['examples/**/*.{ts,tsx,js,mjs}'],
    ignores: ['examples/build-example.mjs'],
    rules: restrict([
      {
        regex: '^(?!@gatehouse/plugin-sdk(/backend)?$|\\.{1,2}/)',
        message: 'Examples may import @gatehouse/plugin-sdk (and its /backend entry) only.',
      },
    ]),
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'examples/*/plugin/backend.mjs',
      'out/**',
      'bench/results/**',
      'test-results/**',
      'e2e/screenshots/**',
      '**/*.global.js',
    ],
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
    files: ['src/renderer/**/*.{ts,tsx}', 'examples/**/*.{ts,tsx,js}', 'plugin-sdk/src/**/*.ts', 'plugin-sdk/templates/*/src/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules; the React Compiler's rules do not apply, as the app does not use the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Rules that need types: a promise nobody awaits hides a failure; a cast the types do not need hides a lie.
    files: ['src/**/*.{ts,tsx}', 'plugin-sdk/src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.web.json', './tsconfig.node.json', './plugin-sdk/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  ...layoutRules,
);
