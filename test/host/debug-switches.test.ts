import assert from 'node:assert/strict';
import { test } from 'node:test';
import { debugSwitchesIn } from '../../src/host/debug-switches';

test('finds remote-debugging and inspect switches in every spelling Chromium and Node accept', () => {
  const argv = [
    '/opt/Gatehouse/gatehouse',
    '--remote-debugging-port=9222',
    '-inspect',
    '--INSPECT-BRK=0.0.0.0:9229',
    '/remote-debugging-pipe',
    '--',
    '--debug',
  ];
  assert.deepEqual(debugSwitchesIn(argv), ['remote-debugging-port', 'inspect', 'inspect-brk', 'remote-debugging-pipe', 'debug']);
  assert.deepEqual(debugSwitchesIn(['x', '--remote-allow-origins=*', '--inspect-port=1']), ['remote-allow-origins', 'inspect-port']);
});

test('leaves ordinary arguments alone', () => {
  assert.deepEqual(
    debugSwitchesIn([
      '/opt/Gatehouse/gatehouse',
      '--no-sandbox-is-not-here',
      '--lang=de',
      'inspect',
      '--inspector',
      '--remote-debugging',
      '/tmp/file',
    ]),
    [],
  );
});
