// Bundles a plugin backend's source (TypeScript or JavaScript, importing `@gatehouse/plugin-sdk` and its
// `/backend` entry, resolved from this repository's source) into one ES module, as an author's build would:
// the backend process can read nothing outside its bundle. The CommonJS inside (vscode-jsonrpc) gets a
// `require` for Node's built-ins. Used by the Node tests, the browser suite's fixtures and the benchmarks.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const built = new Map<string, string>();

export async function bundleBackend(source: string): Promise<string> {
  const cached = built.get(source);
  if (cached) return cached;
  const result = await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts', sourcefile: 'backend.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: {
      js: "import { createRequire as __gatehouseRequire } from 'node:module'; const require = __gatehouseRequire(import.meta.url);",
    },
    target: 'node20',
    conditions: ['@gatehouse/source'],
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  built.set(source, text);
  return text;
}
