import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { HostsRecord } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../../../src/core/action-failure';
import { findHostsSection, formatHostsRecord, replaceHostsSection } from '../../../src/core/hosts/hosts-section';

const PLUGIN = 'com.example.local-dns';
const records: HostsRecord[] = [
  { address: '127.0.0.1', hostname: 'app.test', comment: 'dev app' },
  { address: '::1', hostname: 'api.app.test' },
];
const section = (eol: string, id = PLUGIN, tag = 'default') =>
  [`# >>> gatehouse ${id} ${tag}`, '127.0.0.1\tapp.test  # dev app', '::1\tapi.app.test', `# <<< gatehouse ${id} ${tag}`].join(eol) + eol;

const edit = (text: string | Buffer, list: HostsRecord[] = records, tag = 'default', id = PLUGIN) =>
  replaceHostsSection(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), id, tag, list);

test('a record line is address, tab, hostname, and the comment after two spaces', () => {
  assert.equal(formatHostsRecord({ address: '10.0.0.1', hostname: 'db.test' }), '10.0.0.1\tdb.test');
  assert.equal(formatHostsRecord({ address: '10.0.0.1', hostname: 'db.test', comment: 'café' }), '10.0.0.1\tdb.test  # café');
});

test('a new section is appended; a file without a final newline gets one separator and nothing else changes', () => {
  const base = '127.0.0.1\tlocalhost\n';
  const added = edit(base);
  assert.equal(added.changed, true);
  assert.equal(added.hadSection, false);
  assert.equal(added.content.toString('utf8'), base + section('\n'));

  const noNewline = '127.0.0.1\tlocalhost';
  assert.equal(edit(noNewline).content.toString('utf8'), `${noNewline}\n${section('\n')}`);
  assert.equal(edit('').content.toString('utf8'), section('\n'));
});

test('a CRLF file keeps CRLF everywhere, and the section is written with CRLF', () => {
  const base = '127.0.0.1 localhost\r\n# a comment\r\n';
  const added = edit(base).content.toString('utf8');
  assert.equal(added, base + section('\r\n'));
  const replaced = edit(added, [{ address: '10.1.1.1', hostname: 'x.test' }]).content.toString('utf8');
  assert.equal(replaced, `${base}# >>> gatehouse ${PLUGIN} default\r\n10.1.1.1\tx.test\r\n# <<< gatehouse ${PLUGIN} default\r\n`);
  assert.equal(edit(replaced, []).content.toString('utf8'), base);
});

