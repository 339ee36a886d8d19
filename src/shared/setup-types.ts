// What the app's UI learns about a plugin's setup on this machine. Paths are absolute (the host resolved
// them); no file contents, no step output and no variable values other than the user's own overrides.

export interface SetupRequirementView {
  id: string;
  title: string;
  kind: 'file' | 'folder' | 'env';
  /** The absolute path checked, or the variable's name. */
  target: string;
  holds: boolean;
  detail: string | null;
}

export interface SetupStepView {
  id: string;
  title: string;
  kind: 'fs' | 'process' | 'none';
  scope: string | null;
  /** One effect per line, as the user will approve it. */
  lines: string[];
}

export interface SetupStepReport {
  id: string;
  title: string;
  kind: 'fs' | 'process' | 'none';
  lines: string[];
  /** done: ran and succeeded; skipped: already satisfied or nothing to do here; failed: stopped the run; not-run: after a failure. */
  status: 'done' | 'skipped' | 'failed' | 'not-run';
  note?: string;
  code?: string;
  error?: string;
  exitCode?: number | null;
}

export interface SetupRunReport {
  pluginId: string;
  which: 'setup' | 'teardown';
  /** incomplete: every step ran, but a requirement still does not hold. */
  status: 'completed' | 'failed' | 'incomplete';
  failedStep: { id: string; title: string; code: string | null; error: string | null } | null;
  steps: SetupStepReport[];
  requirements: SetupRequirementView[];
}

export interface SetupOverridesView {
  env: Record<string, string>;
  paths: Record<string, string>;
  selfManaged: boolean;
}

export interface SetupStatusView {
  pluginId: string;
  hasSetup: boolean;
  /** none: no setup section; needed: requests are refused with SETUP_NEEDED until it is run. */
  state: 'none' | 'needed' | 'ready' | 'self-managed';
  reason: 'requirements' | 'changed' | 'never-run' | null;
  digest: string | null;
  readyDigest: string | null;
  requirements: SetupRequirementView[];
  steps: SetupStepView[];
  teardown: SetupStepView[];
  env: Array<{ name: string; description: string; default: string | null }>;
  paths: Array<{ id: string; title: string; path: string }>;
  overrides: SetupOverridesView;
  lastRun: SetupRunReport | null;
  running: boolean;
}
