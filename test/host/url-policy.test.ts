import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  USER_GESTURE_WINDOW_MS,
  createUserGestureTracker,
  externalLinkTarget,
  isPluginFrameNavigationAllowed,
  originOf,
  pluginIdOfUrl,
} from '../../src/host/url-policy';

describe('url policy', () => {
  test('originOf handles http and our custom schemes', () => {
    assert.equal(originOf('http://127.0.0.1:5173/index.html'), 'http://127.0.0.1:5173');
    assert.equal(originOf('gatehouse-app://app/index.html'), 'gatehouse-app://app');
    assert.equal(originOf('about:blank'), null);
    assert.equal(originOf('not a url'), null);
    assert.equal(originOf(null), null);
  });

  test('pluginIdOfUrl reads the host of plugin URLs only', () => {
    assert.equal(pluginIdOfUrl('gatehouse-plugin://local-dns/index.html'), 'local-dns');
    assert.equal(pluginIdOfUrl('gatehouse-app://app/index.html'), null);
    assert.equal(pluginIdOfUrl('gatehouse-plugin://user:pw@local-dns/index.html'), null);
    assert.equal(pluginIdOfUrl('https://local-dns/index.html'), null);
  });

  const servable = (id: string) => id === 'local-dns' || id === 'docker-panel';
  const nav = (target: string, current: string | null, initiatedByApp: boolean) =>
    isPluginFrameNavigationAllowed({ target, current, initiatedByApp }, servable);

  test('the app may point an empty frame at a servable plugin', () => {
    assert.equal(nav('gatehouse-plugin://local-dns/index.html', 'about:blank', true), true);
    assert.equal(nav('gatehouse-plugin://local-dns/index.html', '', true), true);
    assert.equal(nav('gatehouse-plugin://local-dns/index.html', null, false), false, 'not initiated by the app');
    assert.equal(nav('gatehouse-plugin://unknown/index.html', 'about:blank', true), false, 'not servable');
  });

  test('a plugin frame stays on its own origin', () => {
    assert.equal(nav('gatehouse-plugin://local-dns/page2.html', 'gatehouse-plugin://local-dns/index.html', false), true);
    assert.equal(nav('gatehouse-plugin://docker-panel/index.html', 'gatehouse-plugin://local-dns/index.html', false), false);
    assert.equal(nav('gatehouse-plugin://docker-panel/index.html', 'gatehouse-plugin://local-dns/index.html', true), false);
    assert.equal(nav('https://example.com/', 'gatehouse-plugin://local-dns/index.html', false), false);
    assert.equal(nav('gatehouse-app://app/index.html', 'gatehouse-plugin://local-dns/index.html', false), false);
    assert.equal(nav('data:text/html,hi', 'gatehouse-plugin://local-dns/index.html', false), false);
  });

  test('external links: https only, parsed, no credentials', () => {
    assert.equal(externalLinkTarget('https://example.com/docs?a=1'), 'https://example.com/docs?a=1');
    for (const bad of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'gatehouse-app://app/',
      'not a url',
      'smb://host/share',
    ]) {
      assert.equal(externalLinkTarget(bad), null, bad);
    }
  });

  test('a gesture counts once and only shortly after real input', () => {
    let now = 1000;
    const tracker = createUserGestureTracker(() => now);
    assert.equal(tracker.consume(), false, 'no input yet');
    tracker.note('mouseMove');
    assert.equal(tracker.consume(), false, 'moving the mouse is not a click');
    tracker.note('mouseUp');
    now += USER_GESTURE_WINDOW_MS - 1;
    assert.equal(tracker.consume(), true);
    assert.equal(tracker.consume(), false, 'one click opens one link');
    tracker.note('keyDown');
    now += USER_GESTURE_WINDOW_MS + 1;
    assert.equal(tracker.consume(), false, 'too late');
  });
});
