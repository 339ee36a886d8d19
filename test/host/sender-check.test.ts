import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTrustedSender, type FrameLike, type WindowLike } from '../../src/host/sender-check';

const APP = 'gatehouse-app://app';

function frame(url: string, ids: { processId: number; routingId: number }, parent: FrameLike | null = null): FrameLike {
  return { url, parent, ...ids };
}

describe('IPC sender check', () => {
  const mainFrame = frame(`${APP}/index.html`, { processId: 4, routingId: 1 });
  const contents = { mainFrame };
  const window: WindowLike = { isDestroyed: () => false, webContents: contents };

  test('accepts our main frame on the app origin', () => {
    assert.equal(isTrustedSender({ sender: contents, senderFrame: mainFrame }, window, APP), true);
  });

  test('refuses plugin frames, other contents, other origins, missing or destroyed windows', () => {
    const pluginFrame = frame('gatehouse-plugin://local-dns/index.html', { processId: 7, routingId: 3 }, mainFrame);
    assert.equal(isTrustedSender({ sender: contents, senderFrame: pluginFrame }, window, APP), false, 'plugin frame');
    const appUrlSubframe = frame(`${APP}/index.html`, { processId: 4, routingId: 9 }, mainFrame);
    assert.equal(
      isTrustedSender({ sender: contents, senderFrame: appUrlSubframe }, window, APP),
      false,
      'a subframe even on the app origin',
    );
    const sameIdsNoParent = frame(`${APP}/index.html`, { processId: 4, routingId: 2 });
    assert.equal(isTrustedSender({ sender: contents, senderFrame: sameIdsNoParent }, window, APP), false, 'a top frame that is not ours');
    assert.equal(isTrustedSender({ sender: {}, senderFrame: mainFrame }, window, APP), false, 'other web contents');
    assert.equal(isTrustedSender({ sender: contents, senderFrame: null }, window, APP), false, 'frame gone');
    const navigatedAway = { ...mainFrame, url: 'https://example.com/' };
    assert.equal(
      isTrustedSender({ sender: contents, senderFrame: navigatedAway }, { ...window, webContents: { mainFrame: navigatedAway } }, APP),
      false,
      'left the app origin',
    );
    assert.equal(isTrustedSender({ sender: contents, senderFrame: mainFrame }, null, APP), false, 'no window');
    assert.equal(
      isTrustedSender({ sender: contents, senderFrame: mainFrame }, { ...window, isDestroyed: () => true }, APP),
      false,
      'destroyed',
    );
  });
});
