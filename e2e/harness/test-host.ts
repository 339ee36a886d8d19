// The real host core in the test process: temp data dir, temp plugins dir with test plugins installed
// and activated, a temp hosts file, temp scope roots, a fake docker (a copy of /bin/echo), and conf
// for settings. Everything lives under one temp root that close() removes.
import Conf from 'conf';
import { access, copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createNodeBackendLauncher } from '../../src/core/backends/node-backend-launcher';
import { createHostCore, createInteractivePrompter, type HostCore } from '../../src/core/index';
import { bundleFixtureBackend } from './fixture-backend';
import { createSecretStore, type SecretStore } from '../../src/core/secrets';
import { missingKeytarLoader } from './fake-keychain';
import { createFakeClipboard, type FakeClipboard } from './fake-clipboard';
import { createScriptedDialogs, type ScriptedDialogs } from './scripted-dialogs';
import { readDevelopmentPublisher } from '../../src/host/dev-examples';
import { examplesDir, sdkBrowserBuild } from './paths';
import { installFakeDocker } from './fake-docker';

export const HOSTS_BASELINE = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n# managed by the test\n10.0.0.1\tbuild.internal\n';
export const FS_SCOPE_ID = 'e2e-files';
export const DOCKER_SCOPE_ID = 'e2e-docker';
export const ECHO_SCOPE_ID = 'e2e-echo';
/** A process scope that fills API_TOKEN from the keychain secret `api-token` and may print it. */
export const SECRET_SCOPE_ID = 'e2e-secret';
export const SECRET_NAME = 'api-token';

export interface TestPlugin {
  /** A plugin folder: manifest.json plus its UI files. */
  dir: string;
  /** Capabilities to grant: every declared one (default) or a list. */
  grant?: 'all' | string[];
  /** Activate after granting (default true). */
  activate?: boolean;
}

export interface TestHostOptions {
  plugins: TestPlugin[];
  confirmationTimeoutMs?: number;
  clipboardText?: string;
  /** Runs before the core opens its data dir (e.g. to pre-fill a large audit log). */
  prepareDataDir?: (dataDir: string) => Promise<void>;
  /** Publisher keys trusted before the plugins are installed. */
  trustedPublishers?: Array<{ publicKey: string; name: string }>;
  /** The worker's Secret Service (default), or a keychain whose module cannot load. */
  keychain?: 'secret-service' | 'unavailable';
  /** Start as a first run, with the one-screen explanation showing (default: it was seen already). */
  firstRun?: boolean;
  /** Install the fake docker CLI behind the docker-cli and docker-cli-manage scope ids (see fake-docker.ts). */
  fakeDocker?: boolean;
}

export interface TestHost {
  core: HostCore;
  prompter: ReturnType<typeof createInteractivePrompter>;
  clipboard: FakeClipboard;
  dialogs: ScriptedDialogs;
  dirs: { root: string; data: string; plugins: string; files: string; outside: string; bin: string; exports: string; home: string };
  hostsPath: string;
  dockerPath: string;
  /** The fake docker CLI, when `fakeDocker` was asked for. */
  fakeDockerPath: string | null;
  readHosts(): Promise<string>;
  close(): Promise<void>;
}

