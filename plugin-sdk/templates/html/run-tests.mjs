#!/usr/bin/env node
// Runs every test/*.test.mjs with node:test (the code under test is plain ES modules, nothing to compile).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const tests = readdirSync('test').filter((name) => name.endsWith('.test.mjs'));
const run = spawnSync(process.execPath, ['--test', ...tests.map((name) => `test/${name}`)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
