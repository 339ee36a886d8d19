import type { PluginManifest } from '../manifest.js';
import { toValidationIssues, validatePluginManifest, type ValidationResult } from '../validate.js';
import { setupSectionSchema } from './setup-schema.js';

/**
 * `validatePluginManifest` plus the full check of the `setup` section, which the browser build leaves out:
 * what the author tools and the host run on a manifest.
 * @example validatePluginManifestWithSetup(JSON.parse(text)).ok
 */
export function validatePluginManifestWithSetup(input: unknown): ValidationResult<PluginManifest> {
  const base = validatePluginManifest(input);
  if (!base.ok || base.value.setup === undefined) return base;
  const setup = setupSectionSchema.safeParse(base.value.setup);
  if (setup.success) return base;
  const issues = toValidationIssues(setup.error).map((issue) => ({
    ...issue,
    path: issue.path === '(root)' ? 'setup' : `setup.${issue.path}`,
  }));
  return { ok: false, code: 'VALIDATION_FAILED', error: `Invalid plugin manifest: ${issues[0]?.path}: ${issues[0]?.message}`, issues };
}
