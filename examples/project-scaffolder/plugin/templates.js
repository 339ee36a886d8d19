// Project templates: each turns a project name into the files to write, as paths relative to the project folder.
(() => {
  'use strict';

  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

  const typescriptLibrary = {
    id: 'typescript-library',
    title: 'TypeScript library',
    description: 'An ESM package with a typed entry point, tsconfig and a test script.',
    files: (name) => [
      { path: 'README.md', content: `# ${name}\n\nA TypeScript library.\n\n\`\`\`sh\nnpm install\nnpm run build\nnpm test\n\`\`\`\n` },
      {
        path: 'package.json',
        content: json({
          name,
          version: '0.1.0',
          type: 'module',
          main: './dist/index.js',
          types: './dist/index.d.ts',
          exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
          files: ['dist'],
          scripts: { build: 'tsc -p tsconfig.json', test: 'node --test' },
          devDependencies: { typescript: '^5.9.0' },
        }),
      },
      {
        path: 'tsconfig.json',
        content: json({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            declaration: true,
            outDir: 'dist',
            rootDir: 'src',
          },
          include: ['src'],
        }),
      },
      {
        path: 'src/index.ts',
        content: `/** Says hello from ${name}. */\nexport function hello(who: string): string {\n  return \`Hello, \${who}!\`;\n}\n`,
      },
      { path: '.gitignore', content: 'node_modules/\ndist/\n' },
    ],
  };

  const staticSite = {
    id: 'static-site',
    title: 'Static site',
    description: 'A plain HTML page with a stylesheet and a script; no build step.',
    files: (name) => [
      {
        path: 'README.md',
        content: `# ${name}\n\nA static site. Open \`public/index.html\` in a browser, or serve the \`public\` folder.\n`,
      },
      {
        path: 'package.json',
        content: json({ name, version: '0.1.0', private: true, scripts: { start: 'npx --yes serve public' } }),
      },
      {
        path: 'public/index.html',
        content:
          `<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n` +
          `  <title>${name}</title>\n  <link rel="stylesheet" href="style.css">\n  <script src="main.js" defer></script>\n</head>\n` +
          `<body>\n  <main>\n    <h1>${name}</h1>\n    <p id="greeting">Hello!</p>\n  </main>\n</body>\n</html>\n`,
      },
      {
        path: 'public/style.css',
        content:
          'body {\n  margin: 0;\n  font-family: system-ui, sans-serif;\n}\n\nmain {\n  max-width: 40rem;\n  margin: 4rem auto;\n  padding: 0 1rem;\n}\n',
      },
      {
        path: 'public/main.js',
        content: "document.getElementById('greeting').textContent = `Hello, it is ${new Date().toLocaleTimeString()}.`;\n",
      },
      { path: '.gitignore', content: 'node_modules/\n' },
    ],
  };

  /**
   * Operations for `system.fs.mutate`: the folders first (parents before children), then every file.
   * `separator` is '/' for POSIX paths and '\\' for Windows ones.
   */
  function toOperations(projectPath, files, separator = '/') {
    const under = (relative) => [projectPath, ...relative].join(separator);
    const folders = new Set([projectPath]);
    for (const file of files) {
      const parts = file.path.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) folders.add(under(parts.slice(0, i)));
    }
    return [
      ...[...folders].map((path) => ({ type: 'mkdir', path, recursive: true })),
      ...files.map((file) => ({ type: 'writeFile', path: under(file.path.split('/')), content: file.content })),
    ];
  }

  window.ScaffoldTemplates = { templates: [typescriptLibrary, staticSite], toOperations };
})();
