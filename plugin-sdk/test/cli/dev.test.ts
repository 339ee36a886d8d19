// `gatehouse-plugin dev` hands over to the development host of a Gatehouse checkout, or says it needs one.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { findGatehouseRepo } from '../../src/node/cli/dev-command';
import { makeTempDir, removeTempDirs } from '../bundle/bundle-fixture';
import { runBin } from './run-bin';

const workspace = fileURLToPath(new URL('../../..', import.meta.url));

after(removeTempDirs);

describe('gatehouse-plugin dev', () => {
  it('finds the checkout above a start folder, and only one that has the launcher', async () => {
    const dir = await makeTempDir('gatehouse-dev-cmd-');
    const nested = join(dir, 'a', 'b');
    await mkdir(nested, { recursive: true });
    assert.equal(await findGatehouseRepo([nested], {}), null);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'gatehouse' }));
    assert.equal(await findGatehouseRepo([nested], {}), null, 'a package.json alone is not a checkout');
    await mkdir(join(dir, 'scripts'));
    await writeFile(join(dir, 'scripts', 'dev-host.mjs'), '');
    assert.equal(await findGatehouseRepo([nested], {}), dir);
    assert.equal(await findGatehouseRepo([nested], { GATEHOUSE_REPO: join(dir, 'a') }), null, 'GATEHOUSE_REPO must name a checkout');
    assert.equal(await findGatehouseRepo(['/'], { GATEHOUSE_REPO: dir }), dir);
  });

  it('says clearly that it needs a Gatehouse checkout when none is found', async () => {
    const dir = await makeTempDir('gatehouse-dev-cmd-');
    const result = await runBin(['dev', dir], { GATEHOUSE_REPO: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^gatehouse-plugin: dev-needs-gatehouse: the development host runs from a Gatehouse checkout/);
    assert.match(result.stderr, /GATEHOUSE_REPO=/);
  });

  it('hands over to the checkout it lives in', async () => {
    const result = await runBin(['dev', '--help'], { GATEHOUSE_REPO: workspace });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: gatehouse-plugin dev \[<plugin dir>\] \[--browser <path>\] \[--headless\]/);
  });

  it('refuses a second folder as a usage error', async () => {
    const result = await runBin(['dev', 'a', 'b'], { GATEHOUSE_REPO: workspace });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /usage-extra-argument/);
  });
});
