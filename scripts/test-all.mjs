#!/usr/bin/env node
// `npm test`: every layer in order, then one closing summary line ("tests: N passed, N failed").
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  { name: 'build plugin-sdk and the example plugins', cmd: npm, args: ['run', '-s', 'build:examples'] },
  { name: 'typecheck', cmd: npm, args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: npm, args: ['run', '-s', 'lint'] },
  // The development host's test (test/dev-host) serves the built UI, so the app is built before the Node tests.
  { name: 'build app', cmd: npm, args: ['run', '-s', 'build:app'] },
  { name: 'unit and integration (node:test)', cmd: process.execPath, args: ['scripts/run-node-tests.mjs'], counts: 'node' },
  { name: 'end-to-end (Playwright, Chromium)', cmd: process.execPath, args: ['scripts/run-e2e.mjs'], counts: 'playwright' },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const { code, output } = await run(step.cmd, step.args);
  if (step.counts === 'node') {
    passed += count(output, /^(?:ℹ|#) pass (\d+)/m);
    // A test cancelled because its promise never settled has not passed either.
    failed += count(output, /^(?:ℹ|#) fail (\d+)/m) + count(output, /^(?:ℹ|#) cancelled (\d+)/m);
    skipped += count(output, /^(?:ℹ|#) skipped (\d+)/m);
  } else if (step.counts === 'playwright') {
    passed += count(output, /^\s+(\d+) passed/m);
    failed += count(output, /^\s+(\d+) failed/m);
    skipped += count(output, /^\s+(\d+) skipped/m);
  }
  if (code !== 0) {
    failures.push(step.name);
    if (!step.counts) break;
  }
}
console.log('\n=== summary ===');
if (failures.length) console.log(`failed steps: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length ? 1 : 0);

function count(text, re) {
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes before counting
  const m = re.exec(text.replace(/\u001b\[[0-9;]*m/g, ''));
  return m ? Number(m[1]) : 0;
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      return text;
    };
    child.stdout.on('data', (c) => process.stdout.write(keep(c)));
    child.stderr.on('data', (c) => process.stderr.write(keep(c)));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
