import { scopeViolation } from '../../action-failure';
import { flagMatches, isOptionLike, normalizeGoFlag, optionName } from './flag-match';
import {
  ruleFlag,
  type CommandNode,
  type OperandKind,
  type FlagRule,
  type GlobalOption,
  type PathForm,
  type PathOptionRule,
  type ToolGrammar,
} from './tool-grammar';

export interface ParsedGlobal {
  option: GlobalOption;
  /** The spelling used (`-H`, `--host`). */
  name: string;
  value: string | null;
}

export interface ParsedOption {
  name: string;
  value: string | null;
}

export interface PathValue {
  /** The option (`-f`), or `operand N` for the Nth operand after the subcommand. */
  option: string;
  value: string;
  form: PathForm;
  /** Later relative paths resolve against this one (`git -C`). */
  chdir: boolean;
  /** What the value may be besides a local path; option values are always `path`. */
  accepts?: Exclude<OperandKind, 'word'>;
}

export interface ParsedToolArgv {
  globals: ParsedGlobal[];
  /** The subcommand words as written, child aliases resolved. */
  rawPath: string[];
  /** The canonical subcommand path (`docker run` → `container run`). */
  path: string[];
  /** Options after the subcommand, clusters split. */
  options: ParsedOption[];
  positionals: string[];
  /** Every option value that names a file, in argv order. */
  pathValues: PathValue[];
  /** Index in argv of the first argument after the subcommand words. */
  restStart: number;
  /** Index in argv of the first subcommand word (the end of the global options). */
  globalsEnd: number;
}

/** Extra rules a scope adds to the grammar's own. */
export interface ParseExtras {
  pathOptions?: readonly FlagRule[];
}

const unknownOption = (token: string, why: string) =>
  scopeViolation('unknown-option', `Unknown or ambiguous option "${token}": ${why}`, { option: token });

/** True when `path` starts with the words of `prefix`. */
export function pathStartsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((word, index) => path[index] === word);
}

function childName(node: CommandNode, word: string): string | null {
  if (!node.children) return null;
  if (Object.hasOwn(node.children, word)) return word;
  const alias = node.aliases && Object.hasOwn(node.aliases, word) ? node.aliases[word] : undefined;
  return alias !== undefined && Object.hasOwn(node.children, alias) ? alias : null;
}

function canonicalize(grammar: ToolGrammar, raw: readonly string[]): string[] {
  let best: readonly [string[], string[]] | null = null;
  for (const [from, to] of grammar.canonicalPrefixes) {
    const fromWords = from.split(' ');
    if (pathStartsWith(raw, fromWords) && (!best || fromWords.length > best[0].length)) best = [fromWords, to.split(' ')];
  }
  return best ? [...best[1], ...raw.slice(best[0].length)] : [...raw];
}

/**
 * The canonical path of subcommand words written in a scope (`"run"` → `["container", "run"]`), or null when
 * a word is not a subcommand the grammar knows. The empty string names the empty path.
 */
export function resolveSubcommandPath(grammar: ToolGrammar, words: string): string[] | null {
  const parts = words.split(' ').filter((word) => word !== '');
  let node = grammar.root;
  const raw: string[] = [];
  for (const part of parts) {
    const name = childName(node, part);
    if (name === null) return null;
    raw.push(name);
    node = node.children?.[name] as CommandNode;
  }
  return canonicalize(grammar, raw);
}

function findGlobal(grammar: ToolGrammar, name: string): GlobalOption | undefined {
  return grammar.globalOptions.find((option) => option.names.includes(name));
}

/** True when a flag rule applies under this canonical subcommand path. */
export function ruleApplies(rule: FlagRule | PathOptionRule, path: readonly string[], grammar: ToolGrammar): boolean {
  const subcommand = typeof rule === 'string' ? undefined : rule.subcommand;
  if (subcommand === undefined) return true;
  const prefix = resolveSubcommandPath(grammar, subcommand);
  return prefix !== null && pathStartsWith(path, prefix);
}

