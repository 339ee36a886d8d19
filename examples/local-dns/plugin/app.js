// Local DNS: edits the plugin's tagged section of the hosts file through `system.hosts.write`.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { el, replace, send, withBusy, showError, showProblem, showSuccess, watchHost } = window.PluginUi;

  const STORAGE_KEY = 'entries';
  const rowsBody = document.getElementById('rows');
  const tagInput = document.getElementById('tag');
  const result = document.getElementById('result');
  const previewButton = document.getElementById('preview');
  const applyButton = document.getElementById('apply');

  let rows = [{ address: '127.0.0.1', hostname: '', comment: '' }];
  let edited = false;

  function render() {
    if (rows.length === 0) {
      replace(
        rowsBody,
        el('tr', {}, el('td', { colspan: 4, class: 'empty-row', text: 'No entries. Applying now removes every entry of this section.' })),
      );
      return;
    }
    replace(
      rowsBody,
      rows.map((row, index) => {
        const n = index + 1;
        const input = (field, label, placeholder) =>
          el('input', {
            value: row[field],
            placeholder,
            autocomplete: 'off',
            spellcheck: 'false',
            'aria-label': `${label}, row ${n}`,
            'data-field': field,
            on: {
              input: (event) => {
                edited = true;
                row[field] = event.target.value;
                event.target.removeAttribute('aria-invalid');
              },
            },
          });
        return el(
          'tr',
          {},
          el('td', { class: 'col-address' }, input('address', 'Address', '127.0.0.1')),
          el('td', { class: 'col-hostname' }, input('hostname', 'Hostname', 'app.local')),
          el('td', { class: 'col-comment' }, input('comment', 'Comment', 'What this name is for')),
          el(
            'td',
            { class: 'col-actions' },
            el('button', {
              type: 'button',
              class: 'danger',
              text: 'Remove',
              'aria-label': `Remove row ${n}`,
              on: { click: () => removeRow(index) },
            }),
          ),
        );
      }),
    );
  }

  function addRow() {
    edited = true;
    rows.push({ address: '127.0.0.1', hostname: '', comment: '' });
    render();
    rowsBody.querySelector('tr:last-child [data-field="hostname"]')?.focus();
  }

  function removeRow(index) {
    edited = true;
    rows.splice(index, 1);
    render();
    const next = rowsBody.querySelectorAll('button.danger')[Math.min(index, rows.length - 1)];
    (next ?? document.getElementById('add-row')).focus();
  }

  function markInvalid(rowIndex, field) {
    rowsBody.querySelectorAll('tr')[rowIndex]?.querySelector(`[data-field="${field}"]`)?.setAttribute('aria-invalid', 'true');
  }

  /** Checks the form with the SDK's own validators; returns the records, or null after showing the problems. */
  function collectRecords() {
    const problems = [];
    const tag = tagInput.value.trim();
    tagInput.removeAttribute('aria-invalid');
    if (!sdk.hostsTagSchema.safeParse(tag).success) {
      tagInput.setAttribute('aria-invalid', 'true');
      problems.push(`Section tag "${tag}": use lowercase letters, digits, ".", "_" or "-"`);
    }
    const records = [];
    rows.forEach((row, index) => {
      const address = row.address.trim();
      const hostname = row.hostname.trim();
      const comment = row.comment.trim();
      if (address === '' && hostname === '' && comment === '') return;
      const n = index + 1;
      if (!sdk.isIPv4Address(address) && !sdk.isIPv6Address(address)) {
        markInvalid(index, 'address');
        problems.push(`Row ${n}: "${address}" is not an IPv4 or IPv6 address`);
      }
      if (!sdk.isHostname(hostname)) {
        markInvalid(index, 'hostname');
        problems.push(`Row ${n}: "${hostname}" is not a valid host name`);
      }
      if (comment.length > sdk.LIMITS.hostsCommentLength) {
        markInvalid(index, 'comment');
        problems.push(`Row ${n}: the comment is longer than ${sdk.LIMITS.hostsCommentLength} characters`);
      }
      records.push(comment === '' ? { address, hostname } : { address, hostname, comment });
    });
    if (problems.length > 0) {
      showProblem(result, 'Fix these entries first', problems);
      return null;
    }
    return { tag, records };
  }

  function renderDiff(diff) {
    const lines = diff.replace(/\n$/, '').split('\n');
    return el(
      'pre',
      { class: 'diff', 'aria-label': 'Diff of the hosts file section' },
      lines.map((line) => {
        let kind = 'context';
        if (line.startsWith('+++') || line.startsWith('---')) kind = 'meta';
        else if (line.startsWith('@@')) kind = 'hunk';
        else if (line.startsWith('+')) kind = 'add';
        else if (line.startsWith('-')) kind = 'del';
        return el('span', { class: `diff-line diff-${kind}`, text: `${line}\n` });
      }),
    );
  }

  function describeCount(count, tag) {
    return `${count} ${count === 1 ? 'entry' : 'entries'} in section "${tag}"`;
  }

  async function write(dryRun) {
    const form = collectRecords();
    if (!form) return;
    const { tag, records } = form;
    const reason = dryRun
      ? `Preview ${records.length} Local DNS ${records.length === 1 ? 'entry' : 'entries'}`
      : `Write ${records.length} Local DNS ${records.length === 1 ? 'entry' : 'entries'} to section "${tag}"`;
    result.replaceChildren(
      el('p', { class: 'empty', text: dryRun ? 'Computing the diff…' : 'Waiting for your confirmation in Gatehouse…' }),
    );
    const response = await send(() => sdk.createHostsWriteActionRequest({ records, tag, dryRun, reason }));
    if (!response.ok) {
      showError(result, response, { context: dryRun ? 'Preview failed' : 'Hosts update failed' });
      return;
    }
    const { changed, diff, recordCount } = response.result;
    if (dryRun) {
      replace(
        result,
        el(
          'div',
          { class: 'preview', role: 'status' },
          el(
            'p',
            { class: 'notice-title' },
            'Preview ',
            el('span', { class: 'badge', text: 'dry run' }),
            ` — ${describeCount(recordCount, tag)}; nothing was written.`,
          ),
          changed && diff
            ? renderDiff(diff)
            : el('p', { class: 'empty', text: 'No changes: the section already has exactly these entries.' }),
        ),
      );
      return;
    }
    showSuccess(
      result,
      changed ? 'Hosts file updated' : 'Hosts file already up to date',
      el('p', { class: 'notice-body', text: `${describeCount(recordCount, tag)}.` }),
      changed && diff ? renderDiff(diff) : null,
    );
    // Remember what the section now holds: the plugin cannot read the hosts file back.
    await sdk.storage.set(STORAGE_KEY, { tag, records });
  }

  async function restore() {
    const saved = await sdk.storage.get(STORAGE_KEY);
    if (edited || !saved.ok || !saved.result.found) return;
    const value = saved.result.value;
    if (!value || !Array.isArray(value.records) || typeof value.tag !== 'string') return;
    tagInput.value = value.tag;
    rows = value.records
      .filter((record) => record && typeof record.address === 'string' && typeof record.hostname === 'string')
      .map((record) => ({
        address: record.address,
        hostname: record.hostname,
        comment: typeof record.comment === 'string' ? record.comment : '',
      }));
    render();
  }

  document.getElementById('add-row').addEventListener('click', addRow);
  tagInput.addEventListener('input', () => {
    edited = true;
    tagInput.removeAttribute('aria-invalid');
  });
  previewButton.addEventListener('click', () => withBusy([previewButton, applyButton], () => write(true)));
  applyButton.addEventListener('click', () => withBusy([previewButton, applyButton], () => write(false)));

  render();
  watchHost();
  restore();
})();
