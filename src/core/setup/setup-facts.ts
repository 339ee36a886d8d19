// Whether a setup fact holds on this machine, read from the disk itself. The home folder comes from the host;
// a plugin only ever names paths under it (`~/a/b`), and the user may move one elsewhere (an override).
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { setupModeBits, type SetupPathFact, type SetupRequirement } from '@gatehouse/plugin-sdk/node';

/** How `~/...` paths become real ones for one plugin: the host's home, and the user's alternative paths. */
export interface PathResolver {
  home: string;
  /** `~/...` path as declared → absolute path the user chose instead (a prefix: `~/a` also moves `~/a/b`). */
  overrides: Readonly<Record<string, string>>;
}

/** The absolute path a declared `~/...` path stands for. */
export function resolveHomePath(path: string, resolver: PathResolver): string {
  // The longest overridden prefix wins, so a file override beats its folder's.
  const prefixes = Object.keys(resolver.overrides).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return `${resolver.overrides[prefix]}${path.slice(prefix.length)}`;
  }
  return join(resolver.home, path.slice(2));
}

export interface FactCheck {
  holds: boolean;
  /** Why it does not hold, in words (never file contents). */
  detail: string | null;
}

/** A file or folder fact: the entry itself (a symlink never counts), its type and its permission bits. */
export async function checkPathFact(fact: SetupPathFact, resolver: PathResolver): Promise<FactCheck & { path: string }> {
  const path = resolveHomePath(fact.path, resolver);
  const stats = await lstat(path).catch(() => null);
  if (!stats) return { path, holds: false, detail: 'does not exist' };
  const isRight = fact.kind === 'file' ? stats.isFile() : stats.isDirectory();
  if (!isRight) return { path, holds: false, detail: `is not a ${fact.kind}` };
  if (fact.mode !== undefined) {
    const want = setupModeBits(fact.mode);
    const have = stats.mode & 0o7777;
    if (have !== want) return { path, holds: false, detail: `has mode ${octal(have)}, not ${octal(want)}` };
  }
  return { path, holds: true, detail: null };
}

export interface RequirementCheck extends FactCheck {
  id: string;
  title: string;
  kind: SetupRequirement['kind'];
  /** The absolute path checked, or the variable's name. */
  target: string;
}

/** Checks every requirement; an env requirement holds when the user gave a value or the plugin a default. */
export async function checkRequirements(
  requires: readonly SetupRequirement[],
  resolver: PathResolver,
  envValues: Readonly<Record<string, string>>,
): Promise<RequirementCheck[]> {
  return Promise.all(
    requires.map(async (requirement): Promise<RequirementCheck> => {
      const head = { id: requirement.id, title: requirement.title, kind: requirement.kind };
      if (requirement.kind === 'env') {
        const holds = envValues[requirement.name] !== undefined || requirement.default !== undefined;
        return { ...head, target: requirement.name, holds, detail: holds ? null : `${requirement.name} has no value; set it in Settings` };
      }
      const checked = await checkPathFact(requirement, resolver);
      return { ...head, target: checked.path, holds: checked.holds, detail: checked.detail };
    }),
  );
}

/** The environment a plugin's processes get from its setup: the user's values over the declared defaults. */
export function setupEnv(requires: readonly SetupRequirement[], envValues: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const requirement of requires) {
    if (requirement.kind !== 'env') continue;
    const value = envValues[requirement.name] ?? requirement.default;
    if (value !== undefined) env[requirement.name] = value;
  }
  return env;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
