// Flips the Electron fuses of a packaged Gatehouse binary (run after packaging, before signing):
//   node --import tsx scripts/apply-fuses.ts <path-to-packaged-electron-binary>
// Needs the @electron/fuses package; without it the script says so and exits non-zero.
import { GATEHOUSE_FUSES } from '../src/main/fuses';

const binary = process.argv[2];
if (!binary) {
  console.error('usage: apply-fuses <path-to-packaged-electron-binary>');
  process.exit(2);
}

const packageName = '@electron/fuses';
let fuses: { flipFuses(path: string, config: Record<string | number, unknown>): Promise<unknown>; FuseVersion: Record<string, unknown>; FuseV1Options: Record<string, number> };
try {
  fuses = await import(packageName);
} catch {
  console.error(`apply-fuses: ${packageName} is not installed; the fuses below were NOT applied:`);
  for (const [name, value] of Object.entries(GATEHOUSE_FUSES)) console.error(`  ${name} = ${value}`);
  process.exit(1);
}

const config: Record<string | number, unknown> = { version: fuses.FuseVersion.V1 };
for (const [name, value] of Object.entries(GATEHOUSE_FUSES)) {
  const option = fuses.FuseV1Options[name];
  if (option === undefined) {
    console.error(`apply-fuses: this @electron/fuses does not know the fuse ${name}; refusing to package without it.`);
    process.exit(1);
  }
  config[option] = value;
}
await fuses.flipFuses(binary, config);
console.log(`apply-fuses: ${Object.keys(GATEHOUSE_FUSES).length} fuses set on ${binary}`);
