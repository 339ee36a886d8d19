import * as z from 'zod/mini';
import type { PrivilegedActionRequest } from './request.js';
import { isNormalizedScopeId, normalizeScopeId } from './scope-id.js';

export const FIXED_CAPABILITIES = [
  'system.clipboard.read',
  'system.clipboard.write',
  'system.hosts.write',
  'system.fs.mutate',
  'system.process.exec',
] as const;
export type FixedCapability = (typeof FIXED_CAPABILITIES)[number];
export type FilesystemScopeCapability = `system.fs.scope.${string}`;
export type ProcessScopeCapability = `system.process.scope.${string}`;
export type Capability = FixedCapability | FilesystemScopeCapability | ProcessScopeCapability;

const FS_SCOPE_PREFIX = 'system.fs.scope.';
const PROCESS_SCOPE_PREFIX = 'system.process.scope.';

/**
 * True when `value` is a known capability string (scoped ones with a normalized scope id).
 * @example isCapability('system.fs.scope.workspace') // true; isCapability('system.shell') // false
 */
export function isCapability(value: unknown): value is Capability {
  if (typeof value !== 'string') return false;
  if ((FIXED_CAPABILITIES as readonly string[]).includes(value)) return true;
  for (const prefix of [FS_SCOPE_PREFIX, PROCESS_SCOPE_PREFIX]) {
    if (value.startsWith(prefix)) return isNormalizedScopeId(value.slice(prefix.length));
  }
  return false;
}

/**
 * A capability string; parses to the `Capability` type. (zod/mini's `refine` does not narrow the type the
 * way classic zod's does for a type guard, hence the cast; `isCapability` is that guard.)
 */
export const capabilitySchema = z
  .string()
  .check(z.refine(isCapability, 'must be a known capability (system.clipboard.read, system.fs.scope.<id>, ...)')) as z.ZodMiniType<
  Capability,
  string
>;

/**
 * The scope id inside a scoped capability, or null for a fixed one.
 * @example getCapabilityScope('system.process.scope.git') // { kind: 'process', scope: 'git' }
 */
export function getCapabilityScope(capability: Capability): { kind: 'fs' | 'process'; scope: string } | null {
  if (capability.startsWith(FS_SCOPE_PREFIX)) return { kind: 'fs', scope: capability.slice(FS_SCOPE_PREFIX.length) };
  if (capability.startsWith(PROCESS_SCOPE_PREFIX)) return { kind: 'process', scope: capability.slice(PROCESS_SCOPE_PREFIX.length) };
  return null;
}

/**
 * The capability that lets a plugin mutate files in one filesystem scope.
 * @example createFilesystemScopeCapability('Workspace') // 'system.fs.scope.workspace'
 */
export function createFilesystemScopeCapability(scopeId: string): FilesystemScopeCapability {
  return `${FS_SCOPE_PREFIX}${requireScopeId(scopeId)}`;
}

/**
 * The capability that lets a plugin run processes in one process scope.
 * @example createProcessScopeCapability('docker-cli') // 'system.process.scope.docker-cli'
 */
export function createProcessScopeCapability(scopeId: string): ProcessScopeCapability {
  return `${PROCESS_SCOPE_PREFIX}${requireScopeId(scopeId)}`;
}

/**
 * Every capability a plugin must declare to use a process scope.
 * @example createProcessCapabilityBundle('git') // ['system.process.exec', 'system.process.scope.git']
 */
export function createProcessCapabilityBundle(scopeId: string): [FixedCapability, ProcessScopeCapability] {
  return ['system.process.exec', createProcessScopeCapability(scopeId)];
}

/**
 * Every capability a plugin must declare to use a filesystem scope.
 * @example createFilesystemCapabilityBundle('workspace') // ['system.fs.mutate', 'system.fs.scope.workspace']
 */
export function createFilesystemCapabilityBundle(scopeId: string): [FixedCapability, FilesystemScopeCapability] {
  return ['system.fs.mutate', createFilesystemScopeCapability(scopeId)];
}

/**
 * The capabilities an action needs. fs.mutate needs `system.fs.mutate` and `system.fs.scope.<scope>`;
 * exec and workflow need `system.process.exec` and `system.process.scope.<scope>`; the others their own name.
 * @example getRequiredCapabilities(createClipboardReadRequest()) // ['system.clipboard.read']
 */
export function getRequiredCapabilities(request: PrivilegedActionRequest): Capability[] {
  switch (request.action) {
    case 'system.clipboard.read':
    case 'system.clipboard.write':
    case 'system.hosts.write':
      return [request.action];
    case 'system.fs.mutate':
      return createFilesystemCapabilityBundle(request.payload.scope);
    case 'system.process.exec':
    case 'system.workflow.run':
      return createProcessCapabilityBundle(request.payload.scope);
  }
}

function requireScopeId(scopeId: string): string {
  const normal = normalizeScopeId(scopeId);
  if (!isNormalizedScopeId(normal)) throw new TypeError(`Invalid scope id: ${JSON.stringify(scopeId)}`);
  return normal;
}
