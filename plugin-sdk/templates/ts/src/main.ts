// The page: wires the button to copyText. esbuild bundles this file, the logic and the SDK into plugin/app.js.
import { copyText } from './copy-text.js';

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no #${id}`);
  return found;
}

const text = element('text', HTMLTextAreaElement);
const copy = element('copy', HTMLButtonElement);
const status = element('status', HTMLParagraphElement);

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
