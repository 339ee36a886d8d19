// Authors copy the requests in the docs. A request shown in a built-in scope must be one that scope allows:
// the trial found `git fetch` built in the read-only `git` scope, which the host refuses. Every scoped
// request in the author docs is checked here with the host's own argument rules, against its presets.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { normalizeScopeId } from '@gatehouse/plugin-sdk';
import { checkArgumentRules } from '../../src/core/policy/check-argument-rules';
import { createDefaultFsScopes } from '../../src/core/policy/fs-presets';
import { createProcessPresets } from '../../src/core/policy/process-presets';

const root = fileURLToPath(new URL('../../', import.meta.url));
const processScopes = new Map(createProcessPresets({ cwdRoots: ['/nowhere'] }).map((s) => [s.id, s]));
const fsScopes = new Set(createDefaultFsScopes('/nowhere').map((s) => s.id));

function markdownUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownUnder(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

const DOCS = ['README.md', 'plugin-sdk/README.md', 'examples/README.md', ...markdownUnder('plugin-sdk/docs')];

const SCOPED_CALL =
  /\b(?:(requestScopedProcessExec|createScopedProcessExecActionRequest|requestScopedWorkflow|createScopedWorkflowRequest)\('([^']+)'|(createFilesystemMutateActionRequest|createProcessExecActionRequest|createWorkflowRunActionRequest)\(\{ scope: '([^']+)')/g;

/** The call's text from its name to its closing parenthesis. */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = text.indexOf('(', start); i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

interface ScopedExample {
  doc: string;
  fn: string;
  scope: string;
  argvs: string[][];
}

function scopedExamples(doc: string): ScopedExample[] {
  const text = readFileSync(join(root, doc), 'utf8');
  return [...text.matchAll(SCOPED_CALL)].map((match) => {
    const call = callText(text, match.index);
    const argvs = [...call.matchAll(/\bargs: (\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]!.replace(/'/g, '"')) as string[]);
    return { doc, fn: (match[1] ?? match[3])!, scope: normalizeScopeId((match[2] ?? match[4])!), argvs };
  });
}

describe('scoped requests shown in the docs', () => {
  const examples = DOCS.flatMap(scopedExamples);

  it('finds the examples of the SDK README', () => {
    assert.ok(examples.filter((e) => e.doc === 'plugin-sdk/README.md').length >= 6);
    assert.ok(
      examples.some((e) => e.argvs.length === 2),
      'a workflow example with two steps',
    );
  });

  for (const example of examples) {
    it(`${example.doc}: ${example.fn} in ${example.scope} ${example.argvs.map((a) => a.join(' ')).join('; ')}`, () => {
      if (example.fn === 'createFilesystemMutateActionRequest') {
        assert.ok(fsScopes.has(example.scope), `${example.scope} is not a built-in filesystem scope (${[...fsScopes].join(', ')})`);
        return;
      }
      const scope = processScopes.get(example.scope);
      assert.ok(scope, `${example.scope} is not a built-in process scope (${[...processScopes.keys()].join(', ')})`);
      assert.ok(example.argvs.length > 0, 'the example shows its args');
      for (const args of example.argvs) {
        assert.doesNotThrow(() => checkArgumentRules(scope, args), `${example.scope} refuses ${args.join(' ')}`);
      }
    });
  }

  it('names only built-in scopes in capability strings', () => {
    for (const doc of DOCS) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const [, kind, id] of text.matchAll(/system\.(process|fs)\.scope\.([a-z0-9][a-z0-9._-]*)/g)) {
        const known = kind === 'fs' ? fsScopes.has(id!) : processScopes.has(id!);
        assert.ok(known, `${doc} names system.${kind}.scope.${id}, which Gatehouse does not ship`);
      }
    }
  });
});
