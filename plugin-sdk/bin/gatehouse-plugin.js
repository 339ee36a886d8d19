#!/usr/bin/env node
// The plugin author CLI: keygen, pack, sign, verify. All logic lives in the SDK's Node entry.
import { runCli } from '../dist/node/index.js';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
