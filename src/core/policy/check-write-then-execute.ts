import { scopeViolation } from '../action-failure';
import { isInside, joinUnnormalized, realRoots, resolveRealPath } from './process-paths';
import type { ParsedToolArgv, PathValue, ToolGrammar } from './process-tools';

export interface WriteThenExecuteInput {
  grammar: ToolGrammar;
  parsed: ParsedToolArgv;
  /** The real folder the tool works in (after `-chdir` / `-C`). */
  toolFolder: string;
  pathValues: readonly PathValue[];
  writableRoots: readonly string[];
  homeDir: string;
}

/**
 * The write-then-execute rule: a plugin that can write files may not run a tool that loads code from a
 * place it can write, since that is running a program of its own choosing. A tool's grammar says what it
 * loads (terraform: providers from its working folder; kubectl and helm: the kubeconfig and plugin folders
 * under home); where the host neutralises the loading itself (git), only the config folders count.
 */
export async function checkWriteThenExecute(input: WriteThenExecuteInput): Promise<void> {
  if (input.writableRoots.length === 0) return;
  const writable = await realRoots(input.writableRoots);
  const refuse = (what: string, path: string, root: string, where: 'working-folder' | 'config') =>
    scopeViolation(
      'code-in-writable-folder',
      `${input.grammar.tool} would load code from ${what} ${path}, which this plugin can write (${root}); run it from a folder the plugin cannot change.`,
      { tool: input.grammar.tool, path, writableRoot: root, where },
    );
  const { codeLoading } = input.grammar;
  const insideWritable = (path: string) => writable.find((root) => isInside(path, root));
  const folders = !codeLoading.neutralized && codeLoading.workingFolder(input.parsed.path) ? [input.toolFolder] : [];
  for (const value of input.pathValues) {
    if (codeLoading.codeOptions.includes(value.option))
      folders.push(await resolveRealPath(joinUnnormalized(input.toolFolder, value.value)));
  }
  for (const folder of folders) {
    const root = insideWritable(folder);
    if (root) throw refuse('the folder', folder, root, 'working-folder');
  }
  for (const configPath of codeLoading.configPaths(input.homeDir)) {
    const real = await resolveRealPath(configPath);
    const root = insideWritable(real) ?? writable.find((candidate) => isInside(candidate, real));
    if (root) throw refuse('its configuration in', configPath, root, 'config');
  }
}