/** Parses the global options at the front of argv; returns them and the index of the first other argument. */
function parseGlobals(grammar: ToolGrammar, args: readonly string[], pathValues: PathValue[]): { globals: ParsedGlobal[]; next: number } {
  const globals: ParsedGlobal[] = [];
  let i = 0;
  const record = (option: GlobalOption, name: string, value: string | null) => {
    globals.push({ option, name, value });
    if (option.path && value !== null) pathValues.push({ option: name, value, form: 'plain', chdir: option.chdir === true });
  };
  const takeNext = (token: string): string => {
    const value = args[i + 1];
    if (value === undefined) throw unknownOption(token, 'it needs a value');
    i += 1;
    return value;
  };
  while (i < args.length) {
    const token = args[i] as string;
    if (!isOptionLike(token)) break;
    if (token === '--') throw unknownOption(token, 'the subcommand must come before "--"');
    const long = grammar.style === 'go' || token.startsWith('--') || !grammar.clusterShortGlobals;
    if (long) {
      const name = optionName(grammar, token);
      const option = findGlobal(grammar, name) ?? (grammar.style === 'go' ? findGlobal(grammar, normalizeGoFlag(name)) : undefined);
      if (!option) throw unknownOption(token, `not a global option ${grammar.tool} is known to accept`);
      const equals = token.indexOf('=');
      if (equals >= 0) record(option, name, token.slice(equals + 1));
      else if (option.takesValue && option.valueNeedsEquals) {
        if (grammar.style === 'go') throw unknownOption(token, `write it as ${name}=VALUE`);
        record(option, name, null);
      } else record(option, name, option.takesValue ? takeNext(token) : null);
      i += 1;
      continue;
    }
    // A cluster of short options (`-Dl debug`); a value-taking one ends it.
    for (let j = 1; j < token.length; j++) {
      const name = `-${token[j]}`;
      const option = findGlobal(grammar, name);
      if (!option) throw unknownOption(token, `"${name}" is not a global option ${grammar.tool} is known to accept`);
      const rest = token.slice(j + 1);
      if (option.takesValue) {
        record(option, name, rest.startsWith('=') ? rest.slice(1) : rest !== '' ? rest : takeNext(token));
        break;
      }
      record(option, name, rest.startsWith('=') ? rest.slice(1) : null);
      if (rest.startsWith('=')) break;
    }
    i += 1;
  }
  return { globals, next: i };
}

/** Walks the subcommand tree from `start`; refuses unknown words and options that hide a later subcommand. */
function parseSubcommand(grammar: ToolGrammar, args: readonly string[], start: number): { rawPath: string[]; next: number } {
  let node = grammar.root;
  const rawPath: string[] = [];
  let i = start;
  while (i < args.length && node.children) {
    const token = args[i] as string;
    if (isOptionLike(token)) {
      // cobra looks past flags for a subcommand name; which words it skips depends on flag types we may not know.
      const hidden = args.slice(i + 1).find((later) => childName(node, later) !== null);
      if (hidden !== undefined)
        throw unknownOption(
          token,
          `an option between "${rawPath.join(' ')}" and "${hidden}" makes the subcommand ambiguous; write the subcommand first`,
        );
      break;
    }
    const name = childName(node, token);
    if (name === null) {
      if (node === grammar.root || !node.runnable) {
        throw scopeViolation(
          'subcommand-not-allowed',
          `"${[...rawPath, token].join(' ')}" is not a ${grammar.tool} subcommand the host knows (it may be a plugin or an alias), so it is refused.`,
          { subcommand: [...rawPath, token].join(' '), unknown: true },
        );
      }
      break;
    }
    rawPath.push(name);
    node = node.children[name] as CommandNode;
    i += 1;
  }
  return { rawPath, next: i };
}

/**
 * Parses argv with a tool grammar: global options (unknown ones refused), the subcommand path (unknown words
 * refused, synonyms made canonical), then the options and operands that follow. Pure; throws ActionFailure.
 */
