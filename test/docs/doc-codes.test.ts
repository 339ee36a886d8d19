// Authors match on the codes and names the docs show. An upper-case name in code marks in the author docs
// must be an error code, an SDK export, or an environment key the host treats specially: the trial's
// README offered `PROCESS_FAILED`, a code the host never sends.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as sdk from '@gatehouse/plugin-sdk';
import * as sdkBackend from '@gatehouse/plugin-sdk/backend';
import * as sdkNode from '@gatehouse/plugin-sdk/node';
import * as testing from '@gatehouse/plugin-sdk/testing';
import { envKeyProblem } from '../../src/core/policy/process-env-rules';
import { createProcessPresets } from '../../src/core/policy/process-presets';
import { PROCESS_TOOLS } from '../../src/shared/scope-rules';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = [
  'plugin-sdk/README.md',
  ...readdirSync(join(root, 'plugin-sdk/docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `plugin-sdk/docs/${f}`),
  ...readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'shared')
    .map((e) => `examples/${e.name}/README.md`),
].filter((doc) => {
  try {
    return readFileSync(join(root, doc)).length > 0;
  } catch {
    return false;
  }
});

const presetEnvKeys = new Set(createProcessPresets({ cwdRoots: ['/nowhere'] }).flatMap((s) => s.allowedEnvKeys));
const known = (name: string) =>
  (sdk.PRIVILEGED_ACTION_ERROR_CODES as readonly string[]).includes(name) ||
  name in sdk ||
  name in sdkNode ||
  name in sdkBackend ||
  name in testing ||
  presetEnvKeys.has(name) ||
  PROCESS_TOOLS.some((tool) => envKeyProblem(name, tool) !== null);

it('every upper-case name in code marks is a real code, export or special environment key', () => {
  assert.ok(docs.length >= 8, 'the author docs were found');
  assert.equal(known('PROCESS_FAILED'), false, 'a made-up code is caught');
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const [, name] of text.matchAll(/`([A-Z][A-Z0-9_]{3,})`/g))
      assert.ok(known(name!), `${doc} names ${name}, which is no error code, export or environment key the host knows`);
  }
});
