import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { useToastStore } from '../../src/renderer/stores/toast-store';
import { plural } from '../../src/renderer/lib/format';

test('results go away by themselves; an error stays until dismissed', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const store = useToastStore.getState();
  store.push('success', 'Saved.');
  store.push('error', 'Could not save.');
  store.push('info', 'FYI.');
  mock.timers.tick(60 * 60 * 1000);
  assert.deepEqual(
    useToastStore.getState().toasts.map((toast) => [toast.tone, toast.text]),
    [['error', 'Could not save.']],
  );
  const [error] = useToastStore.getState().toasts;
  useToastStore.getState().dismiss(error?.id ?? -1);
  assert.deepEqual(useToastStore.getState().toasts, []);
});

test('a burst of results makes room by dropping results, not the error on screen', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => {
    mock.timers.reset();
    useToastStore.setState({ toasts: [] });
  });
  const store = useToastStore.getState();
  store.push('error', 'First failure.');
  for (let i = 0; i < 6; i += 1) store.push('success', `Done ${i}.`);
  const texts = useToastStore.getState().toasts.map((toast) => toast.text);
  assert.equal(texts.length, 4);
  assert.deepEqual(texts, ['First failure.', 'Done 3.', 'Done 4.', 'Done 5.']);
});

test('counts agree with their nouns and verbs: "1 record matches", "2 records match"', () => {
  assert.equal(`${plural(1, 'record matches', 'records match')} the filters`, '1 record matches the filters');
  assert.equal(`${plural(2, 'record matches', 'records match')} the filters`, '2 records match the filters');
  assert.equal(plural(0, 'capability', 'capabilities'), '0 capabilities');
  assert.equal(plural(1, 'capability', 'capabilities'), '1 capability');
  assert.equal(plural(12345, 'record', 'records'), `${(12345).toLocaleString()} records`);
});