export function parseToolArgv(grammar: ToolGrammar, args: readonly string[], extras: ParseExtras = {}): ParsedToolArgv {
  const pathValues: PathValue[] = [];
  const { globals, next } = parseGlobals(grammar, args, pathValues);
  const { rawPath, next: restStart } = parseSubcommand(grammar, args, next);
  const path = canonicalize(grammar, rawPath);

  const pathRules: PathOptionRule[] = [
    ...grammar.pathOptions.filter((rule) => ruleApplies(rule, path, grammar)),
    ...(extras.pathOptions ?? []).filter((rule) => ruleApplies(rule, path, grammar)).map((rule) => ({ flag: ruleFlag(rule) })),
  ];
  const valueFlags = grammar.valueOptions.filter((rule) => ruleApplies(rule, path, grammar)).map(ruleFlag);
  const persistent = grammar.persistentGlobals ? grammar.globalOptions : [];
  const pathRuleOf = (name: string): PathOptionRule | undefined =>
    pathRules.find((rule) => flagMatches(grammar, name, rule.flag)) ??
    (persistent.some((option) => option.path && option.names.includes(name)) ? { flag: name } : undefined);
  const takesValue = (name: string): boolean =>
    pathRuleOf(name) !== undefined ||
    valueFlags.some((flag) => flagMatches(grammar, name, flag)) ||
    persistent.some((option) => option.takesValue && !option.valueNeedsEquals && option.names.includes(name));

  const options: ParsedOption[] = [];
  const positionals: string[] = [];
  const record = (name: string, value: string | null) => {
    options.push({ name, value });
    const rule = pathRuleOf(name);
    if (rule && value !== null)
      pathValues.push({
        option: name,
        value,
        form: rule.form ?? 'plain',
        chdir: false,
        ...(rule.accepts ? { accepts: rule.accepts } : {}),
      });
  };
  let endOfOptions = false;
  for (let i = restStart; i < args.length; i++) {
    const token = args[i] as string;
    if (endOfOptions || !isOptionLike(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      endOfOptions = true;
      continue;
    }
    if (grammar.style === 'go' || token.startsWith('--')) {
      const name = optionName(grammar, token);
      const equals = token.indexOf('=');
      if (equals >= 0) record(name, token.slice(equals + 1));
      else if (takesValue(name) && i + 1 < args.length) record(name, args[++i] as string);
      else record(name, null);
      continue;
    }
    const whole = optionName(grammar, token);
    if (whole.length > 2 && takesValue(whole)) {
      // A single-dash long option the grammar knows (`-var-file`), not a cluster.
      const equals = token.indexOf('=');
      record(whole, equals >= 0 ? token.slice(equals + 1) : i + 1 < args.length ? (args[++i] as string) : null);
      continue;
    }
    for (let j = 1; j < token.length; j++) {
      const name = `-${token[j]}`;
      const rest = token.slice(j + 1);
      if (takesValue(name)) {
        const value = rest.startsWith('=') ? rest.slice(1) : rest !== '' ? rest : i + 1 < args.length ? (args[++i] as string) : null;
        record(name, value);
        break;
      }
      record(name, rest.startsWith('=') ? rest.slice(1) : null);
      if (rest.startsWith('=')) break;
    }
  }
  positionals.forEach((operand, index) => {
    const kind = operandKind(grammar, path, index);
    if (kind !== 'word') pathValues.push({ option: `operand ${index}`, value: operand, form: 'plain', chdir: false, accepts: kind });
  });
  return { globals, rawPath, path, options, positionals, pathValues, restStart, globalsEnd: next };
}

/** The kind of operand `index` under this canonical path: the longest matching operand rule, else the default. */
export function operandKind(grammar: ToolGrammar, path: readonly string[], index: number): OperandKind {
  let best: { length: number; kind: OperandKind } | null = null;
  for (const rule of grammar.operands) {
    const prefix = resolveSubcommandPath(grammar, rule.subcommand);
    if (prefix === null || !pathStartsWith(path, prefix) || (best && best.length >= prefix.length)) continue;
    best = { length: prefix.length, kind: rule.kinds[index] ?? rule.rest };
  }
  return best?.kind ?? grammar.defaultOperand;
}