/** Creates the host with its temp world; plugins are staged with the SDK's browser build next to them. */
export async function createTestHost(options: TestHostOptions): Promise<TestHost> {
  const root = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-'));
  const dirs = {
    root,
    data: join(root, 'data'),
    plugins: join(root, 'plugins'),
    files: join(root, 'files'),
    outside: join(root, 'outside'),
    bin: join(root, 'bin'),
    exports: join(root, 'exports'),
    home: join(root, 'home'),
  };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  // The built-in workspace scope lives under the (temp) home folder, like the app's.
  await mkdir(join(dirs.home, 'Gatehouse', 'workspace'), { recursive: true });
  const hostsPath = join(root, 'hosts');
  await writeFile(hostsPath, HOSTS_BASELINE);
  // A real binary under the name docker: prints its argv, so a test sees exactly what ran.
  const dockerPath = join(dirs.bin, 'docker');
  await copyFile('/bin/echo', dockerPath);
  const echoPath = join(dirs.bin, 'release-tool');
  await copyFile('/bin/echo', echoPath);
  const fakeDocker = options.fakeDocker ? await installFakeDocker(dirs.bin, dirs.files) : null;

  const prompter = createInteractivePrompter();
  const clipboard = createFakeClipboard(options.clipboardText ?? '');
  const dialogs = createScriptedDialogs(dirs.exports);
  const settings = new Conf<Record<string, unknown>>({ cwd: join(root, 'settings'), configName: 'settings' });

  // Like a development build: the examples' development signing key is trusted out of the box.
  const developmentPublisher = await readDevelopmentPublisher(examplesDir);
  // Each host has its own keychain service name, so hosts sharing a worker's Secret Service never see each other's secrets.
  const secretStore: SecretStore =
    options.keychain === 'unavailable'
      ? createSecretStore({ loadKeytar: missingKeytarLoader })
      : createSecretStore({ service: `gatehouse-e2e-${basename(root)}`, timeoutMs: 5_000 });
  let core: HostCore;
  try {
    await options.prepareDataDir?.(dirs.data);
    core = await createHostCore({
      dataDir: dirs.data,
      pluginsDir: dirs.plugins,
      hostsPath,
      settings,
      clipboard: clipboard.port,
      prompter,
      devMode: true,
      homeDir: dirs.home,
      // The app's launcher: a plugin's backend runs under bubblewrap and Node's permission model.
      backendLauncher: createNodeBackendLauncher(),
      ...(options.confirmationTimeoutMs ? { confirmationTimeoutMs: options.confirmationTimeoutMs } : {}),
      rateLimit: { burst: 10_000, perSecond: 10_000 },
      secretStore,
      ...(developmentPublisher ? { builtInPublishers: [developmentPublisher] } : {}),
      scopes: {
        fs: [
          {
            id: FS_SCOPE_ID,
            title: 'Test workspace',
            roots: [dirs.files],
            allowedOperations: ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove'],
            confirmation: 'always',
            maxWriteBytes: 1024 * 1024,
          },
        ],
        process: [
          {
            id: DOCKER_SCOPE_ID,
            title: 'Docker (test double)',
            executables: [{ path: dockerPath }],
            tool: 'docker',
            rules: { allowedSubcommands: ['container', 'image ls', 'version'], deniedSubcommands: ['run', 'exec'] },
            timeoutCeilingMs: 10_000,
            maxOutputBytes: 65_536,
            confirmation: { mode: 'always' },
          },
          {
            id: SECRET_SCOPE_ID,
            title: 'API token (test double)',
            executables: [{ path: '/usr/bin/printenv' }],
            tool: 'none',
            rules: { argv: [['API_TOKEN']] },
            secretEnv: { API_TOKEN: SECRET_NAME },
            timeoutCeilingMs: 10_000,
            maxOutputBytes: 65_536,
            confirmation: { mode: 'never' },
          },
          {
            id: ECHO_SCOPE_ID,
            title: 'Release tool (test double)',
            executables: [{ path: echoPath }],
            tool: 'none',
            rules: { argv: [['build'], ['publish'], ['announce']] },
            timeoutCeilingMs: 10_000,
            maxOutputBytes: 65_536,
            confirmation: { mode: 'never' },
          },
          ...(fakeDocker?.scopes ?? []),
        ],
      },
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  try {
    for (const publisher of options.trustedPublishers ?? []) await core.trust.add(publisher);
    for (const plugin of options.plugins) await installTestPlugin(core, root, plugin);
  } catch (error) {
    await core.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  return {
    core,
    prompter,
    clipboard,
    dialogs,
    dirs,
    hostsPath,
    dockerPath,
    fakeDockerPath: fakeDocker?.path ?? null,
    readHosts: () => readFile(hostsPath, 'utf8'),
    async close() {
      // Secrets of this host's keychain service go with it.
      if (options.keychain !== 'unavailable') {
        const names = await secretStore.listKeys(SECRET_SCOPE_ID).catch(() => [] as string[]);
        for (const name of names) await secretStore.delete(SECRET_SCOPE_ID, name).catch(() => false);
      }
      await core.close().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Stages a plugin folder (with the SDK browser build when it has none; a signed bundle ships its own), installs, grants and activates it. */
async function installTestPlugin(core: HostCore, root: string, plugin: TestPlugin): Promise<void> {
  const staged = join(root, 'staging', basename(plugin.dir));
  await cp(plugin.dir, staged, { recursive: true });
  // Built examples ship (and sign) their own copy; fixtures get the SDK build the way an example's build adds it.
  const sdkCopy = join(staged, 'gatehouse-plugin-sdk.global.js');
  if (!(await exists(sdkCopy))) await copyFile(sdkBrowserBuild, sdkCopy);
  await bundleFixtureBackend(staged);
  const info = await core.plugins.install(staged);
  const grant = plugin.grant === undefined || plugin.grant === 'all' ? info.capabilities : plugin.grant;
  await core.plugins.setGrants(info.id, grant as typeof info.capabilities);
  if (plugin.activate !== false) await core.plugins.setStatus(info.id, 'active');
}
