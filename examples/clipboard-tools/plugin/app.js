// Clipboard tools: read the clipboard through Gatehouse, transform the text locally, write it back.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { el, replace, withBusy, showError, showProblem, showSuccess, showInfo, watchHost } = window.PluginUi;
  const transforms = window.ClipboardTransforms;

  const textArea = document.getElementById('text');
  const stats = document.getElementById('stats');
  const notice = document.getElementById('notice');
  const readButton = document.getElementById('read');
  const copyButton = document.getElementById('copy');
  const undoButton = document.getElementById('undo');
  const lastChange = document.getElementById('last-change');

  const MAX_UNDO = 20;
  const history = [];

  function plural(count, noun) {
    return `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
  }

  function updateStats() {
    const text = textArea.value;
    const lines = text === '' ? 0 : text.split(/\r?\n/).length - (text.endsWith('\n') ? 1 : 0);
    stats.textContent = `${plural(text.length, 'character')} · ${plural(lines, 'line')}`;
    undoButton.disabled = history.length === 0;
  }

  function setText(text, change) {
    history.push(textArea.value);
    if (history.length > MAX_UNDO) history.shift();
    textArea.value = text;
    lastChange.textContent = change;
    updateStats();
  }

  function applyTransform(transform) {
    const before = textArea.value;
    if (before === '') return showProblem(notice, `${transform.label}: there is no text yet. Read the clipboard or type some text first.`);
    let after;
    try {
      after = transform.apply(before);
    } catch (error) {
      return showProblem(notice, `${transform.label} did not apply`, [error.message]);
    }
    replace(notice);
    if (after === before) {
      lastChange.textContent = `${transform.label}: no change`;
      return;
    }
    setText(after, `${transform.label}: ${plural(before.length, 'character')} → ${plural(after.length, 'character')}`);
  }

  async function readClipboard() {
    showInfo(notice, 'Waiting for your approval in Gatehouse…');
    const response = await sdk.requestClipboardRead('Load the clipboard text to transform it');
    if (!response.ok) return showError(notice, response, { context: 'Clipboard read failed' });
    setText(response.result.text, 'Read from the clipboard');
    showSuccess(notice, `Read ${plural(response.result.length, 'character')} from the clipboard`);
  }

  async function copyResult() {
    const text = textArea.value;
    if (text === '') return showProblem(notice, 'The text is empty: there is nothing to copy.');
    if (text.length > sdk.LIMITS.clipboardTextLength) {
      return showProblem(
        notice,
        `The text is longer than ${plural(sdk.LIMITS.clipboardTextLength, 'character')}, the most Gatehouse copies at once.`,
      );
    }
    const response = await sdk.requestClipboardWrite(text, 'Copy the transformed text');
    if (!response.ok) return showError(notice, response, { context: 'Clipboard write failed' });
    showSuccess(notice, `Copied ${plural(response.result.length, 'character')} to the clipboard`);
  }

  replace(
    document.getElementById('transform-buttons'),
    transforms.map((transform) =>
      el('button', { type: 'button', text: transform.label, title: transform.description, on: { click: () => applyTransform(transform) } }),
    ),
  );

  undoButton.addEventListener('click', () => {
    if (history.length === 0) return;
    textArea.value = history.pop();
    lastChange.textContent = 'Undone';
    updateStats();
  });
  textArea.addEventListener('input', updateStats);
  readButton.addEventListener('click', () => withBusy(readButton, readClipboard));
  copyButton.addEventListener('click', () => withBusy(copyButton, copyResult));

  updateStats();
  watchHost();
})();
