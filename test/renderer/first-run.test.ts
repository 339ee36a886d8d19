import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markWelcomed, readWelcomed } from '../../src/renderer/lib/first-run';

/** A Storage stand-in over a Map: Node has no localStorage. */
function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
}

test('the first-run explanation shows until it is dismissed once', () => {
  const storage = memoryStorage();
  assert.equal(readWelcomed(storage), false);
  markWelcomed(storage);
  assert.equal(readWelcomed(storage), true);
  assert.deepEqual([...storage.values], [['gatehouse.welcomed', '1']]);
});

test('storage that throws means "not seen yet", never a crash', () => {
  const broken = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('denied');
    },
  };
  assert.equal(readWelcomed(broken), false);
  assert.doesNotThrow(() => markWelcomed(broken));
  assert.equal(readWelcomed(undefined), false);
});
