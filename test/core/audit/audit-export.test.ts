import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../../src/core/audit';
import { execRecord, fileLines, logFiles, tempDir } from './audit-test-kit';

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field, '', 'the file ends with a newline');
  return rows;
}

test('JSON Lines export writes the stored lines of the filter verbatim, oldest first, across files', async (t) => {
  const dir = await tempDir(t);
  const out = await tempDir(t, 'gatehouse-export-');
  const log = await openAuditLog({ dir, maxFileBytes: 2048 });
  t.after(() => log.close());
  for (let i = 1; i <= 20; i++) await log.append(execRecord(i));
  const stored = (await Promise.all((await logFiles(dir)).map((f) => fileLines(dir, f)))).flat();
  const wanted = stored.filter((line) => JSON.parse(line).pluginId === 'plugin-2');

  const destination = join(out, 'plugin-2.jsonl');
  const result = await log.exportTo('jsonl', { pluginId: 'plugin-2' }, destination);
  const text = await readFile(destination, 'utf8');
  assert.equal(text, wanted.map((l) => `${l}\n`).join(''));
  assert.deepEqual(result, { records: wanted.length, bytes: Buffer.byteLength(text) });
  assert.deepEqual(await readdir(out), ['plugin-2.jsonl'], 'no partial file is left behind');

  await assert.rejects(log.exportTo('jsonl', {}, join(dir, 'copy.jsonl')), TypeError, 'never into the audit directory');
  await assert.rejects(log.exportTo('xml' as never, {}, join(out, 'x.xml')), TypeError);
});

test('CSV export has the flat columns, quotes commas, quotes and newlines, and defuses formulas', async (t) => {
  const dir = await tempDir(t);
  const out = await tempDir(t, 'gatehouse-export-');
  const log = await openAuditLog({ dir });
  t.after(() => log.close());
  const plain = await log.append(execRecord(1));
  const tricky = await log.append({
    ...execRecord(2),
    reason: 'Needs "quotes", commas,\nand a second line',
    code: 'EXECUTION_FAILED',
    outcome: { exitCode: 1 },
    workflow: { workflowId: 'wf-9', stepId: 'step-a', stepStatus: 'failed' },
  });
  const formula = await log.append({ ...execRecord(3), reason: '=HYPERLINK("http://evil.example")' });

  const destination = join(out, 'audit.csv');
  const result = await log.exportTo('csv', {}, destination);
  const text = await readFile(destination, 'utf8');
  assert.equal(result.bytes, Buffer.byteLength(text));
  assert.equal(result.records, 3);
  assert.match(text, /"Needs ""quotes"", commas,\nand a second line"/, 'a field with a quote, comma or newline is quoted, quotes doubled');

  const rows = parseCsv(text);
  assert.deepEqual(rows[0], [
    'seq',
    'time',
    'correlationId',
    'pluginId',
    'pluginVersion',
    'action',
    'scope',
    'phase',
    'decision',
    'code',
    'reason',
    'summary',
    'outcome',
    'workflowId',
    'stepId',
    'stepStatus',
    'prevHash',
    'hash',
  ]);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[1], [
    '1',
    plain.time,
    'corr-1',
    'plugin-1',
    '1.0.0',
    'system.process.exec',
    'docker-readonly',
    'requested',
    '',
    '',
    'List containers 1',
    JSON.stringify(plain.summary),
    '',
    '',
    '',
    '',
    plain.prevHash,
    plain.hash,
  ]);
  const row2 = rows[2]!;
  assert.equal(row2[10], tricky.reason);
  assert.equal(row2[9], 'EXECUTION_FAILED');
  assert.equal(row2[12], '{"exitCode":1}');
  assert.deepEqual(row2.slice(13, 16), ['wf-9', 'step-a', 'failed']);
  assert.equal(JSON.parse(row2[11]!).argv[1], '--filter=name=svc-2');
  assert.equal(rows[3]![10], `'${formula.reason}`, 'a cell a spreadsheet would run as a formula is prefixed');

  const failures = parseCsv(
    await readFile((await log.exportTo('csv', { outcome: 'failure' }, join(out, 'failures.csv')), join(out, 'failures.csv')), 'utf8'),
  );
  assert.deepEqual(
    failures.slice(1).map((r) => r[0]),
    ['2'],
  );
});
