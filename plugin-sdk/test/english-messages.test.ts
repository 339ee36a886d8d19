// The SDK parses with its own English messages (zod/mini has no locale); they must be zod's `en` locale word
// for word for every issue the SDK's schemas leave to zod, and must not depend on zod's global settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import {
  LIMITS,
  PRIVILEGED_ACTIONS,
  hostInitMessageSchema,
  pluginManifestSchema,
  privilegedActionMessageSchema,
  privilegedActionRequestSchema,
  privilegedActionResponseSchema,
  validateHostPrivilegedActionRequest,
} from '@gatehouse/plugin-sdk';
import { englishMessage } from '../src/english-messages.js';
import { fullRequests, withValueAt } from './support/fixtures.js';

type PathPart = string | number;

/** Every path in `value`: leaves, arrays and objects. */
function allPaths(value: unknown, path: PathPart[] = []): PathPart[][] {
  const out: PathPart[][] = path.length ? [path] : [];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...allPaths(item, [...path, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) out.push(...allPaths(item, [...path, key]));
  }
  return out;
}

class Gadget {}
const WRONG_VALUES: unknown[] = [
  42,
  -1,
  0,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  null,
  undefined,
  true,
  'x',
  '',
  [],
  {},
  new Date(0),
  new Gadget(),
  10n,
];

function corpus(): Array<{ schema: z.core.$ZodType; input: unknown }> {
  const out: Array<{ schema: z.core.$ZodType; input: unknown }> = [];
  for (const action of PRIVILEGED_ACTIONS) {
    const request = fullRequests[action];
    for (const path of allPaths(request)) {
      for (const wrong of WRONG_VALUES) out.push({ schema: privilegedActionRequestSchema, input: withValueAt(request, path, wrong) });
    }
  }
  const exec = fullRequests['system.process.exec'];
  const fs = fullRequests['system.fs.mutate'];
  const hosts = fullRequests['system.hosts.write'];
  const workflow = fullRequests['system.workflow.run'];
  out.push(
    { schema: privilegedActionRequestSchema, input: withValueAt(fs, ['payload', 'operations', 0, 'type'], 'chmod') },
    { schema: privilegedActionRequestSchema, input: withValueAt(hosts, ['payload', 'records', 0, 'address'], '1'.repeat(46)) },
    { schema: privilegedActionRequestSchema, input: withValueAt(workflow, ['payload', 'summary'], 's'.repeat(LIMITS.summaryLength + 1)) },
    { schema: privilegedActionRequestSchema, input: withValueAt(workflow, ['payload', 'title'], '') },
    { schema: privilegedActionRequestSchema, input: withValueAt(exec, ['payload', 'timeoutMs'], 0) },
    { schema: privilegedActionMessageSchema, input: { correlationId: 42, request: exec } },
    { schema: privilegedActionResponseSchema, input: { ok: 'yes', correlationId: 'pa-12345678' } },
    {
      schema: privilegedActionResponseSchema,
      input: { ok: false, correlationId: 'pa-12345678', code: 'CANCELLED', error: 'no', details: [] },
    },
    { schema: hostInitMessageSchema, input: { type: 'gatehouse:init', protocol: 2, pluginId: '' } },
    {
      schema: pluginManifestSchema,
      input: { id: 'p', name: '', version: '1.0.0', publisher: 'x'.repeat(81), capabilities: 'all', ui: { entry: 7 } },
    },
  );
  return out;
}

describe('English messages of the SDK', () => {
  it("words every issue the SDK's schemas leave to zod exactly as zod's en locale does", () => {
    const locale = en().localeError;
    const codes = new Set<string>();
    let compared = 0;
    for (const { schema, input } of corpus()) {
      // zod words the issues when `error` is first read.
      void z.safeParse(schema, input, {
        error: (issue) => {
          codes.add(
            issue.code === 'invalid_union' && (issue as { options?: unknown[] }).options?.length
              ? 'invalid_union with options'
              : issue.code,
          );
          assert.equal(
            englishMessage(issue),
            locale(issue),
            `issue ${JSON.stringify({ ...issue, inst: undefined, input: String(issue.input) })}`,
          );
          compared++;
          return undefined;
        },
      }).error;
    }
    // The corpus must reach every kind of issue the SDK words itself, or the comparison proves little.
    for (const code of ['invalid_type', 'invalid_value', 'too_big', 'too_small', 'invalid_union', 'invalid_union with options']) {
      assert.ok(codes.has(code), `the corpus raised no ${code} issue (raised: ${[...codes].join(', ')})`);
    }
    assert.ok(compared > 500, `only ${compared} issues compared`);
  });

  it('words the kinds of issue zod reaches only with other schemas the same way too', () => {
    const locale = en().localeError;
    const issues = [
      { code: 'too_big', origin: 'string', maximum: 3, exact: true, inclusive: true, input: 'abcd', path: [] },
      { code: 'too_small', origin: 'number', minimum: 3, inclusive: false, input: 1, path: [] },
      { code: 'invalid_value', values: [10n], input: 1, path: [] },
      { code: 'invalid_value', values: [true, 1, 'a'], input: 2, path: [] },
    ] as unknown as z.core.$ZodRawIssue[];
    for (const issue of issues) assert.equal(englishMessage(issue), locale(issue));
  });

  it("does not read zod's global settings: another global error map leaves the SDK's messages alone", () => {
    const input = withValueAt(fullRequests['system.clipboard.write'], ['payload', 'text'], 42);
    z.config({ customError: () => 'from the global configuration' });
    try {
      const checked = validateHostPrivilegedActionRequest(input);
      assert.equal(checked.ok, false);
      if (!checked.ok)
        assert.deepEqual(checked.issues, [{ path: 'payload.text', message: 'Invalid input: expected string, received number' }]);
    } finally {
      z.config({ customError: undefined });
    }
  });
});
