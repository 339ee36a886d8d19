// The manifest's `setup` section: what a plugin needs on this machine and how the host may make it so. It is
// data the host reads, previews and runs through its own mediated actions; it is never a script. Kept out of
// the browser build (the Node entry and the host read it), so plugins pay nothing for it in their frames.
import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { lineSchema, modeSchema as numericModeSchema, scopeIdSchema } from '../primitives.js';
import { argsSchema } from '../actions/process-exec.js';
import { stepIdSchema } from '../actions/workflow.js';

/** At most this many requirements, steps and teardown steps each. */
export const SETUP_LIMITS = { requirements: 32, steps: 32, operations: 32 } as const;

/**
 * True for `~/a/b`: a path under the user's home, which the host supplies (never the plugin), with no empty,
 * `.` or `..` segment, no backslash and no NUL.
 * @example isHomePath('~/.config/app') // true; isHomePath('/etc/passwd') // false
 */
export function isHomePath(value: string): boolean {
  if (!value.startsWith('~/') || value.length > LIMITS.pathLength || /[\0\\]/.test(value)) return false;
  return value
    .slice(2)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export const homePathSchema = z
  .string()
  .check(z.refine(isHomePath, 'must be a path under the home folder written "~/a/b" (no "." or ".." segments, no "//", no backslash)'));

/** An environment variable's name, as POSIX shells spell them. */
export const envNameSchema = z
  .string()
  .check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name like APP_SOCKET'));

const idSchema = stepIdSchema;

/** Permission bits, as a number or (JSON has no octal) an octal string such as `"0600"`. */
export const setupModeSchema = z.union([
  numericModeSchema,
  z.string().check(z.regex(/^0[0-7]{3}$/, 'must be an octal mode such as "0600"')),
]);
const modeSchema = setupModeSchema;

/** The permission bits a mode value names. */
export function setupModeBits(mode: number | string): number {
  return typeof mode === 'number' ? mode : Number.parseInt(mode, 8);
}
const titleSchema = lineSchema(LIMITS.titleLength).check(z.minLength(1));

/** A file or folder that exists at a home path; with `mode`, its permission bits are exactly that. */
export const pathFactSchema = z.strictObject({
  kind: z.literal(['file', 'folder']),
  path: homePathSchema,
  mode: z.optional(modeSchema),
});
export type SetupPathFact = z.infer<typeof pathFactSchema>;

/** An environment variable the plugin's processes need; the user gives its value (or takes the default). */
export const envFactSchema = z.strictObject({
  kind: z.literal('env'),
  name: envNameSchema,
  description: lineSchema(LIMITS.titleLength).check(z.minLength(1)),
  default: z.optional(z.string().check(z.maxLength(LIMITS.envValueLength))),
});

const head = { id: idSchema, title: titleSchema };
export const setupRequirementSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...head, kind: z.literal('file'), path: homePathSchema, mode: z.optional(modeSchema) }),
  z.strictObject({ ...head, kind: z.literal('folder'), path: homePathSchema, mode: z.optional(modeSchema) }),
  z.strictObject({ ...head, ...envFactSchema.shape }),
]);
export type SetupRequirement = z.infer<typeof setupRequirementSchema>;

const contentSchema = z.string().check(z.maxLength(64 * 1024, 'must be at most 65536 characters'));

/** The filesystem operations of `system.fs.mutate`, with home paths instead of absolute ones. */
export const setupFsOperationSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mkdir'), path: homePathSchema, recursive: z.optional(z.boolean()), mode: z.optional(modeSchema) }),
  z.strictObject({ type: z.literal('writeFile'), path: homePathSchema, content: contentSchema, mode: z.optional(modeSchema) }),
  z.strictObject({ type: z.literal('appendFile'), path: homePathSchema, content: contentSchema }),
  z.strictObject({ type: z.literal('rename'), from: homePathSchema, to: homePathSchema }),
  z.strictObject({ type: z.literal('remove'), path: homePathSchema, recursive: z.optional(z.boolean()), force: z.optional(z.boolean()) }),
]);
export type SetupFsOperation = z.infer<typeof setupFsOperationSchema>;

