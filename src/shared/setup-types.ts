// What the app's UI learns about a plugin's setup on this machine. Paths are absolute (the host resolved
// them); no file contents, no step output and no variable values other than the user's own overrides.
import { z } from 'zod';

const stepKind = z.enum(['fs', 'process', 'none']);

export const setupRequirementViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['file', 'folder', 'env']),
  /** The absolute path checked, or the variable's name. */
  target: z.string(),
  holds: z.boolean(),
  detail: z.string().nullable(),
});

export const setupStepViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: stepKind,
  scope: z.string().nullable(),
  /** One effect per line, as the user will approve it. */
  lines: z.array(z.string()),
});

export const setupStepReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: stepKind,
  lines: z.array(z.string()),
  /** done: ran and succeeded; skipped: already satisfied or nothing to do here; failed: stopped the run; not-run: after a failure. */
  status: z.enum(['done', 'skipped', 'failed', 'not-run']),
  note: z.string().optional(),
  code: z.string().optional(),
  error: z.string().optional(),
  exitCode: z.number().nullable().optional(),
});
export type SetupStepReport = z.infer<typeof setupStepReportSchema>;

export const setupRunReportSchema = z.object({
  pluginId: z.string(),
  which: z.enum(['setup', 'teardown']),
  /** incomplete: every step ran, but a requirement still does not hold. */
  status: z.enum(['completed', 'failed', 'incomplete']),
  failedStep: z.object({ id: z.string(), title: z.string(), code: z.string().nullable(), error: z.string().nullable() }).nullable(),
  steps: z.array(setupStepReportSchema),
  requirements: z.array(setupRequirementViewSchema),
});
export type SetupRunReport = z.infer<typeof setupRunReportSchema>;

export const setupOverridesViewSchema = z.object({
  env: z.record(z.string(), z.string()),
  paths: z.record(z.string(), z.string()),
  selfManaged: z.boolean(),
});

export const setupStatusViewSchema = z.object({
  pluginId: z.string(),
  hasSetup: z.boolean(),
  /** none: no setup section; needed: requests are refused with SETUP_NEEDED until it is run. */
  state: z.enum(['none', 'needed', 'ready', 'self-managed']),
  reason: z.enum(['requirements', 'changed', 'never-run']).nullable(),
  digest: z.string().nullable(),
  readyDigest: z.string().nullable(),
  requirements: z.array(setupRequirementViewSchema),
  steps: z.array(setupStepViewSchema),
  teardown: z.array(setupStepViewSchema),
  env: z.array(z.object({ name: z.string(), description: z.string(), default: z.string().nullable() })),
  paths: z.array(z.object({ id: z.string(), title: z.string(), path: z.string() })),
  overrides: setupOverridesViewSchema,
  lastRun: setupRunReportSchema.nullable(),
  running: z.boolean(),
});
export type SetupStatusView = z.infer<typeof setupStatusViewSchema>;
