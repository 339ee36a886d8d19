import { z } from 'zod';
import { absolutePathSchema } from '@gatehouse/plugin-sdk';

/** The most paths a scope's sandbox may declare, per list. */
export const SANDBOX_MAX_PATHS = 64;

/** True when `text` holds a C0 control character or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

// "/" would lay the whole host over the sandbox's own /tmp, /run and hidden home; a control character has no
// place in a path and would need escaping in a macOS profile.
// The SDK's schemas are zod/mini schemas (small in a plugin's bundle): add checks with `.check`, which
// returns a new schema and leaves the SDK's own untouched.
const declaredPathSchema = absolutePathSchema.check(
  z.refine<string>((path) => path !== '/', { message: 'must be narrower than the whole filesystem' }),
  z.refine<string>((path) => !hasControlCharacter(path), { message: 'must not contain control characters' }),
);

/**
 * What a scope's tools may reach beyond their working roots. Every field denies by default: no network,
 * nothing readable under the user's home or writable outside the roots, and no run at all where the
 * platform has no sandbox.
 */
export const processSandboxSchema = z.strictObject({
  /** The host's network (and loopback); without it the tool gets an empty network namespace. */
  network: z.boolean().default(false),
  /** Paths the tool may read that the sandbox hides otherwise (anything under home, /run, /tmp). */
  readPaths: z.array(declaredPathSchema).max(SANDBOX_MAX_PATHS).default([]),
  /** Paths the tool may write besides the scope's working roots (a socket counts as a write). */
  writePaths: z.array(declaredPathSchema).max(SANDBOX_MAX_PATHS).default([]),
  /** Where this platform has no sandbox: run the tool anyway (true) or refuse with SANDBOX_UNAVAILABLE. */
  allowUnsandboxed: z.boolean().default(false),
});
export type ProcessSandbox = z.infer<typeof processSandboxSchema>;

/** The deny-everything sandbox a scope gets when it declares none. */
export const DEFAULT_PROCESS_SANDBOX: ProcessSandbox = processSandboxSchema.parse({});
