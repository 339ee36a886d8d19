// Project scaffolder: turns a template into mkdir and writeFile operations, previews them, then creates them.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { el, replace, send, withBusy, showError, showProblem, showSuccess, showInfo, watchHost } = window.PluginUi;
  const { templates, toOperations } = window.ScaffoldTemplates;

  const SCOPE = 'workspace';
  const STORAGE_KEY = 'target-folder';
  const templateSelect = document.getElementById('template');
  const templateHint = document.getElementById('template-hint');
  const nameInput = document.getElementById('name');
  const targetInput = document.getElementById('target');
  const projectPathCode = document.getElementById('project-path');
  const previewButton = document.getElementById('preview');
  const createButton = document.getElementById('create');
  const notice = document.getElementById('notice');
  const operationsBox = document.getElementById('operations');
  const operationsState = document.getElementById('operations-state');

  const OPERATION_LABELS = {
    mkdir: 'Create folder',
    writeFile: 'Write file',
    appendFile: 'Append to file',
    rename: 'Rename',
    remove: 'Remove',
  };
  const EFFECT_TONES = { created: 'ok', replaced: 'warn', appended: 'warn', renamed: 'warn', removed: 'error', unchanged: undefined };
  let targetEdited = false;

  /** Reads the form; returns the plan or a list of problems. */
  function readForm() {
    const template = templates.find((t) => t.id === templateSelect.value) ?? templates[0];
    const name = nameInput.value.trim();
    let target = targetInput.value.trim();
    const separator = /^[A-Za-z]:\\/.test(target) ? '\\' : '/';
    if (target.length > 1 && target.endsWith(separator) && !/^[A-Za-z]:\\$/.test(target)) target = target.slice(0, -1);
    const problems = [];
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name))
      problems.push({
        field: nameInput,
        text: 'Project name: use 1 to 64 lowercase letters, digits, "-", "_" or ".", starting with a letter or digit.',
      });
    if (target === '') problems.push({ field: targetInput, text: 'Target folder: enter an absolute path inside the workspace scope.' });
    else if (!sdk.isNormalizedAbsolutePath(target))
      problems.push({ field: targetInput, text: 'Target folder: use an absolute path without "." or ".." segments.' });
    if (problems.length > 0) return { problems };
    const projectPath = target.endsWith(separator) ? `${target}${name}` : `${target}${separator}${name}`;
    return { template, name, projectPath, operations: toOperations(projectPath, template.files(name), separator) };
  }

  function byteLength(text) {
    return new TextEncoder().encode(text).length;
  }

  function renderOperations(rows, state) {
    operationsState.textContent = state;
    replace(
      operationsBox,
      el(
        'table',
        { 'aria-labelledby': 'operations-title' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ['Operation', 'Path', 'Effect', 'Size'].map((h) => el('th', { scope: 'col', text: h })),
          ),
        ),
        el(
          'tbody',
          {},
          rows.map((row) =>
            el(
              'tr',
              {},
              el('td', { text: OPERATION_LABELS[row.type] ?? row.type }),
              el('td', { class: 'path', text: row.path }),
              el(
                'td',
                {},
                row.effect
                  ? el('span', { class: 'badge', 'data-tone': EFFECT_TONES[row.effect], text: row.effect })
                  : el('span', { class: 'muted', text: '—' }),
              ),
              el('td', { class: 'size', text: typeof row.bytes === 'number' ? `${row.bytes.toLocaleString()} B` : '' }),
            ),
          ),
        ),
      ),
    );
  }

  /** Shows the planned operations for the current form, before anything is sent. */
  function updatePlan() {
    const template = templates.find((t) => t.id === templateSelect.value) ?? templates[0];
    templateHint.textContent = template.description;
    for (const input of [nameInput, targetInput]) input.removeAttribute('aria-invalid');
    const plan = readForm();
    if (plan.problems) {
      projectPathCode.textContent = '—';
      operationsState.textContent = 'planned';
      showInfo(operationsBox, 'Enter a project name and a target folder to see what will be created.');
      return;
    }
    projectPathCode.textContent = plan.projectPath;
    renderOperations(
      plan.operations.map((op) => ({ type: op.type, path: op.path, bytes: op.type === 'writeFile' ? byteLength(op.content) : undefined })),
      'planned',
    );
  }

  async function submit(dryRun) {
    const plan = readForm();
    if (plan.problems) {
      for (const problem of plan.problems) problem.field.setAttribute('aria-invalid', 'true');
      return showProblem(
        notice,
        'Check the form first',
        plan.problems.map((p) => p.text),
      );
    }
    showInfo(notice, dryRun ? 'Asking Gatehouse for a preview…' : 'Waiting for your confirmation in Gatehouse…');
    const reason = `${dryRun ? 'Preview' : 'Create'} the ${plan.template.title} project "${plan.name}"`;
    const response = await send(() =>
      sdk.createFilesystemMutateActionRequest({ scope: SCOPE, operations: plan.operations, dryRun, reason }),
    );
    if (!response.ok) {
      const title = response.code === 'SCOPE_VIOLATION' ? 'That folder is outside what the workspace scope allows' : undefined;
      return showError(notice, response, { title, context: dryRun ? 'Preview failed' : 'Create project failed' });
    }
    const changes = response.result.changes;
    renderOperations(changes, dryRun ? 'preview (dry run)' : 'done');
    const replaced = changes.filter((change) => change.effect === 'replaced').length;
    const warning =
      replaced > 0
        ? el('p', {
            class: 'warning',
            text: `${replaced} existing ${replaced === 1 ? 'file' : 'files'} ${dryRun ? 'would be' : replaced === 1 ? 'was' : 'were'} replaced.`,
          })
        : null;
    if (dryRun) {
      showSuccess(notice, `Preview: ${changes.length} operations in ${plan.projectPath}; nothing was written yet.`, warning);
      return;
    }
    showSuccess(notice, `Project created in ${plan.projectPath}`, warning);
    await sdk.storage.set(STORAGE_KEY, targetInput.value.trim());
  }

  async function restoreTarget() {
    const saved = await sdk.storage.get(STORAGE_KEY);
    if (targetEdited || !saved.ok || !saved.result.found || typeof saved.result.value !== 'string') return;
    targetInput.value = saved.result.value;
    updatePlan();
  }

  replace(
    templateSelect,
    templates.map((t) => el('option', { value: t.id, text: t.title })),
  );
  templateSelect.addEventListener('change', updatePlan);
  nameInput.addEventListener('input', updatePlan);
  targetInput.addEventListener('input', () => {
    targetEdited = true;
    updatePlan();
  });
  previewButton.addEventListener('click', () => withBusy([previewButton, createButton], () => submit(true)));
  createButton.addEventListener('click', () => withBusy([previewButton, createButton], () => submit(false)));

  updatePlan();
  watchHost();
  restoreTarget();
})();
