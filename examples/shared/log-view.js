// A virtualized view of streamed output: every line stays in a bounded buffer (log-lines.js), only the rows
// in sight (and a few around them) are in the DOM, so a stream of millions of lines keeps the page fast.
(() => {
  'use strict';
  const { createLineBuffer } = window.LogLines;

  const OVERSCAN = 8;

  /**
   * Creates the view inside `container`. `label` names it for assistive technology. The viewport is
   * focusable, so the keyboard scrolls it; it sticks to the newest line while scrolled to the bottom.
   * Returns `{ append(stream, text), skipped(stream, bytes), note(text), clear(), lineCount() }`.
   */
  function createLogView(container, { label, maxLines, emptyText = 'No output yet.' } = {}) {
    const buffer = createLineBuffer({ maxLines });
    const viewport = document.createElement('div');
    viewport.className = 'log-viewport';
    viewport.tabIndex = 0;
    viewport.setAttribute('role', 'log');
    // Lines arrive many times a second; announcing each would drown everything else out.
    viewport.setAttribute('aria-live', 'off');
    if (label) viewport.setAttribute('aria-label', label);
    const spacer = document.createElement('div');
    spacer.className = 'log-spacer';
    const empty = document.createElement('p');
    empty.className = 'log-empty';
    empty.textContent = emptyText;
    viewport.append(spacer, empty);
    container.replaceChildren(viewport);

    let rowHeight = 0;
    let scheduled = false;
    let stickToBottom = true;
    let lastFirst = -1;
    let lastLast = -1;
    let version = 0;
    let drawnVersion = -1;

    function measureRow() {
      if (rowHeight > 0) return rowHeight;
      const value = parseFloat(getComputedStyle(viewport).getPropertyValue('--log-row'));
      rowHeight = Number.isFinite(value) && value > 0 ? value : 20;
      return rowHeight;
    }

    function rowFor(line, index) {
      const row = document.createElement('div');
      row.className = `log-line log-${line.kind}`;
      row.dataset.stream = line.stream;
      row.style.top = `${index * rowHeight}px`;
      row.textContent = line.text === '' ? ' ' : line.text;
      return row;
    }

    function render() {
      scheduled = false;
      const height = measureRow();
      const total = buffer.length;
      viewport.dataset.lineCount = String(total + buffer.dropped);
      empty.hidden = total > 0;
      spacer.style.height = `${total * height}px`;
      if (stickToBottom) viewport.scrollTop = viewport.scrollHeight;
      const first = Math.max(0, Math.floor(viewport.scrollTop / height) - OVERSCAN);
      const last = Math.min(total, Math.ceil((viewport.scrollTop + viewport.clientHeight) / height) + OVERSCAN);
      if (first === lastFirst && last === lastLast && version === drawnVersion) return;
      lastFirst = first;
      lastLast = last;
      drawnVersion = version;
      const rows = [];
      for (let index = first; index < last; index++) rows.push(rowFor(buffer.at(index), index));
      spacer.replaceChildren(...rows);
    }

    function schedule() {
      // The count is exact at once (tests and screen readers read it); drawing waits for the next frame.
      version++;
      viewport.dataset.lineCount = String(buffer.length + buffer.dropped);
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(render);
    }

    viewport.addEventListener('scroll', () => {
      const height = measureRow();
      stickToBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - height;
      if (!scheduled) render();
    });

    return {
      element: viewport,
      append(stream, text) {
        buffer.append(stream, text);
        schedule();
      },
      skipped(stream, bytes) {
        buffer.skipped(stream, bytes);
        schedule();
      },
      note(text) {
        buffer.note(text);
        schedule();
      },
      clear() {
        buffer.clear();
        stickToBottom = true;
        schedule();
      },
      /** Lines received since the last clear, including any dropped past the cap. */
      lineCount: () => buffer.length + buffer.dropped,
    };
  }

  window.LogView = { createLogView };
})();
