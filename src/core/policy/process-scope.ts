import type { z } from 'zod';
import { executableSafetyProblem } from './process-executable-safety';
import { envKeyProblem } from './process-env-rules';
import { processScopeShapeSchema, type ProcessArgumentRules } from '../../shared/process-scope-shape';
import { resolveSubcommandPath, toolGrammar, type ProcessTool } from './process-tools';

/** True when the rules are argv patterns made only of literal arguments. */
export function isLiteralArgv(rules: Pick<ProcessArgumentRules, 'argv'>): boolean {
  return rules.argv.length > 0 && rules.argv.every((pattern) => pattern.every((arg) => typeof arg === 'string'));
}

/**
 * A set of executables a plugin may run, with the argument rules, working folders, environment keys,
 * limits and confirmation that apply. Parsing a scope also refuses unsafe ones: shells and command runners,
 * interpreters outside exact literal argv, forbidden env keys, subcommands the grammar does not know.
 */
export const processScopeSchema = processScopeShapeSchema.superRefine((scope, ctx) => {
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
export type { ProcessArgumentRules };
