import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Gate for tests that need a real Secret Service. Where gnome-keyring is not installed the test is
 * skipped with a printed reason; where it is installed but `available()` says no, the test fails, since
 * `scripts/run-node-tests.mjs` starts one for every run and a broken keyring must not pass as a skip.
 * @returns true when the caller should stop because the test was skipped.
 */
export async function skipWithoutSecretService(t: TestContext, available: () => Promise<boolean>): Promise<boolean> {
  if (await available()) return false;
  const installed = spawnSync('which', ['gnome-keyring-daemon'], { stdio: 'ignore' }).status === 0;
  assert.equal(
    installed,
    false,
    'gnome-keyring is installed but no working Secret Service answered; run the tests through scripts/run-node-tests.mjs',
  );
  console.log(`skipping "${t.name}": gnome-keyring is not installed, so there is no Secret Service here`);
  t.skip('gnome-keyring is not installed');
  return true;
}
