// How the Docker panel's backend applies `docker events` to the list it read, and when it gives up and lists
// again (examples/docker-panel/backend/container-events.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyContainerEvents, type ContainerRow } from '../../examples/docker-panel/backend/container-events';

const WEB = 'a1'.repeat(32);
const DB = 'b2'.repeat(32);
const NEW = 'c3'.repeat(32);
const LIST: readonly ContainerRow[] = [
  { ID: WEB.slice(0, 12), Names: 'web', Image: 'nginx:1.27', State: 'running', Status: 'Up 2 minutes', Ports: '80/tcp' },
  { ID: DB.slice(0, 12), Names: 'db', Image: 'postgres:16', State: 'exited', Status: 'Exited (0) 1 hour ago', Ports: '' },
];
const event = (Action: string, ID: string, Attributes: Record<string, unknown> = {}) => ({
  Type: 'container',
  Action,
  Actor: { ID, Attributes },
});
const states = (rows: ContainerRow[] | null) => rows?.map((r) => `${String(r.Names)}:${String(r.State)}`) ?? null;

test('container events: start, die with its code, a following stop, pause and rename change only that row', () => {
  const rows = applyContainerEvents(LIST, [
    event('start', DB),
    event('die', WEB, { exitCode: '137' }),
    event('stop', WEB),
    event('rename', DB, { name: 'main-db' }),
  ]);
  assert.deepEqual(states(rows), ['web:exited', 'main-db:running']);
  assert.equal(rows?.[0]?.Status, 'Exited (137) Less than a second ago', 'stop keeps the code die gave');
  assert.equal(rows?.[0]?.Ports, '80/tcp', 'fields no event speaks of stay');
  assert.equal(rows?.[1]?.Status, 'Up Less than a second');
  assert.deepEqual(states(applyContainerEvents(LIST, [event('pause', WEB)])), ['web:paused', 'db:exited']);
  assert.deepEqual(states(LIST.slice()), ['web:running', 'db:exited'], 'the rows given are not changed');
});

test('container events: create adds a row from the event, destroy removes it, both twice change nothing more', () => {
  const created = event('create', NEW, { name: '/cache', image: 'redis:7' });
  const rows = applyContainerEvents(LIST, [created, created, event('start', NEW)]);
  assert.deepEqual(states(rows), ['cache:running', 'web:running', 'db:exited']);
  assert.equal(rows?.[0]?.ID, NEW.slice(0, 12), 'the id as docker ps prints it');
  assert.equal(rows?.[0]?.Image, 'redis:7');
  const gone = applyContainerEvents(rows ?? [], [event('destroy', WEB), event('destroy', WEB)]);
  assert.deepEqual(states(gone), ['cache:running', 'db:exited']);
});

test('container events: kill, oom and events the list does not show leave it as it is', () => {
  const rows = applyContainerEvents(LIST, [
    event('kill', WEB, { signal: '15' }),
    event('oom', WEB),
    event('exec_start: sh', WEB),
    event('health_status: healthy', NEW),
  ]);
  assert.deepEqual(rows, LIST);
});

test('container events: what the list cannot take for sure answers null, so the watch lists again', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a start for a container the list does not have', event('start', NEW)],
    ['a create without a name', event('create', NEW, { image: 'redis:7' })],
    ['a create with a name that is not plain text', event('create', NEW, { name: 'ca\u202eche', image: 'redis:7' })],
    ['a rename without the new name', event('rename', WEB)],
    ['an id that is not hex', event('start', 'web')],
    ['an id shorter than docker ps prints', event('start', WEB.slice(0, 6))],
  ];
  for (const [what, e] of cases) assert.equal(applyContainerEvents(LIST, [event('start', DB), e]), null, what);
  // A row whose id is too short to be docker's is never matched by prefix.
  assert.equal(applyContainerEvents([{ ID: 'a1', Names: 'odd', State: 'running' }], [event('stop', WEB)]), null);
});
