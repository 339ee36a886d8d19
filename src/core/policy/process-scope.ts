import { z } from 'zod';
import { LIMITS, absolutePathSchema, scopeIdSchema } from '@gatehouse/plugin-sdk';
import { DEFAULT_PROCESS_SANDBOX, processSandboxSchema } from '../sandbox/sandbox-schema';
import { executableSafetyProblem } from './process-executable-safety';
import { envKeyProblem } from './process-env-rules';
import {
  FLAG_PATTERN,
  PROCESS_SCOPE_MAX_OUTPUT_BYTES,
  PROCESS_SCOPE_MAX_REMEMBER_MS,
  PROCESS_TOOLS,
  SECRET_NAME_PATTERN,
  SHA256_PATTERN,
  SUBCOMMAND_PATTERN,
} from '../../shared/scope-rules';
import { resolveSubcommandPath, toolGrammar, type ProcessTool } from './process-tools';

const flagSchema = z.string().regex(FLAG_PATTERN, { message: 'must be a flag such as "-v" or "--mount"' });
const subcommandSchema = z
  .string()
  .max(200)
  .regex(SUBCOMMAND_PATTERN, { message: 'must be subcommand words separated by single spaces, or "" for none' });

const regexSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  );

export const processToolSchema = z.enum(PROCESS_TOOLS);

/** A flag everywhere, or only under one subcommand path. */
export const flagRuleSchema = z.union([flagSchema, z.strictObject({ flag: flagSchema, subcommand: subcommandSchema })]);

/**
 * Patterns for the operands after a subcommand: operand i must fully match `patterns[i]`, later ones `rest`;
 * with no `rest`, extra operands are refused.
 */
export const positionalRuleSchema = z.strictObject({
  subcommand: subcommandSchema,
  patterns: z.array(regexSchema).max(32),
  rest: regexSchema.optional(),
});

/** One argument of an exact argv pattern: a literal string, or `{ regex }` matched in full. */
export const argvPatternArgSchema = z.union([z.string().max(LIMITS.execArgLength), z.strictObject({ regex: regexSchema })]);

export const processArgumentRulesSchema = z.strictObject({
  /** Canonical subcommand paths allowed, matched as word prefixes; `""` allows running with no subcommand. */
  allowedSubcommands: z.array(subcommandSchema).max(256).default([]),
  /** Canonical subcommand paths refused, matched as word prefixes; a denial beats an allowance. */
  deniedSubcommands: z.array(subcommandSchema).max(256).default([]),
  /** Global options refused (by any of their spellings). */
  deniedGlobalOptions: z.array(flagSchema).max(64).default([]),
  /** Flags refused anywhere after the subcommand, also inside `-abc` clusters and `--flag=value` forms. */
  deniedFlags: z.array(flagRuleSchema).max(256).default([]),
  /** Options whose values are paths that must lie inside the cwd roots, beyond those the grammar knows. */
  pathOptions: z.array(flagRuleSchema).max(64).default([]),
  positional: z.array(positionalRuleSchema).max(64).default([]),
  /** Regular expressions no argument may match (searched, not anchored). */
  deniedArguments: z.array(regexSchema).max(64).default([]),
  /**
   * kubectl only: resource types refused in every spelling (`secrets` also refuses `Secret/x`, `secret.v1`),
   * and with them `-f`, `-k` and `--raw`, whose manifests the host cannot check.
   */
  deniedResources: z
    .array(z.string().regex(/^[a-z][a-z0-9.-]{0,62}$/, { message: 'must be a lowercase resource name such as "secrets"' }))
    .max(64)
    .default([]),
  /** Tool `none` only: argv must match one of these exactly, argument for argument. */
  argv: z.array(z.array(argvPatternArgSchema).max(LIMITS.execArgs)).max(64).default([]),
});
export type ProcessArgumentRules = z.infer<typeof processArgumentRulesSchema>;

export const processConfirmationSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('always') }),
  z.strictObject({ mode: z.literal('never') }),
  z.strictObject({ mode: z.literal('per-command'), rememberMs: z.number().int().min(1000).max(PROCESS_SCOPE_MAX_REMEMBER_MS) }),
]);

export const processExecutableSchema = z.strictObject({
  path: absolutePathSchema,
  /** Lowercase hex sha256 of the file the path resolves to, checked before every spawn. */
  sha256: z.string().regex(SHA256_PATTERN, { message: 'must be a lowercase hex sha256' }).optional(),
});

