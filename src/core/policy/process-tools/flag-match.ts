import type { ToolGrammar } from './tool-grammar';

/** True for an argument the tool reads as an option (`-` alone is the stdin operand). */
export function isOptionLike(token: string): boolean {
  return token.length > 1 && token.startsWith('-');
}

type NameStyle = Pick<ToolGrammar, 'style'> & Partial<Pick<ToolGrammar, 'foldsWordSeparators'>>;

/**
 * The option name of a token: `--mount=x` → `--mount`; with Go flags `--var-file=x` → `-var-file`; where
 * the tool folds word separators (kubectl) `--as_group` → `--as-group`, so a rule cannot be spelt around.
 */
export function optionName(grammar: NameStyle, token: string): string {
  const equals = token.indexOf('=');
  const raw = equals < 0 ? token : token.slice(0, equals);
  const name = grammar.foldsWordSeparators && raw.startsWith('--') ? `--${raw.slice(2).replaceAll('_', '-')}` : raw;
  return grammar.style === 'go' ? normalizeGoFlag(name) : name;
}

/** Go's flag package reads `-name` and `--name` alike; the single-dash spelling is canonical. */
export function normalizeGoFlag(name: string): string {
  return name.startsWith('--') ? name.slice(1) : name;
}

/**
 * Every flag a token may stand for, so a denied flag cannot hide in a cluster: `-it` → `-it`, `-i`, `-t`;
 * `-v=/x` → `-v=/x`'s name `-v`; `--mount=type=bind` → `--mount`.
 */
export function flagsOfToken(grammar: NameStyle, token: string): string[] {
  if (!isOptionLike(token)) return [];
  const name = optionName(grammar, token);
  if (grammar.style === 'go' || token.startsWith('--')) return [name];
  const names = [name];
  for (const char of token.slice(1)) {
    if (char === '=') break;
    names.push(`-${char}`);
  }
  return names;
}

/** True when the option name a token carries means `flag`, counting git's unique-prefix abbreviations. */
export function flagMatches(grammar: Pick<ToolGrammar, 'style' | 'abbreviatesLongOptions'>, name: string, flag: string): boolean {
  const wanted = grammar.style === 'go' ? normalizeGoFlag(flag) : flag;
  if (name === wanted) return true;
  // git accepts any unambiguous prefix of a long option, so `--upload-p` is `--upload-pack`.
  return grammar.abbreviatesLongOptions && name.startsWith('--') && wanted.startsWith('--') && name.length >= 3 && wanted.startsWith(name);
}
