// The plugins the scenarios install: the suite's own fixtures and the shipped examples.
import { join } from 'node:path';
import { examplesDir, fixturePluginsDir } from './paths';

export const ACTION_LAB = { id: 'e2e-actions', name: 'Action Lab', dir: join(fixturePluginsDir, 'e2e-actions') } as const;
export const HOSTILE_PROBE = { id: 'e2e-hostile', name: 'Hostile Probe', dir: join(fixturePluginsDir, 'e2e-hostile') } as const;
/** A frame and its backend: the backend ticks every 200 ms into the frame and answers its pings. */
export const BACKEND_ECHO = { id: 'e2e-backend', name: 'Backend Echo', dir: join(fixturePluginsDir, 'e2e-backend') } as const;
export const EDGE_PROBE = { id: 'e2e-edge', name: 'Edge Probe', dir: join(fixturePluginsDir, 'e2e-edge') } as const;

/** An example plugin's installable folder. */
export function examplePlugin(name: string): string {
  return join(examplesDir, name, 'plugin');
}

export const LOCAL_DNS = { id: 'local-dns', name: 'Local DNS', dir: examplePlugin('local-dns') } as const;
export const CLIPBOARD_TOOLS = { id: 'clipboard-tools', name: 'Clipboard tools', dir: examplePlugin('clipboard-tools') } as const;
export const PROJECT_SCAFFOLDER = {
  id: 'project-scaffolder',
  name: 'Project scaffolder',
  dir: examplePlugin('project-scaffolder'),
} as const;
export const DOCKER_PANEL = { id: 'docker-panel', name: 'Docker panel', dir: examplePlugin('docker-panel') } as const;
export const RELEASE_WORKFLOW = { id: 'release-workflow', name: 'Release workflow', dir: examplePlugin('release-workflow') } as const;

/** The trust scenarios' fixture: a clipboard read and a scope whose environment holds a keychain secret. */
export const TRUST_LAB = {
  id: 'e2e-trust',
  name: 'Trust Lab',
  dir: join(fixturePluginsDir, 'e2e-trust'),
  capabilities: ['system.clipboard.read', 'system.clipboard.write', 'system.process.exec', 'system.process.scope.e2e-secret'],
} as const;

/** The example whose manifest declares a setup: a key pair and a config folder under the workspace. */
export const DEV_CONTAINER_SSH = { id: 'dev-container-ssh', name: 'Dev container SSH', dir: examplePlugin('dev-container-ssh') } as const;
