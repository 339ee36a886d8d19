// The throwaway profile of one development host run: settings, plugins, audit log, a scratch hosts file
// and the browser's own profile, all under one temp folder that is removed when the run ends.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DevProfile {
  root: string;
  data: string;
  plugins: string;
  settings: string;
  staging: string;
  /** A copy of the system hosts file: a hosts plugin edits this, not /etc/hosts, unless Settings says otherwise. */
  hostsPath: string;
  remove(): Promise<void>;
}

export async function createDevProfile(systemHosts = '/etc/hosts'): Promise<DevProfile> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-dev-'));
  const profile = {
    root,
    data: join(root, 'data'),
    plugins: join(root, 'plugins'),
    settings: join(root, 'settings'),
    staging: join(root, 'staging'),
    hostsPath: join(root, 'hosts'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await Promise.all(
    [profile.data, profile.plugins, profile.settings, profile.staging].map((dir) => mkdir(dir, { recursive: true, mode: 0o700 })),
  );
  await copyFile(systemHosts, profile.hostsPath).catch(() => writeFile(profile.hostsPath, '127.0.0.1\tlocalhost\n'));
  return profile;
}
