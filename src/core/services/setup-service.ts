// Plugin setup on this machine: what a plugin's manifest says it needs, whether that holds, and running the
// declared steps with the user. Every step is a normal privileged request of the plugin through the broker
// (rights, scope, prompt, sandbox, audit records), wrapped in one `setup.run` / `setup.teardown` record.
// Nothing here runs a plugin-supplied script: steps are fs batches and scoped processes, checked like any other.
import { randomUUID } from 'node:crypto';
import { setupSectionSchema, type SetupPlatform, type SetupSection, type SetupStep } from '@gatehouse/plugin-sdk/node';
import type { PrivilegedActionResponse } from '@gatehouse/plugin-sdk';
import type { PluginInfo } from '../../shared/plugin-info';
import type { SetupRunReport, SetupStatusView, SetupStepReport } from '../../shared/setup-types';
import { ActionFailure } from '../action-failure';
import type { AuditedChange } from '../config-audit';
import type { HostAuditPort } from '../host-audit';
import { HostError } from '../host-error';
import { checkPathFact, checkRequirements, setupEnv, type PathResolver } from '../setup/setup-facts';
import { setupDigest } from '../setup/setup-digest';
import { planStep } from '../setup/setup-plan';
import { setupOverridesSchema, type SetupOverrides, type SetupState } from '../setup/setup-state';

export interface SetupServiceDeps {
  state: SetupState;
  getPlugin(id: string): PluginInfo | null;
  /** The manifest's setup section as read at discovery (unknown: parsed here again). */
  sectionOf(id: string): unknown;
  /** The home folder: the host's, never the plugin's word. */
  home: string;
  platform?: SetupPlatform;
  audit: HostAuditPort;
  audited: AuditedChange;
  /** The broker's entry for setup steps: the whole pipeline minus the setup gate. */
  runStep(pluginId: string, message: unknown): Promise<PrivilegedActionResponse>;
}

export interface SetupService {
  status(pluginId: string): Promise<SetupStatusView>;
  run(pluginId: string): Promise<SetupRunReport>;
  teardown(pluginId: string): Promise<SetupRunReport>;
  setOverrides(pluginId: string, overrides: unknown): Promise<SetupStatusView>;
}

const ERROR_TEXT_MAX = 300;

