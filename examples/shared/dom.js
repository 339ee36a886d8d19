// Small DOM helpers for this plugin page: text goes in with textContent only, never as HTML.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;

  // Follow the app's light or dark choice (base.css reads data-theme); the host names only the theme.
  sdk.onThemeChange((theme) => sdk.applyThemeToDocument(theme));

  /**
   * Creates an element. `props` sets attributes, plus `class`, `text` and `on` ({ click: fn, ... });
   * children may be nodes or strings (inserted as text).
   */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  /** Removes every child of `node`, then appends `children`. */
  function replace(node, ...children) {
    node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  }

  /** An error envelope for a request that never left the plugin (a builder refused it). */
  function notSent(error) {
    const code = error && typeof error.code === 'string' && sdk.isPrivilegedActionErrorCode(error.code) ? error.code : 'VALIDATION_FAILED';
    const details = error && Array.isArray(error.issues) ? { issues: error.issues } : undefined;
    return { ok: false, correlationId: 'not-sent', code, error: error instanceof Error ? error.message : String(error), details };
  }

  /**
   * Builds a request with an SDK builder and sends it. Resolves with the response envelope, never rejects:
   * a request the builder refuses resolves as VALIDATION_FAILED without reaching the host.
   */
  async function send(build, options) {
    let request;
    try {
      request = build();
    } catch (error) {
      return notSent(error);
    }
    return sdk.requestPrivilegedAction(request, options);
  }

  /** Runs `task` with `button` disabled and marked busy; gives back what `task` resolves to. */
  async function withBusy(button, task) {
    const busy = Array.isArray(button) ? button : [button];
    for (const b of busy) {
      b.disabled = true;
      b.setAttribute('aria-busy', 'true');
    }
    document.body.classList.add('is-busy');
    try {
      return await task();
    } finally {
      for (const b of busy) {
        b.disabled = false;
        b.removeAttribute('aria-busy');
      }
      document.body.classList.remove('is-busy');
    }
  }

  const FRIENDLY_TITLES = {
    CANCELLED: 'You declined the request',
    CONFIRMATION_TIMEOUT: 'The confirmation was not answered in time',
    CAPABILITY_DENIED: 'Gatehouse has not granted this plugin the permission it needs',
    SCOPE_NOT_CONFIGURED: 'The scope this plugin uses is not set up in Gatehouse',
    SCOPE_VIOLATION: 'The request is outside what the scope allows',
    TRANSPORT_FAILED: 'Gatehouse did not answer',
    VALIDATION_FAILED: 'The request is not valid',
  };

  /** A one-line title for an error envelope: `title` if given, else a friendly sentence for its code. */
  function errorTitle(response, title) {
    if (title) return title;
    if (response.code === 'TRANSPORT_FAILED' && response.details?.reason === 'no-transport')
      return 'This page is not running inside Gatehouse';
    return FRIENDLY_TITLES[response.code] ?? sdk.PRIVILEGED_ACTION_ERROR_DESCRIPTIONS[response.code] ?? 'The action failed';
  }

  /**
   * Shows an error envelope in `container`: a title, the code as a badge, and the SDK's formatted text
   * (first line "<context> (<CODE>): <error>", then output, command and correlation id).
   */
  function showError(container, response, { title, context } = {}) {
    const formatted = sdk.formatPrivilegedActionError(response, context ? { context } : {});
    const issues = Array.isArray(response.details?.issues) ? response.details.issues : [];
    replace(
      container,
      el(
        'div',
        { class: 'notice notice-error', role: 'alert' },
        el(
          'p',
          { class: 'notice-title' },
          el('span', { text: errorTitle(response, title) }),
          ' ',
          el('code', { class: 'code-badge', text: response.code }),
        ),
        issues.length > 0
          ? el(
              'ul',
              { class: 'issues' },
              issues.map((issue) => el('li', { text: `${issue.path}: ${issue.message}` })),
            )
          : null,
        el('pre', { class: 'notice-detail', text: formatted }),
      ),
    );
  }

  /** Shows a problem found in the plugin itself (a form field), before anything is sent. */
  function showProblem(container, title, lines = []) {
    replace(
      container,
      el(
        'div',
        { class: 'notice notice-error', role: 'alert' },
        el('p', { class: 'notice-title', text: title }),
        lines.length > 0
          ? el(
              'ul',
              { class: 'issues' },
              lines.map((line) => el('li', { text: line })),
            )
          : null,
      ),
    );
  }

  /** Shows a success message in `container`, with optional extra nodes below it. */
  function showSuccess(container, title, ...extra) {
    replace(container, el('div', { class: 'notice notice-ok', role: 'status' }, el('p', { class: 'notice-title', text: title }), ...extra));
  }

  /** Shows a neutral message (empty or in-progress states) in `container`. */
  function showInfo(container, text) {
    replace(container, el('p', { class: 'empty', text }));
  }

  /**
   * Keeps the header's host status up to date: connected once the host hands over its port,
   * otherwise a clear "not connected" state (the page was opened outside Gatehouse, or the host is silent).
   */
  async function watchHost(node = document.getElementById('host-status')) {
    if (!node) return;
    const set = (state, text) => {
      node.dataset.state = state;
      node.textContent = text;
    };
    if (!sdk.isInsidePluginFrame()) {
      set('offline', 'Not connected: open this plugin from Gatehouse');
      return;
    }
    set('waiting', 'Waiting for Gatehouse…');
    const transport = sdk.getDefaultPrivilegedActionTransport();
    const connected = transport && typeof transport.waitForConnection === 'function' ? await transport.waitForConnection() : false;
    if (connected) set('connected', 'Connected to Gatehouse');
    else set('offline', 'Gatehouse did not answer');
  }

  window.PluginUi = { el, replace, send, withBusy, errorTitle, showError, showProblem, showSuccess, showInfo, watchHost };
})();
