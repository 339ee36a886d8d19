// Proves the import rules of the layout table (docs/ARCHITECTURE.md §3) with the repository's own eslint.config.js.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint;
before(() => {
  // The snippets are not files of any tsconfig, so the type-aware rules are off here; the layout rules need no types.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { project: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      },
    },
  });
});

async function lint(filePath: string, code: string): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  assert.ok(result, 'ESLint returned no result');
  assert.equal(result.messages.filter((m) => m.fatal).length, 0, `parse error: ${JSON.stringify(result.messages)}`);
  return result;
}

const forbidden: [string, string, string, string][] = [
  ['electron in src/core', 'src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'never imports electron'],
  ['electron/main in src/core', 'src/core/x.ts', "import { app } from 'electron/main';\nexport const a = app;\n", 'never imports electron'],
  [
    'electron-store in src/core',
    'src/core/store.ts',
    "import Store from 'electron-store';\nexport const s = Store;\n",
    'never imports electron',
  ],
  [
    'a type from electron in src/core',
    'src/core/x.ts',
    "import type { App } from 'electron';\nexport type A = App;\n",
    'never imports electron',
  ],
  ['a re-export of electron from src/core', 'src/core/x.ts', "export { app } from 'electron';\n", 'never imports electron'],
  ['react in src/core', 'src/core/view.ts', "import React from 'react';\nexport const r = React;\n", 'UI libraries'],
  ['zustand in src/core', 'src/core/state.ts', "import { create } from 'zustand';\nexport const c = create;\n", 'UI libraries'],
  [
    '../main from src/core',
    'src/core/actions/x.ts',
    "import { win } from '../../main/window.js';\nexport const w = win;\n",
    'app layers above it',
  ],
  [
    '../renderer from src/core',
    'src/core/x.ts',
    "import { App } from '../renderer/app.js';\nexport const a = App;\n",
    'app layers above it',
  ],
  ['node:fs in src/renderer', 'src/renderer/app.tsx', "import fs from 'node:fs';\nexport const f = fs;\n", 'Node built-ins'],
  [
    'electron in src/renderer',
    'src/renderer/app.tsx',
    "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    'window.gatehouse',
  ],
  [
    'core from src/renderer',
    'src/renderer/app.tsx',
    "import { broker } from '../core/broker.js';\nexport const b = broker;\n",
    'may not import core',
  ],
  ['react in plugin-sdk/src', 'plugin-sdk/src/x.ts', "import 'react';\n", 'zod and its own files'],
  ['node:fs in plugin-sdk/src', 'plugin-sdk/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n", 'zod and its own files'],
  [
    'electron in plugin-sdk/src',
    'plugin-sdk/src/transport/x.ts',
    "import { app } from 'electron';\nexport const a = app;\n",
    'zod and its own files',
  ],
  [
    '../core/x from src/preload',
    'src/preload/index.ts',
    "import { x } from '../core/x.js';\nexport const y = x;\n",
    'electron and src/shared only',
  ],
  ['react in src/preload', 'src/preload/index.ts', "import React from 'react';\nexport const r = React;\n", 'electron and src/shared only'],
  ['react in src/shared', 'src/shared/ipc.ts', "import React from 'react';\nexport const r = React;\n", 'src/shared only'],
  ['electron in src/shared', 'src/shared/ipc.ts', "import { app } from 'electron';\nexport const a = app;\n", 'src/shared only'],
  [
    'a dynamic import of electron in src/core',
    'src/core/x.ts',
    "export const load = () => import('electron');\n",
    'never imports electron',
  ],
  [
    'a computed dynamic import in src/core',
    'src/core/x.ts',
    "const name = 'elec' + 'tron';\nexport const load = () => import(name);\n",
    'literal name only',
  ],
  [
    'require in src/core',
    'src/core/x.ts',
    "declare const require: (id: string) => unknown;\nexport const e = require('electron');\n",
    'ESM imports only',
  ],
  [
    'createRequire in src/core',
    'src/core/x.ts',
    "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');\n",
    'ESM imports only',
  ],
  ['a bare built-in in src/renderer', 'src/renderer/app.tsx', "import fs from 'fs';\nexport const f = fs;\n", 'Node built-ins'],
  [
    'a bare built-in subpath in src/renderer',
    'src/renderer/app.tsx',
    "import { readFile } from 'fs/promises';\nexport const f = readFile;\n",
    'Node built-ins',
  ],
  [
    'the host core from plugin-sdk/src',
    'plugin-sdk/src/x.ts',
    "import { x } from '../../src/core/x.js';\nexport const y = x;\n",
    'zod and its own files',
  ],
  [
    'the Node-only SDK from the browser-safe SDK',
    'plugin-sdk/src/x.ts',
    "import { x } from './node/index.js';\nexport const y = x;\n",
    'Node-only part',
  ],
  [
    'the SDK by path from src/core',
    'src/core/x.ts',
    "import { LIMITS } from '../../plugin-sdk/src/limits.js';\nexport const l = LIMITS;\n",
    'by its name',
  ],
  ['electron in src/host', 'src/host/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'src/host never imports electron'],
  [
    'a type from electron in src/host',
    'src/host/x.ts',
    "import type { WebContents } from 'electron';\nexport type W = WebContents;\n",
    'src/host never imports electron',
  ],
  ['src/main from src/host', 'src/host/x.ts', "import { w } from '../main/window.js';\nexport const x = w;\n", 'may not import main'],
  ['electron in src/dev-host', 'src/dev-host/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'without Electron'],
  [
    'the renderer from src/dev-host',
    'src/dev-host/x.ts',
    "import { App } from '../renderer/app.js';\nexport const a = App;\n",
    'never imports UI code',
  ],
  [
    'an Electron module of src/main from src/dev-host',
    'src/dev-host/x.ts',
    "import { createAppWindow } from '../main/window';\nexport const w = createAppWindow;\n",
    'never src/main',
  ],
  [
    'react in a plugin template',
    'plugin-sdk/templates/ts/src/main.ts',
    "import React from 'react';\nexport const r = React;\n",
    'plugin template may import',
  ],
  [
    'the SDK by path from a plugin template',
    'plugin-sdk/templates/ts/src/x.ts',
    "import { LIMITS } from '../../../src/limits.js';\nexport const l = LIMITS;\n",
    'plugin template may import',
  ],
  [
    'a non-normalized path from src/preload',
    'src/preload/index.ts',
    "import { x } from '../shared/../core/x.js';\nexport const y = x;\n",
    'normalized',
  ],
];

const allowed: [string, string, string][] = [
  ['zod in plugin-sdk/src', 'plugin-sdk/src/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
  [
    'its own files in plugin-sdk/src',
    'plugin-sdk/src/transport/x.ts',
    "import { LIMITS } from '../limits.js';\nexport const l = LIMITS;\n",
  ],
  ['src/core from src/host', 'src/host/x.ts', "import { createHostCore } from '../core/index.js';\nexport const c = createHostCore;\n"],
  ['node:fs in src/core', 'src/core/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
  ['@gatehouse/plugin-sdk in src/core', 'src/core/x.ts', "import { LIMITS } from '@gatehouse/plugin-sdk';\nexport const l = LIMITS;\n"],
  [
    'the dispatcher from src/dev-host',
    'src/dev-host/x.ts',
    "import { createIpcDispatcher } from '../host/ipc-dispatcher';\nexport const d = createIpcDispatcher;\n",
  ],
  ['src/shared from src/core', 'src/core/x.ts', "import { channels } from '../shared/ipc.js';\nexport const c = channels;\n"],
  [
    'ipcRenderer from electron in src/preload',
    'src/preload/index.ts',
    "import { contextBridge, ipcRenderer } from 'electron';\nexport const x = [contextBridge, ipcRenderer];\n",
  ],
  ['src/shared from src/preload', 'src/preload/index.ts', "import { channels } from '../shared/ipc.js';\nexport const c = channels;\n"],
  [
    'react and the SDK in src/renderer',
    'src/renderer/app.tsx',
    "import React from 'react';\nimport { LIMITS } from '@gatehouse/plugin-sdk';\nexport const x = [React, LIMITS];\n",
  ],
  [
    'zod and the SDK in src/shared',
    'src/shared/ipc.ts',
    "import { z } from 'zod';\nimport { LIMITS } from '@gatehouse/plugin-sdk';\nexport const x = [z, LIMITS];\n",
  ],
  [
    'the SDK, its test kit and node:test in a plugin template',
    'plugin-sdk/templates/ts/test/x.test.ts',
    "import { it } from 'node:test';\nimport { LIMITS } from '@gatehouse/plugin-sdk';\nimport { createFakeHost } from '@gatehouse/plugin-sdk/testing';\nexport const x = [it, LIMITS, createFakeHost];\n",
  ],
  [
    'esbuild and the Node SDK in a template build script',
    'plugin-sdk/templates/html/build.mjs',
    "import { build } from 'esbuild';\nimport { zodEnglishOnlyEsbuildPlugin } from '@gatehouse/plugin-sdk/node';\nexport const x = [build, zodEnglishOnlyEsbuildPlugin];\n",
  ],
  ['electron in src/main', 'src/main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
];

describe('layout import rules (eslint.config.js)', () => {
  for (const [name, filePath, code, message] of forbidden) {
    it(`refuses ${name}`, async () => {
      const result = await lint(filePath, code);
      const hits = result.messages.filter((m) => m.ruleId === RULE || m.ruleId === 'no-restricted-syntax');
      assert.ok(hits.length > 0, `expected a ${RULE} error, got ${JSON.stringify(result.messages)}`);
      assert.ok(hits.every((hit) => hit.severity === 2));
      assert.ok(
        hits.some((hit) => hit.message.includes(message)),
        `no message mentions "${message}": ${JSON.stringify(hits)}`,
      );
    });
  }

  for (const [name, filePath, code] of allowed) {
    it(`allows ${name}`, async () => {
      const result = await lint(filePath, code);
      assert.equal(result.errorCount, 0, JSON.stringify(result.messages));
    });
  }
});