export function createSetupService(deps: SetupServiceDeps) {
  const platform: SetupPlatform = deps.platform ?? (process.platform as SetupPlatform);
  const running = new Set<string>();
  const lastRuns = new Map<string, SetupRunReport>();

  const sectionOf = (pluginId: string): SetupSection | null => {
    const raw = deps.sectionOf(pluginId);
    if (raw === null || raw === undefined) return null;
    const parsed = setupSectionSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  };
  const resolverOf = (overrides: SetupOverrides): PathResolver => ({ home: deps.home, overrides: overrides.paths });

  async function status(pluginId: string): Promise<SetupStatusView> {
    const section = sectionOf(pluginId);
    const entry = deps.state.get(pluginId);
    const base = { pluginId, overrides: entry.overrides, lastRun: lastRuns.get(pluginId) ?? null, running: running.has(pluginId) };
    if (!section) {
      return {
        ...base,
        hasSetup: false,
        state: 'none',
        reason: null,
        digest: null,
        readyDigest: null,
        requirements: [],
        steps: [],
        teardown: [],
        env: [],
        paths: [],
      };
    }
    const digest = setupDigest(section);
    const resolver = resolverOf(entry.overrides);
    const requirements = await checkRequirements(section.requires, resolver, entry.overrides.env);
    const allHold = requirements.every((requirement) => requirement.holds);
    const reason = !allHold
      ? 'requirements'
      : entry.overrides.selfManaged || entry.readyDigest === digest
        ? null
        : entry.readyDigest === null
          ? 'never-run'
          : 'changed';
    const plan = (steps: SetupStep[]) =>
      steps.map((step) => planStep(step, platform, resolver, '')).map(({ request: _request, ...shown }) => shown);
    return {
      ...base,
      hasSetup: true,
      state: reason === null ? (entry.overrides.selfManaged && entry.readyDigest !== digest ? 'self-managed' : 'ready') : 'needed',
      reason,
      digest,
      readyDigest: entry.readyDigest,
      requirements,
      steps: plan(section.steps),
      teardown: plan(section.teardown),
      env: section.requires.flatMap((r) =>
        r.kind === 'env' ? [{ name: r.name, description: r.description, default: r.default ?? null }] : [],
      ),
      paths: section.requires.flatMap((r) => (r.kind === 'env' ? [] : [{ id: r.id, title: r.title, path: r.path }])),
    };
  }

  async function runSteps(pluginId: string, which: 'setup' | 'teardown'): Promise<SetupRunReport> {
    const plugin = deps.getPlugin(pluginId);
    const section = sectionOf(pluginId);
    if (!plugin || !section) throw new HostError('PLUGIN_NOT_FOUND', `Plugin "${pluginId}" has no setup section.`);
    if (running.has(pluginId)) throw new HostError('INVALID_INPUT', `The setup of "${pluginId}" is already running.`);
    running.add(pluginId);
    try {
      const entry = deps.state.get(pluginId);
      const resolver = resolverOf(entry.overrides);
      const digest = setupDigest(section);
      const steps = which === 'setup' ? section.steps : section.teardown;
      const action = which === 'setup' ? 'setup.run' : 'setup.teardown';
      const correlationId = `setup-${randomUUID()}`;
      const record = { correlationId, pluginId, pluginVersion: plugin.version, action, scope: null, decision: null, reason: null } as const;
      try {
        await deps.audit.append({
          ...record,
          phase: 'requested',
          code: null,
          summary: { digest, platform, steps: steps.map((s) => s.id) },
        });
      } catch {
        throw new HostError('AUDIT_UNAVAILABLE', 'The audit log could not record the setup, so it did not start.');
      }

      const reports: SetupStepReport[] = [];
      let failed: SetupStepReport | null = null;
      for (const step of steps) {
        const planned = planStep(step, platform, resolver, `${which === 'setup' ? 'Setup' : 'Teardown'}: ${step.title}`);
        const head = { id: step.id, title: step.title, kind: planned.kind, lines: planned.lines };
        if (failed) {
          reports.push({ ...head, status: 'not-run' });
          continue;
        }
        if (!planned.request) {
          reports.push({ ...head, status: 'skipped', note: `no action on ${platform}` });
          continue;
        }
        const skipFact = (which === 'setup' ? step.creates : undefined) ?? step.unless;
        if (skipFact && (await checkPathFact(skipFact, resolver)).holds) {
          reports.push({ ...head, status: 'skipped', note: 'already done' });
          continue;
        }
        const response = await deps.runStep(pluginId, {
          correlationId: `${correlationId}-${step.id}`.slice(0, 128),
          request: planned.request,
        });
        if (!response.ok) {
          failed = { ...head, status: 'failed', code: response.code, error: response.error.slice(0, ERROR_TEXT_MAX) };
          reports.push(failed);
          continue;
        }
        if (which === 'setup' && step.creates) {
          const made = await checkPathFact(step.creates, resolver);
          if (!made.holds) {
            failed = {
              ...head,
              status: 'failed',
              code: 'STEP_FAILED',
              error: `The step ran but ${made.path} ${made.detail ?? 'is missing'}.`,
            };
            reports.push(failed);
            continue;
          }
        }
        reports.push({ ...head, status: 'done', ...exitOf(response.result) });
      }

      const requirements = await checkRequirements(section.requires, resolver, entry.overrides.env);
      const allHold = requirements.every((requirement) => requirement.holds);
      const ok = failed === null && (which === 'teardown' || allHold);
      if (which === 'setup' && ok) deps.state.setReady(pluginId, digest);
      if (which === 'teardown' && failed === null) deps.state.setReady(pluginId, null);
      const report: SetupRunReport = {
        pluginId,
        which,
        status: ok ? 'completed' : failed ? 'failed' : 'incomplete',
        failedStep: failed ? { id: failed.id, title: failed.title, code: failed.code ?? null, error: failed.error ?? null } : null,
        steps: reports,
        requirements,
      };
      lastRuns.set(pluginId, report);
      await deps.audit
        .append({
          ...record,
          phase: ok ? 'completed' : 'failed',
          code: ok ? null : (failed?.code ?? 'SETUP_NEEDED'),
          summary: { digest, platform, steps: steps.map((s) => s.id) },
          // Step ids, statuses and codes only: a step's output never reaches this record.
          outcome: {
            steps: reports.map((r) => ({ id: r.id, status: r.status, ...(r.code ? { code: r.code } : {}) })),
            requirements: requirements.map((r) => ({ id: r.id, holds: r.holds })),
          },
        })
        .catch(() => undefined);
      return report;
    } finally {
      running.delete(pluginId);
    }
  }

  const service: SetupService = {
    status,
    run: (pluginId) => runSteps(pluginId, 'setup'),
    teardown: (pluginId) => runSteps(pluginId, 'teardown'),
    async setOverrides(pluginId, input) {
      const section = sectionOf(pluginId);
      if (!section) throw new HostError('PLUGIN_NOT_FOUND', `Plugin "${pluginId}" has no setup section.`);
      const parsed = setupOverridesSchema.safeParse(input);
      if (!parsed.success)
        throw new HostError('INVALID_INPUT', `The overrides are not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      const overrides = parsed.data;
      const envNames = new Set(section.requires.flatMap((r) => (r.kind === 'env' ? [r.name] : [])));
      const declaredPaths = new Set(section.requires.flatMap((r) => (r.kind === 'env' ? [] : [r.path])));
      for (const name of Object.keys(overrides.env)) {
        if (!envNames.has(name)) throw new HostError('INVALID_INPUT', `The plugin declares no variable ${name}.`);
      }
      for (const path of Object.keys(overrides.paths)) {
        if (!declaredPaths.has(path)) throw new HostError('INVALID_INPUT', `The plugin declares no path ${path}.`);
      }
      // Variable names only: a value may be a credential.
      await deps.audited(
        {
          action: 'setup.overrides',
          summary: { pluginId, envNames: Object.keys(overrides.env).sort(), paths: overrides.paths, selfManaged: overrides.selfManaged },
        },
        () => deps.state.setOverrides(pluginId, overrides),
      );
      return status(pluginId);
    },
  };

  return {
    service,
    /** The broker's gate: SETUP_NEEDED for an active plugin whose setup is needed, null otherwise. */
    async gate(pluginId: string): Promise<ActionFailure | null> {
      if (deps.sectionOf(pluginId) === null) return null;
      const view = await status(pluginId);
      if (view.state !== 'needed') return null;
      const missing = view.requirements.filter((r) => !r.holds);
      const why =
        view.reason === 'requirements'
          ? `${missing.map((r) => r.title).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in place`
          : view.reason === 'changed'
            ? 'its setup changed in an update'
            : 'its setup has not been run';
      return new ActionFailure(
        'SETUP_NEEDED',
        `Plugin "${pluginId}" needs setup on this machine: ${why}. Run its setup from its page in Gatehouse.`,
        { reason: view.reason, missing: missing.map((r) => r.id) },
      );
    },
    /** The declared variables' values (the user's over the defaults) for this plugin's processes. */
    envFor(pluginId: string): Record<string, string> {
      const section = sectionOf(pluginId);
      return section ? setupEnv(section.requires, deps.state.get(pluginId).overrides.env) : {};
    },
  };
}

function exitOf(result: unknown): { exitCode?: number | null } {
  const exitCode = (result as { exitCode?: unknown } | null)?.exitCode;
  return typeof exitCode === 'number' || exitCode === null ? { exitCode } : {};
}
