/**
 * Everything a platform sandbox needs to start one tool, with every path already a real path (symlinks
 * resolved) that exists. Built by the launcher from a checked invocation and its scope's sandbox.
 */
export interface SandboxPlan {
  /** The real path of the checked executable. */
  executable: string;
  args: readonly string[];
  /** The real working folder. */
  cwd: string;
  /** Writable inside the sandbox: the scope's working roots and its declared write paths. */
  writePaths: readonly string[];
  /** Readable inside the sandbox although they lie in a hidden place. */
  readPaths: readonly string[];
  /** Hidden (replaced by an empty folder): the user's home and the other homes. */
  hiddenPaths: readonly string[];
  network: boolean;
}

/** Path depth, so a bind below another one is made after it and lies on top. */
export function depth(path: string): number {
  return path.split('/').filter((part) => part !== '').length;
}

/** Reads then writes, each shallowest first, without duplicates; a path both read and written is written. */
export function orderedBinds(plan: Pick<SandboxPlan, 'readPaths' | 'writePaths' | 'executable'>): { path: string; write: boolean }[] {
  const writes = new Set(plan.writePaths);
  const reads = new Set([...plan.readPaths, plan.executable].filter((path) => !writes.has(path)));
  const binds = [...[...reads].map((path) => ({ path, write: false })), ...[...writes].map((path) => ({ path, write: true }))];
  // Stable: at equal depth, reads stay before writes.
  return binds.sort((a, b) => depth(a.path) - depth(b.path));
}
