// The data a tool grammar is made of: global options, the subcommand tree, and the tool's own hazards.

import type { ProcessTool } from '../../../shared/scope-rules';

export type { ProcessTool } from '../../../shared/scope-rules';
/** Tools with a subcommand grammar; `ssh-keygen` has fixed forms instead (ssh-keygen.ts), `none` argv patterns. */
export type GrammarTool = Exclude<ProcessTool, 'none' | 'ssh-keygen'>;

/** A flag everywhere (`"--privileged"`) or only under a subcommand path (`{ flag: "-u", subcommand: "clone" }`). */
export type FlagRule = string | { flag: string; subcommand: string };

/** How an option value names files: a path, `key=path`, or a comma list of `key=path`. */
export type PathForm = 'plain' | 'keyed' | 'keyed-list';

export interface PathOptionRule {
  flag: string;
  subcommand?: string;
  form?: PathForm;
  /** What the value may be besides a local path (a module or chart address). */
  accepts?: 'path-or-remote' | 'git-remote';
}

export interface GlobalOption {
  /** Every spelling of the option, short and long (`-H`, `--host`). */
  names: readonly string[];
  takesValue: boolean;
  /** The value is accepted only as `--name=value` (an optional value), never from the next argument. */
  valueNeedsEquals?: boolean;
  /** The value is a path that must lie inside the cwd roots. */
  path?: boolean;
  /** The value changes the directory later relative paths resolve against (`git -C`, `terraform -chdir`). */
  chdir?: boolean;
  /** The tool runs commands or loads code through this option; no scope may allow it. */
  denied?: boolean;
}

/**
 * How the tool reads an operand: `word` (a name, a resource, a command for a container: never a host
 * path), `path` (a local file or folder), `path-or-remote` (a chart or context: an `http(s)://` or
 * `oci://` address, or else a local path), `git-remote` (a URL or `host:path`, or else a local path).
 */
export type OperandKind = 'word' | 'path' | 'path-or-remote' | 'git-remote';

/** The kinds of the operands after a subcommand path: operand i has `kinds[i]`, later ones `rest`. */
export interface OperandRule {
  subcommand: string;
  kinds: readonly OperandKind[];
  rest: OperandKind;
}

/**
 * Where a tool loads code from. `workingFolder`: this subcommand runs code found in its working folder
 * (terraform providers in `.terraform`); `configPaths`: files and folders under the user's home whose
 * contents make the tool run programs (a kubeconfig's exec credential plugin, helm plugins).
 * `neutralized`: the host switches that loading off itself (git, through its command-line configuration).
 */
export interface CodeLoading {
  workingFolder(path: readonly string[]): boolean;
  configPaths(home: string): string[];
  /** Options whose value is a folder the tool loads programs from (`docker --config`, `terraform -plugin-dir`). */
  codeOptions: readonly string[];
  neutralized: boolean;
}

export interface CommandNode {
  /** Sub-subcommands; a node with children is a group. */
  children?: Readonly<Record<string, CommandNode>>;
  /** Alternative names of children (`ps` → `ls`). */
  aliases?: Readonly<Record<string, string>>;
  /** A group that also runs on its own (`kubectl create -f x`); leaves always run. */
  runnable?: boolean;
}

export interface ToolGrammar {
  tool: GrammarTool;
  /** `gnu`: `--long`, `-s`, short clusters; `go`: Go's flag package, `-name` and `--name` are the same. */
  style: 'gnu' | 'go';
  /** Whether `-abc` means `-a -b -c` among the global options. */
  clusterShortGlobals: boolean;
  /** Whether the tool accepts a unique prefix of a long option (`git fetch --upload-p`). */
  abbreviatesLongOptions: boolean;
  /** Whether global options may also appear after the subcommand (cobra persistent flags). */
  persistentGlobals: boolean;
  globalOptions: readonly GlobalOption[];
  root: CommandNode;
  /** Raw subcommand path prefix → canonical prefix (`run` → `container run`). */
  canonicalPrefixes: ReadonlyArray<readonly [string, string]>;
  /** Options after the subcommand known to take the next argument as their value. */
  valueOptions: readonly FlagRule[];
  /** Options after the subcommand whose value is a path. */
  pathOptions: readonly PathOptionRule[];
  /** Flags that run commands or load code; refused whatever the scope says. */
  deniedFlags: readonly FlagRule[];
  /** Arguments refused anywhere in argv whatever the scope says. */
  deniedArguments: readonly RegExp[];
  /** Environment keys a plugin may never set for this tool, even when a scope lists them. */
  isForbiddenEnvKey(key: string): boolean;
  /** Environment the host always sets for this tool, over everything else. */
  hostEnv: Readonly<Record<string, string>>;
  /** Operand kinds by subcommand (longest matching prefix wins); `defaultOperand` elsewhere. */
  operands: readonly OperandRule[];
  defaultOperand: OperandKind;
  /** Whether the tool reads `--as_group` as `--as-group` (kubectl's flag normalisation). */
  foldsWordSeparators: boolean;
  codeLoading: CodeLoading;
}

/** Leaves named in a space-separated list. */
export function leaves(names: string): Record<string, CommandNode> {
  return Object.fromEntries(
    names
      .split(/\s+/)
      .filter((name) => name !== '')
      .map((name) => [name, {}]),
  );
}

/** A group of leaves with optional child aliases. */
export function group(names: string, aliases: Record<string, string> = {}, runnable = false): CommandNode {
  return { children: leaves(names), aliases, runnable };
}

/** The rule's flag. */
export function ruleFlag(rule: FlagRule): string {
  return typeof rule === 'string' ? rule : rule.flag;
}
