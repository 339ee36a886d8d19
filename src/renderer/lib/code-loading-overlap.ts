// The write-then-execute rule as the scope editor shows it: where a process scope's tool would load code
// from folders a filesystem scope lets plugins write. The host enforces the rule; this only warns.

const CONFIG_FOLDERS: Readonly<Record<string, readonly string[]>> = {
  kubectl: ['.kube'],
  helm: ['.kube', '.config/helm', '.local/share/helm'],
  docker: ['.docker'],
  terraform: ['.terraform.d'],
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
const within = (path: string, root: string) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
const overlaps = (a: string, b: string) => within(a, b) || within(b, a);

/** One line per filesystem folder that would make this tool refuse to run for plugins that can write there. */
export function codeLoadingWarnings(scope: Record<string, unknown>, fsScopes: ReadonlyArray<Record<string, unknown>>): string[] {
  const tool = typeof scope.tool === 'string' ? scope.tool : 'none';
  const writable = [...new Set(fsScopes.flatMap((fs) => strings(fs.roots)))];
  const warnings: string[] = [];
  if (tool === 'terraform') {
    for (const root of writable) {
      if (strings(scope.cwdRoots).some((cwd) => overlaps(cwd, root))) {
        warnings.push(
          `Plugins that can change files in ${root} cannot run terraform there (it would load providers they wrote); fmt still runs.`,
        );
      }
    }
  }
  for (const folder of CONFIG_FOLDERS[tool] ?? []) {
    for (const root of writable) {
      if (root.split('/').includes(folder.split('/')[0] as string) || root.endsWith(`/${folder}`)) {
        warnings.push(`Plugins that can change files in ${root} cannot run ${tool}: its configuration (${folder}) could load their code.`);
      }
    }
  }
  return warnings;
}
