// Module hooks for CLI tests: the bin imports ../dist/node/*.js; serve the TypeScript it is built from.
const distNode = new URL('../../dist/node/', import.meta.url).href;
const srcNode = new URL('../../src/node/', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL && (specifier.startsWith('./') || specifier.startsWith('../'))) {
    const target = new URL(specifier, context.parentURL).href;
    if (target.startsWith(distNode) && target.endsWith('.js')) {
      return nextResolve(srcNode + target.slice(distNode.length, -'.js'.length) + '.ts', context);
    }
  }
  return nextResolve(specifier, context);
}