const fsActionSchema = z.strictObject({
  scope: scopeIdSchema,
  operations: z
    .array(setupFsOperationSchema)
    .check(
      z.minLength(1, 'must list at least one operation'),
      z.maxLength(SETUP_LIMITS.operations, `at most ${SETUP_LIMITS.operations} operations`),
    ),
});
const processActionSchema = z.strictObject({
  scope: scopeIdSchema,
  command: z.string().check(z.regex(/^\//, 'must be an absolute path to the executable')),
  /** An argument starting with `~/` names a home path; the host expands it. */
  args: z.optional(argsSchema),
  cwd: z.optional(homePathSchema),
  timeoutMs: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.timeoutMs))),
});

/** What one step does: a batch of file operations in an fs scope (`fs`), or one process in a process scope (`process`). */
export const setupActionSchema = z
  .strictObject({ fs: z.optional(fsActionSchema), process: z.optional(processActionSchema) })
  .check(z.refine((action) => (action.fs === undefined) !== (action.process === undefined), 'must give exactly one of "fs" or "process"'));
export type SetupAction = z.infer<typeof setupActionSchema>;

export const SETUP_PLATFORMS = ['linux', 'darwin', 'win32'] as const;
export type SetupPlatform = (typeof SETUP_PLATFORMS)[number];

export const setupStepSchema = z
  .strictObject({
    id: idSchema,
    title: titleSchema,
    fs: z.optional(fsActionSchema),
    process: z.optional(processActionSchema),
    /** The step makes this hold: skipped when it already does, and failed when it does not afterwards. */
    creates: z.optional(pathFactSchema),
    /** Skipped when this already holds. */
    unless: z.optional(pathFactSchema),
    /** Per-platform replacements of the action; a platform with neither a variant nor a default action skips the step. */
    platforms: z.optional(
      z.strictObject({ linux: z.optional(setupActionSchema), darwin: z.optional(setupActionSchema), win32: z.optional(setupActionSchema) }),
    ),
  })
  .check(
    z.refine((step) => !(step.fs !== undefined && step.process !== undefined), 'must give one action, "fs" or "process", not both'),
    z.refine(
      (step) => step.fs !== undefined || step.process !== undefined || step.platforms !== undefined,
      'must give an action ("fs" or "process") or "platforms"',
    ),
  );
export type SetupStep = z.infer<typeof setupStepSchema>;

const stepsSchema = (what: string) =>
  z.array(setupStepSchema).check(z.maxLength(SETUP_LIMITS.steps, `at most ${SETUP_LIMITS.steps} ${what}`));

/** The `setup` section of `manifest.json`. */
export const setupSectionSchema = z
  .strictObject({
    requires: z
      .array(setupRequirementSchema)
      .check(
        z.minLength(1, 'must list at least one requirement'),
        z.maxLength(SETUP_LIMITS.requirements, `at most ${SETUP_LIMITS.requirements} requirements`),
      ),
    steps: z._default(stepsSchema('steps'), []),
    teardown: z._default(stepsSchema('teardown steps'), []),
  })
  .check(
    z.superRefine((section, ctx) => {
      const unique = (ids: string[], path: string) => {
        const seen = new Set<string>();
        ids.forEach((id, index) => {
          if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, index, 'id'], message: `duplicate id "${id}"` });
          seen.add(id);
        });
      };
      unique(
        section.requires.map((entry) => entry.id),
        'requires',
      );
      unique(
        section.steps.map((entry) => entry.id),
        'steps',
      );
      unique(
        section.teardown.map((entry) => entry.id),
        'teardown',
      );
    }),
  );
export type SetupSection = z.infer<typeof setupSectionSchema>;
export type SetupSectionInput = z.input<typeof setupSectionSchema>;

/**
 * The capabilities a setup section's steps need (each runs as the plugin's own request), sorted.
 * @example setupCapabilities(section) // ['system.fs.mutate', 'system.fs.scope.workspace', ...]
 */
export function setupCapabilities(section: SetupSection): string[] {
  const needed = new Set<string>();
  const add = (action: SetupAction | null | undefined) => {
    if (action?.fs) needed.add('system.fs.mutate').add(`system.fs.scope.${action.fs.scope}`);
    if (action?.process) needed.add('system.process.exec').add(`system.process.scope.${action.process.scope}`);
  };
  for (const step of [...section.steps, ...section.teardown]) {
    add({ fs: step.fs, process: step.process });
    for (const platform of SETUP_PLATFORMS) add(step.platforms?.[platform]);
  }
  return [...needed].sort();
}
