import type { z } from 'zod';
import { summarizeValidationIssues, toValidationIssues } from '@gatehouse/plugin-sdk';
import type { ScopeListing } from '../../shared/ipc-contract';
import { HostError } from '../host-error';
import type { SettingsStore } from '../ports';
import { anchoring } from '../fs/held-dir';
import { fsScopeSchema, type FsScope } from '../../shared/fs-scope-schema';
import { defaultSandboxRuntime } from '../sandbox/sandbox-runtime';
import { processScopeSchema, type ProcessScope } from './process-scope';

const CUSTOM_KEY = 'scopes.custom';

type Kind = 'fs' | 'process';
interface Custom {
  fs: FsScope[];
  process: ProcessScope[];
}

const schemas = { fs: fsScopeSchema, process: processScopeSchema } as const;

/**
 * Scopes the host knows: built-in presets plus administrator-defined scopes kept in settings.
 * A custom scope with a preset's id replaces that preset.
 */
export function createScopeStore(options: { settings: SettingsStore; presets: Custom; extra?: Partial<Record<Kind, unknown[]>> }) {
  const { settings, presets } = options;
  const extra: Custom = {
    fs: (options.extra?.fs ?? []).map((scope) => parseOrThrow('fs', scope)),
    process: (options.extra?.process ?? []).map((scope) => parseOrThrow('process', scope)),
  };

  function parseOrThrow<K extends Kind>(kind: K, raw: unknown): Custom[K][number] {
    const parsed = (schemas[kind] as z.ZodType<Custom[K][number]>).safeParse(raw);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error);
      throw new HostError('SCOPE_INVALID', summarizeValidationIssues(issues, kind === 'fs' ? 'filesystem scope' : 'process scope'), {
        issues,
      });
    }
    return parsed.data;
  }

  function readCustom(): Custom {
    const stored = settings.get(CUSTOM_KEY) as Partial<Custom> | undefined;
    // Stored scopes are re-validated: a hand-edited settings file must not widen a policy.
    const safe = <K extends Kind>(kind: K): Custom[K] =>
      ((stored?.[kind] ?? []) as unknown[]).flatMap((raw) => {
        const parsed = (schemas[kind] as z.ZodType<Custom[K][number]>).safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      }) as Custom[K];
    return { fs: safe('fs'), process: safe('process') };
  }

  function all<K extends Kind>(kind: K): Array<{ scope: Custom[K][number]; preset: boolean }> {
    const byId = new Map<string, { scope: Custom[K][number]; preset: boolean }>();
    for (const scope of presets[kind]) byId.set(scope.id, { scope, preset: true });
    for (const scope of extra[kind]) byId.set(scope.id, { scope, preset: false });
    for (const scope of readCustom()[kind]) byId.set(scope.id, { scope, preset: false });
    return [...byId.values()];
  }

  function listing(): ScopeListing {
    return {
      // How this platform anchors filesystem effects (docs/ARCHITECTURE.md §5); the Settings card notes a weaker one.
      fs: all('fs').map(({ scope, preset }) => ({ ...scope, preset, anchoring: anchoring() })),
      // Where no sandbox exists every process scope says so; whether it may run anyway is its own setting.
      process: all('process').map(({ scope, preset }) => ({ ...scope, preset, unsandboxed: !defaultSandboxRuntime.status().available })),
    };
  }

  return {
    fs: (id: string): FsScope | null => all('fs').find((entry) => entry.scope.id === id)?.scope ?? null,
    process: (id: string): ProcessScope | null => all('process').find((entry) => entry.scope.id === id)?.scope ?? null,
    list: listing,
    /** The scope a save would store; throws SCOPE_INVALID like a save does. */
    parse: <K extends Kind>(kind: K, raw: unknown): Custom[K][number] => parseOrThrow(kind, raw),
    /** The scope in force for an id (custom or preset), or null. */
    current: (kind: Kind, id: string): FsScope | ProcessScope | null => all(kind).find((entry) => entry.scope.id === id)?.scope ?? null,
    /** The scope an id falls back to when its custom scope is removed: a preset or a managed one, or null. */
    fallback: (kind: Kind, id: string): FsScope | ProcessScope | null =>
      (extra[kind] as Array<FsScope | ProcessScope>).find((scope) => scope.id === id) ??
      (presets[kind] as Array<FsScope | ProcessScope>).find((scope) => scope.id === id) ??
      null,
    /** Every filesystem scope in force, presets included. */
    fsScopes: (): FsScope[] => all('fs').map((entry) => entry.scope),
    save(kind: Kind, raw: unknown): ScopeListing {
      const scope = parseOrThrow(kind, raw);
      const custom = readCustom();
      const list = custom[kind] as Array<{ id: string }>;
      const index = list.findIndex((entry) => entry.id === scope.id);
      if (index >= 0) list[index] = scope;
      else list.push(scope);
      settings.set(CUSTOM_KEY, custom);
      return listing();
    },
    remove(kind: Kind, id: string): ScopeListing {
      const custom = readCustom();
      const list = custom[kind] as Array<{ id: string }>;
      const index = list.findIndex((entry) => entry.id === id);
      if (index < 0) throw new HostError('SCOPE_NOT_FOUND', `No custom ${kind} scope "${id}" (presets cannot be removed).`);
      list.splice(index, 1);
      settings.set(CUSTOM_KEY, custom);
      return listing();
    },
  };
}

export type ScopeStore = ReturnType<typeof createScopeStore>;
