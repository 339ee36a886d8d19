// Scopes as they cross the IPC boundary: the listing Settings shows and the save it sends. The shapes are
// the host's own (fs-scope-schema.ts, process-scope-shape.ts); the core adds its policy checks on save.
import { z } from 'zod';
import { fsScopeSchema } from './fs-scope-schema';
import { processScopeShapeSchema } from './process-scope-shape';

/** Every scope in force, presets included, with what the host adds about it on this machine. */
export const scopeListingSchema = z.object({
  fs: z.array(
    fsScopeSchema.extend({
      preset: z.boolean(),
      /** How this platform anchors filesystem effects (docs/ARCHITECTURE.md §5); the Settings card notes a weaker one. */
      anchoring: z.enum(['held-handles', 'path-checks']),
    }),
  ),
  process: z.array(
    processScopeShapeSchema.extend({
      preset: z.boolean(),
      /** True where this platform has no sandbox for tools; whether a scope may run anyway is its own setting. */
      unsandboxed: z.boolean(),
    }),
  ),
});
export type ScopeListing = z.infer<typeof scopeListingSchema>;

/** A scope to create or replace, of either kind. */
export const scopeSaveRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fs'), scope: fsScopeSchema }),
  z.strictObject({ kind: z.literal('process'), scope: processScopeShapeSchema }),
]);
