import { dockerGrammar } from './docker';
import { gitGrammar } from './git';
import { helmGrammar } from './helm';
import { kubectlGrammar } from './kubectl';
import { terraformGrammar } from './terraform';
import type { GrammarTool, ProcessTool, ToolGrammar } from './tool-grammar';

export * from './tool-grammar';
export { parseToolArgv, resolveSubcommandPath, ruleApplies, pathStartsWith, type ParsedToolArgv, type PathValue } from './parse-tool-argv';
export { flagMatches, flagsOfToken, isOptionLike } from './flag-match';

const GRAMMARS: Readonly<Record<GrammarTool, ToolGrammar>> = {
  docker: dockerGrammar,
  kubectl: kubectlGrammar,
  helm: helmGrammar,
  terraform: terraformGrammar,
  git: gitGrammar,
};

/** The grammar of a tool, or null for `none` and `ssh-keygen` (fixed forms). */
export function toolGrammar(tool: ProcessTool): ToolGrammar | null {
  return tool === 'none' || tool === 'ssh-keygen' ? null : GRAMMARS[tool];
}