test('replacing keeps every byte outside the section: other tools, other plugins, unicode and invalid UTF-8', () => {
  const head = Buffer.from(
    '# Généré par l’outil — ne pas éditer ✓\n127.0.0.1 localhost\n# BEGIN docker\n10.0.0.5 registry\n# END docker\n',
    'utf8',
  );
  const other = Buffer.from(section('\n', 'other.plugin'), 'utf8');
  const mine = Buffer.from(`# >>> gatehouse ${PLUGIN} default\n1.2.3.4\told.test\n# <<< gatehouse ${PLUGIN} default\n`, 'utf8');
  const tail = Buffer.concat([Buffer.from('10.9.9.9 tail.test # '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n# no newline at end')]);
  const before = Buffer.concat([head, other, mine, tail]);
  const after = edit(before).content;
  assert.deepEqual(after, Buffer.concat([head, other, Buffer.from(section('\n'), 'utf8'), tail]));
  const removed = edit(after, []).content;
  assert.deepEqual(removed, Buffer.concat([head, other, tail]));
});

test('a section whose end marker is the last line without a newline stays without one', () => {
  const base = `x\n# >>> gatehouse ${PLUGIN} default\n1.1.1.1\ta.test\n# <<< gatehouse ${PLUGIN} default`;
  const replaced = edit(base, [{ address: '2.2.2.2', hostname: 'b.test' }]).content.toString('utf8');
  assert.equal(replaced, `x\n# >>> gatehouse ${PLUGIN} default\n2.2.2.2\tb.test\n# <<< gatehouse ${PLUGIN} default`);
});

test('the same records twice change nothing; removing a missing section changes nothing', () => {
  const once = edit('a\n').content;
  const twice = edit(once);
  assert.equal(twice.changed, false);
  assert.ok(twice.content.equals(once));
  assert.equal(edit('a\n', []).changed, false);
});

test('two plugins and two tags of one plugin are independent sections', () => {
  let file = edit('base\n', records, 'default', 'plugin.one').content;
  file = edit(file, [{ address: '10.0.0.2', hostname: 'two.test' }], 'default', 'plugin.two').content;
  file = edit(file, [{ address: '10.0.0.3', hostname: 'three.test' }], 'extra', 'plugin.one').content;
  file = edit(file, [{ address: '10.0.0.4', hostname: 'one-again.test' }], 'default', 'plugin.one').content;
  file = edit(file, [], 'default', 'plugin.two').content;
  assert.equal(
    file.toString('utf8'),
    [
      'base',
      '# >>> gatehouse plugin.one default',
      '10.0.0.4\tone-again.test',
      '# <<< gatehouse plugin.one default',
      '# >>> gatehouse plugin.one extra',
      '10.0.0.3\tthree.test',
      '# <<< gatehouse plugin.one extra',
      '',
    ].join('\n'),
  );
});

test('malformed, duplicated, unbalanced, misordered or nested markers of the section are refused, not guessed', () => {
  const begin = `# >>> gatehouse ${PLUGIN} default`;
  const end = `# <<< gatehouse ${PLUGIN} default`;
  const corrupt = [
    [begin, '1.1.1.1 a.test'],
    ['1.1.1.1 a.test', end],
    [end, '1.1.1.1 a.test', begin],
    [begin, end, begin, end],
    [begin, begin, end],
    [begin, end, end],
    [`${begin} `, end],
    [`${begin} extra`, end],
    [`#>>> gatehouse ${PLUGIN} default`, end],
    [`# >>> GATEHOUSE ${PLUGIN} default`, end],
    [`# >>> gatehouse ${PLUGIN}`, end],
    [begin, '# >>> gatehouse other.plugin default', '# <<< gatehouse other.plugin default', end],
  ];
  for (const lines of corrupt) {
    const content = Buffer.from(`127.0.0.1 localhost\n${lines.join('\n')}\n`);
    assert.throws(
      () => replaceHostsSection(content, PLUGIN, 'default', records),
      (error: unknown) =>
        error instanceof ActionFailure && error.code === 'SCOPE_VIOLATION' && error.details?.reason === 'hosts-markers-corrupt',
      lines.join(' | '),
    );
  }
});

test('corrupt markers of another plugin or another tag do not block this section', () => {
  const content = Buffer.from(
    `# >>> gatehouse other.plugin default\n# <<< gatehouse ${PLUGIN} other-tag\n# >>> gatehouse ${PLUGIN} other-tag\n`,
  );
  const result = replaceHostsSection(content, PLUGIN, 'default', records);
  assert.ok(result.content.subarray(0, content.length).equals(content));
});

const lineArbitrary = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n') && !/gatehouse/i.test(s)),
  fc.constantFrom('# BEGIN other tool', '127.0.0.1 localhost', '# >>> gatehouse some.other x', '# <<< gatehouse some.other x', '', '\r'),
);
const recordArbitrary = fc.record({
  address: fc.constantFrom('127.0.0.1', '10.0.0.1', '::1', 'fe80::1'),
  hostname: fc.constantFrom('a.test', 'b.example', 'svc.local'),
  comment: fc.option(fc.constantFrom('note', 'ünïcode ✓', '# >>> gatehouse fake default'), { nil: undefined }),
});

test('property: any content outside the section survives byte for byte, and the section reads back', () => {
  fc.assert(
    fc.property(
      fc.array(lineArbitrary, { maxLength: 8 }),
      fc.array(lineArbitrary, { maxLength: 8 }),
      fc.boolean(),
      fc.array(recordArbitrary, { maxLength: 5 }),
      (headLines, tailLines, crlf, list) => {
        const eol = crlf ? '\r\n' : '\n';
        const head = headLines.map((l) => l + eol).join('');
        const tail = tailLines.join(eol);
        const old = `# >>> gatehouse ${PLUGIN} default${eol}9.9.9.9\told.test${eol}# <<< gatehouse ${PLUGIN} default${eol}`;
        const before = Buffer.from(head + old + tail, 'utf8');
        const after = replaceHostsSection(before, PLUGIN, 'default', list).content;
        const location = findHostsSection(after, PLUGIN, 'default');
        if (list.length === 0) {
          assert.equal(location, null);
          assert.equal(after.toString('utf8'), head + tail);
          return;
        }
        assert.ok(location);
        assert.equal(after.subarray(0, location.start).toString('utf8'), head);
        assert.equal(after.subarray(location.end).toString('utf8'), tail);
        const body = after.subarray(location.start, location.end).toString('utf8').split(eol).slice(1, -2);
        assert.deepEqual(body, list.map(formatHostsRecord));
      },
    ),
    { numRuns: 300 },
  );
});
