// Dev container SSH: the host's setup makes the key pair and the config folder (see the manifest's setup
// section); this page only shows the public key, which ssh-keygen derives from the key it made.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { replace, send, withBusy, showError, showInfo, watchHost } = window.PluginUi;

  // Relative to the ssh-keygen scope's working folder, the home folder: the plugin never learns the home path.
  const KEY_FILE = 'Gatehouse/workspace/dev-container-ssh/id_ed25519';
  const showButton = document.getElementById('show-key');
  const publicKey = document.getElementById('public-key');
  const notice = document.getElementById('notice');

  async function showKey() {
    replace(notice);
    const response = await send(() =>
      sdk.createProcessExecActionRequest({
        scope: 'ssh-keygen',
        command: '/usr/bin/ssh-keygen',
        args: ['-y', '-f', KEY_FILE],
        reason: 'Show the public key of the dev container key pair',
      }),
    );
    if (response.ok) {
      // Only the public line: "ssh-ed25519 AAAA... comment".
      const line = response.result.stdout.trim();
      publicKey.textContent = /^ssh-ed25519 [A-Za-z0-9+/=]+( .*)?$/.test(line) ? line : '';
      return;
    }
    publicKey.textContent = '';
    if (response.code === 'SETUP_NEEDED') {
      showInfo(notice, 'Gatehouse has not set this plugin up yet: choose "Run setup" above this page, approve each step, then try again.');
      return;
    }
    showError(notice, response, { title: 'The public key could not be read' });
  }

  showButton.addEventListener('click', () => void withBusy(showButton, showKey));
  void watchHost();
})();
