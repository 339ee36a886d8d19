import { scopeViolation } from '../action-failure';
import type { ProcessScope } from './process-scope';
import {
  flagMatches,
  flagsOfToken,
  isOptionLike,
  parseToolArgv,
  pathStartsWith,
  resolveSubcommandPath,
  ruleApplies,
  ruleFlag,
  toolGrammar,
  type ParsedToolArgv,
  type PathValue,
  type ToolGrammar,
} from './process-tools';
import { checkDeniedResources, outputTemplateFiles } from './kubectl-resources';
import { checkSshKeygenArgs } from './process-tools/ssh-keygen';

export interface ArgumentCheck {
  /** The canonical subcommand path (`container run`), `""` for none, or null for tool `none`. */
  subcommand: string | null;
  /** Option values and operands that name files; the caller checks them against the cwd roots. */
  pathValues: PathValue[];
  /** The parsed argv, null for tool `none`. */
  parsed: ParsedToolArgv | null;
}

const regexCache = new Map<string, RegExp>();
function compiled(source: string, anchored: boolean): RegExp {
  const key = `${anchored ? 'a' : 's'}:${source}`;
  let regex = regexCache.get(key);
  if (!regex) {
    regex = new RegExp(anchored ? `^(?:${source})$` : source, 'u');
    if (regexCache.size > 1024) regexCache.clear();
    regexCache.set(key, regex);
  }
  return regex;
}

function matchesPath(path: readonly string[], entry: string, grammar: ToolGrammar): boolean {
  const prefix = resolveSubcommandPath(grammar, entry);
  if (prefix === null) return false;
  // "" names running with no subcommand at all; it is not a prefix of every path.
  return prefix.length === 0 ? path.length === 0 : pathStartsWith(path, prefix);
}

function checkArgvPatterns(scope: Pick<ProcessScope, 'rules'>, args: readonly string[]): void {
  const matches = scope.rules.argv.some(
    (pattern) =>
      pattern.length === args.length &&
      pattern.every((expected, index) => {
        const actual = args[index] as string;
        return typeof expected === 'string' ? actual === expected : compiled(expected.regex, true).test(actual);
      }),
  );
  if (!matches) {
    throw scopeViolation('argument-pattern', 'The arguments do not match any argv pattern this scope allows.', { args: [...args] });
  }
}

/**
 * Checks argv against a scope's argument rules and its tool's grammar. Pure: file paths named by options
 * are returned for the caller to check against the cwd roots. Throws SCOPE_VIOLATION naming the rule.
 */
export function checkArgumentRules(scope: Pick<ProcessScope, 'tool' | 'rules'>, args: readonly string[]): ArgumentCheck {
  if (scope.tool === 'ssh-keygen') {
    const checked = checkSshKeygenArgs(args);
    return { subcommand: checked.form, pathValues: checked.pathValues, parsed: null };
  }
  const grammar = toolGrammar(scope.tool);
  if (!grammar) {
    checkArgvPatterns(scope, args);
    return { subcommand: null, pathValues: [], parsed: null };
  }
  const { rules } = scope;
  const parsed = parseToolArgv(grammar, args, { pathOptions: rules.pathOptions });
  const isDeniedGlobal = (names: readonly string[], denied: boolean | undefined) =>
    denied === true || names.some((name) => rules.deniedGlobalOptions.includes(name));

  for (const global of parsed.globals) {
    if (isDeniedGlobal(global.option.names, global.option.denied)) {
      throw scopeViolation('global-option-denied', `The ${grammar.tool} global option "${global.name}" is not allowed.`, {
        option: global.name,
      });
    }
  }
  if (grammar.persistentGlobals) {
    for (const option of parsed.options) {
      const global = grammar.globalOptions.find((candidate) => candidate.names.includes(option.name));
      if (global && isDeniedGlobal(global.names, global.denied)) {
        throw scopeViolation('global-option-denied', `The ${grammar.tool} global option "${option.name}" is not allowed.`, {
          option: option.name,
        });
      }
    }
  }

  const subcommand = parsed.path.join(' ');
  const denied = rules.deniedSubcommands.find((entry) => matchesPath(parsed.path, entry, grammar));
  if (denied !== undefined) {
    throw scopeViolation('subcommand-denied', `"${grammar.tool} ${subcommand}" is denied by this scope (rule "${denied}").`, {
      subcommand,
      rule: denied,
    });
  }
  if (!rules.allowedSubcommands.some((entry) => matchesPath(parsed.path, entry, grammar))) {
    throw scopeViolation('subcommand-not-allowed', `"${grammar.tool} ${subcommand}" is not a subcommand this scope allows.`, {
      subcommand,
    });
  }

  const deniedFlags = [...grammar.deniedFlags, ...rules.deniedFlags]
    .filter((rule) => ruleApplies(rule, parsed.path, grammar))
    .map(ruleFlag);
  for (const token of args.slice(parsed.restStart)) {
    if (!isOptionLike(token)) continue;
    const names = flagsOfToken(grammar, token);
    const flag = deniedFlags.find((candidate) => names.some((name) => flagMatches(grammar, name, candidate)));
    if (flag !== undefined) {
      throw scopeViolation('flag-denied', `The flag "${flag}" is not allowed for "${grammar.tool} ${subcommand}" (in "${token}").`, {
        flag,
        argument: token,
        subcommand,
      });
    }
  }

  const deniedArguments = [...grammar.deniedArguments, ...rules.deniedArguments.map((source) => compiled(source, false))];
  for (const arg of args) {
    const pattern = deniedArguments.find((regex) => regex.test(arg));
    if (pattern) {
      throw scopeViolation('argument-pattern', `The argument "${arg}" matches a pattern this scope refuses.`, {
        argument: arg,
        pattern: pattern.source,
      });
    }
  }

  for (const rule of rules.positional) {
    if (!matchesPath(parsed.path, rule.subcommand, grammar)) continue;
    parsed.positionals.forEach((operand, index) => {
      const source = rule.patterns[index] ?? rule.rest;
      if (source === undefined) {
        throw scopeViolation('argument-pattern', `"${grammar.tool} ${subcommand}" allows at most ${rule.patterns.length} operands.`, {
          index,
          argument: operand,
        });
      }
      if (!compiled(source, true).test(operand)) {
        throw scopeViolation('argument-pattern', `Operand ${index} ("${operand}") does not match the pattern this scope sets for it.`, {
          index,
          argument: operand,
          pattern: source,
        });
      }
    });
  }
  if (scope.tool !== 'kubectl') return { subcommand, pathValues: parsed.pathValues, parsed };
  checkDeniedResources(parsed, rules.deniedResources);
  return { subcommand, pathValues: [...parsed.pathValues, ...outputTemplateFiles(parsed)], parsed };
}
