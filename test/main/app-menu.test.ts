import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEVELOPER_ROLES, packagedMenuTemplate, rolesOf } from '../../src/main/app-menu';

test('the packaged menu has editing and window commands and nothing that opens DevTools or reloads', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const roles = rolesOf(packagedMenuTemplate(platform, 'Gatehouse'));
    for (const role of ['copy', 'paste', 'selectAll', 'quit', 'close']) assert.ok(roles.includes(role), `${platform}: ${role}`);
    assert.deepEqual(
      roles.filter((role) => DEVELOPER_ROLES.has(role)),
      [],
      platform,
    );
    assert.ok(!roles.includes('toggleDevTools'));
  }
});
