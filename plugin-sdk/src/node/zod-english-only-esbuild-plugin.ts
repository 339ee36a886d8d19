/**
 * The slice of esbuild's plugin interface this plugin uses, so the SDK does not depend on esbuild; an object
 * of this shape is a valid entry of esbuild's `plugins` option.
 */
export interface EsbuildPluginLike {
  name: string;
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: {
        path: string;
        importer: string;
        resolveDir: string;
      }) => { path: string; namespace: string; pluginData: { resolveDir: string } } | undefined,
    ): void;
    onLoad(
      options: { filter: RegExp; namespace: string },
      callback: (args: { pluginData: { resolveDir: string } }) => { contents: string; resolveDir: string; loader: 'js' },
    ): void;
  }): void;
}

const NAMESPACE = 'gatehouse-zod-english-only';

/**
 * An esbuild plugin that keeps only zod's English messages in a browser bundle. zod re-exports every
 * locale and bundlers cannot drop them (over half of a bundled SDK); the SDK speaks English only, and `en`
 * is the locale zod configures itself with, so validation and its messages are unchanged.
 * @example await build({ entryPoints: ['src/main.ts'], bundle: true, plugins: [zodEnglishOnlyEsbuildPlugin()] })
 */
export function zodEnglishOnlyEsbuildPlugin(): EsbuildPluginLike {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
          ? { path: 'zod-locales-en', namespace: NAMESPACE, pluginData: { resolveDir: args.resolveDir } }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: "export { default as en } from '../locales/en.js';",
        resolveDir: args.pluginData.resolveDir,
        loader: 'js',
      }));
    },
  };
}
