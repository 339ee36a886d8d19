// The page: wires the button to copyText. esbuild bundles this file, the logic and the SDK into plugin/app.js.
import { copyText } from './copy-text.js';

const text = document.getElementById('text');
const copy = document.getElementById('copy');
const status = document.getElementById('status');

copy.addEventListener('click', async () => {
  copy.disabled = true;
  try {
    const outcome = await copyText(text.value);
    status.textContent = outcome.message;
    status.dataset.ok = String(outcome.ok);
  } finally {
    copy.disabled = false;
  }
});