const baseProcessScopeSchema = z.strictObject({
  id: scopeIdSchema,
  title: z.string().min(1).max(LIMITS.titleLength),
  executables: z.array(processExecutableSchema).min(1, { message: 'must list at least one executable' }).max(16),
  tool: processToolSchema,
  rules: processArgumentRulesSchema.default(processArgumentRulesSchema.parse({})),
  cwdRoots: z.array(absolutePathSchema).max(64).default([]),
  allowedEnvKeys: z.array(z.string().max(LIMITS.envKeyLength)).max(LIMITS.envEntries).default([]),
  /** Env keys the host fills from the OS keychain: env key → secret name of this scope. Never seen by the plugin. */
  secretEnv: z
    .record(z.string().max(LIMITS.envKeyLength), z.string().regex(SECRET_NAME_PATTERN, { message: 'must be a secret name' }))
    .refine((entries) => Object.keys(entries).length <= LIMITS.envEntries, { message: `at most ${LIMITS.envEntries} secret env entries` })
    .default({}),
  timeoutCeilingMs: z.number().int().min(1).max(LIMITS.timeoutMs),
  maxOutputBytes: z.number().int().min(1).max(PROCESS_SCOPE_MAX_OUTPUT_BYTES),
  confirmation: processConfirmationSchema,
  /** What a tool of this scope can do that no check or sandbox of the host can stop, in plain words. */
  risk: z.string().max(1000).optional(),
  /** What the tool's OS sandbox lets it reach beyond its working roots; denies everything by default. */
  sandbox: processSandboxSchema.default(DEFAULT_PROCESS_SANDBOX),
});

/** True when the rules are argv patterns made only of literal arguments. */
export function isLiteralArgv(rules: Pick<ProcessArgumentRules, 'argv'>): boolean {
  return rules.argv.length > 0 && rules.argv.every((pattern) => pattern.every((arg) => typeof arg === 'string'));
}

/**
 * A set of executables a plugin may run, with the argument rules, working folders, environment keys,
 * limits and confirmation that apply. Parsing a scope also refuses unsafe ones: shells and command runners,
 * interpreters outside exact literal argv, forbidden env keys, subcommands the grammar does not know.
 */
export const processScopeSchema = baseProcessScopeSchema.superRefine((scope, ctx) => {
  const literal = isLiteralArgv(scope.rules);
  scope.executables.forEach((executable, index) => {
    const problem = executableSafetyProblem(executable.path, scope.tool, literal);
    if (problem) ctx.addIssue({ code: 'custom', path: ['executables', index, 'path'], message: problem });
  });
  scope.allowedEnvKeys.forEach((key, index) => {
    const problem = envKeyProblem(key, scope.tool);
    if (problem) ctx.addIssue({ code: 'custom', path: ['allowedEnvKeys', index], message: `"${key}" may not be allowed: ${problem}` });
  });
  for (const key of Object.keys(scope.secretEnv)) {
    const problem = envKeyProblem(key, scope.tool);
    if (problem) ctx.addIssue({ code: 'custom', path: ['secretEnv', key], message: `"${key}" may not take a secret: ${problem}` });
  }
  const grammar = toolGrammar(scope.tool);
  const { rules } = scope;
  if (!grammar) {
    const grammarOnly = [
      'allowedSubcommands',
      'deniedSubcommands',
      'deniedGlobalOptions',
      'deniedFlags',
      'pathOptions',
      'positional',
      'deniedArguments',
      'deniedResources',
    ] as const;
    for (const key of grammarOnly) {
      if (rules[key].length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', key],
          message: `tool "${scope.tool}" takes ${scope.tool === 'none' ? 'exact argv patterns' : 'no argument rules'} only`,
        });
    }
    // ssh-keygen's two forms are fixed by the host; a scope cannot widen them with patterns.
    if (scope.tool === 'ssh-keygen' && rules.argv.length > 0)
      ctx.addIssue({ code: 'custom', path: ['rules', 'argv'], message: 'tool "ssh-keygen" takes no argument rules; its forms are fixed' });
    return;
  }
  if (rules.deniedResources.length > 0 && scope.tool !== 'kubectl') {
    ctx.addIssue({ code: 'custom', path: ['rules', 'deniedResources'], message: 'resource rules are for tool "kubectl"' });
  }
  if (rules.argv.length > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['rules', 'argv'],
      message: `argv patterns are for tool "none"; ${scope.tool} uses subcommand rules`,
    });
  const checkSubcommand = (words: string, path: (string | number)[]) => {
    if (resolveSubcommandPath(grammar, words) === null)
      ctx.addIssue({ code: 'custom', path, message: `"${words}" is not a ${scope.tool} subcommand` });
  };
  rules.allowedSubcommands.forEach((words, i) => checkSubcommand(words, ['rules', 'allowedSubcommands', i]));
  rules.deniedSubcommands.forEach((words, i) => checkSubcommand(words, ['rules', 'deniedSubcommands', i]));
  rules.positional.forEach((rule, i) => checkSubcommand(rule.subcommand, ['rules', 'positional', i, 'subcommand']));
  for (const key of ['deniedFlags', 'pathOptions'] as const) {
    rules[key].forEach((rule, i) => {
      if (typeof rule !== 'string') checkSubcommand(rule.subcommand, ['rules', key, i, 'subcommand']);
    });
  }
  rules.deniedGlobalOptions.forEach((flag, i) => {
    if (!grammar.globalOptions.some((option) => option.names.includes(flag))) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', 'deniedGlobalOptions', i],
        message: `"${flag}" is not a ${scope.tool} global option`,
      });
    }
  });
});
export type ProcessScope = z.infer<typeof processScopeSchema>;
export type ProcessScopeInput = z.input<typeof processScopeSchema>;
export type { ProcessTool };
