import { useId, useState } from 'react';
import type { HostFailure } from '../../gatehouse';
import { formatBytes, formatDuration } from '../../lib/format';
import { codeLoadingWarnings } from '../../lib/code-loading-overlap';
import { showSecretEnv } from '../../lib/scope-forms';
import { pluginsUsingScope } from '../../lib/scope-usage';
import { usePluginsStore } from '../../stores/plugins-store';
import { useScopesStore, type ScopeKind } from '../../stores/scopes-store';
import { useToastStore } from '../../stores/toast-store';
import { Badge } from '../common/badge';
import { ErrorMessage } from '../common/error-message';
import { RemoveScopeDialog } from './remove-scope-dialog';

type Scope = Record<string, unknown> & { id: string; title: string; preset: boolean };

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))) : [];

/** One scope, summarised; presets can be duplicated, the administrator's own edited and removed. */
export function ScopeCard({
  kind,
  scope,
  busy,
  onEdit,
  onDuplicate,
}: {
  kind: ScopeKind;
  scope: Scope;
  busy: boolean;
  onEdit(): void;
  onDuplicate(): void;
}) {
  const titleId = useId();
  const remove = useScopesStore((state) => state.remove);
  const toast = useToastStore((state) => state.push);
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const plugins = usePluginsStore((state) => state.plugins);

  const removeScope = async () => {
    setConfirming(false);
    const error = await remove(kind, scope.id);
    setFailure(error);
    if (!error) toast('success', `Scope ${scope.id} removed.`);
  };

  return (
    <article className="scope-card" aria-labelledby={titleId}>
      <div className="scope-head">
        <h3 className="scope-title" id={titleId}>
          {scope.title}
        </h3>
        <code>{scope.id}</code>
        {scope.preset ? <Badge tone="info">Preset</Badge> : <Badge>Custom</Badge>}
        {kind === 'process' && scope.unsandboxed === true && <Badge tone="danger">Unsandboxed</Badge>}
      </div>
      {kind === 'fs' ? <FsSummary scope={scope} /> : <ProcessSummary scope={scope} />}
      {kind === 'process' && <CodeLoadingWarnings scope={scope} />}
      <div className="scope-actions">
        {!scope.preset && (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={onEdit}>
            Edit
          </button>
        )}
        <button type="button" className="button button-ghost button-small" disabled={busy} onClick={onDuplicate}>
          Duplicate
        </button>
        {!scope.preset && (
          <button type="button" className="button button-danger-ghost button-small" disabled={busy} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </div>
      {failure && <ErrorMessage failure={failure} context={`Scope ${scope.id} could not be removed`} />}
      {confirming && (
        <RemoveScopeDialog
          scopeId={scope.id}
          kind={kind}
          users={pluginsUsingScope(plugins, kind, scope.id)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void removeScope()}
        />
      )}
    </article>
  );
}

function FsSummary({ scope }: { scope: Scope }) {
  return (
    <>
      <dl className="scope-facts">
        <div className="fact">
          <dt>Folders</dt>
          <dd>
            <ChipList items={list(scope.roots)} />
          </dd>
        </div>
        <div className="fact">
          <dt>Operations</dt>
          <dd>{list(scope.allowedOperations).join(', ')}</dd>
        </div>
        <div className="fact">
          <dt>Confirmation</dt>
          <dd>{scope.confirmation === 'never' ? 'Never asks' : 'Asks every time'}</dd>
        </div>
        <div className="fact">
          <dt>Largest write</dt>
          <dd>{typeof scope.maxWriteBytes === 'number' ? formatBytes(scope.maxWriteBytes) : '—'}</dd>
        </div>
        {scope.allowWorldWritable === true && (
          <div className="fact">
            <dt>Modes</dt>
            <dd>World-writable allowed</dd>
          </div>
        )}
      </dl>
      {scope.anchoring === 'path-checks' && (
        <p className="muted scope-note">
          On this platform, a folder another program swaps in the instant before a change is not caught (Linux holds folders open).
        </p>
      )}
    </>
  );
}

function ProcessSummary({ scope }: { scope: Scope }) {
  const rules = (scope.rules ?? {}) as Record<string, unknown>;
  const confirmation = (scope.confirmation ?? {}) as { mode?: string; rememberMs?: number };
  const executables = Array.isArray(scope.executables) ? scope.executables.map((entry) => String((entry as { path?: unknown }).path)) : [];
  const secretEnv = showSecretEnv(scope.secretEnv)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace('=', ' ← '));
  return (
    <dl className="scope-facts">
      <div className="fact">
        <dt>Programs</dt>
        <dd>
          <ChipList items={executables} />
        </dd>
      </div>
      <div className="fact">
        <dt>Tool</dt>
        <dd>{String(scope.tool ?? '—')}</dd>
      </div>
      <div className="fact">
        <dt>Allowed</dt>
        <dd>
          {list(rules.allowedSubcommands)
            .map((words) => words || '(no subcommand)')
            .join(', ') || '—'}
        </dd>
      </div>
      <div className="fact">
        <dt>Denied</dt>
        <dd>{list(rules.deniedSubcommands).join(', ') || '—'}</dd>
      </div>
      {secretEnv.length > 0 && (
        <div className="fact">
          <dt>Secrets</dt>
          <dd>
            <ChipList items={secretEnv} />
          </dd>
        </div>
      )}
      <div className="fact">
        <dt>Limits</dt>
        <dd>
          {typeof scope.timeoutCeilingMs === 'number' ? formatDuration(scope.timeoutCeilingMs) : '—'},{' '}
          {typeof scope.maxOutputBytes === 'number' ? formatBytes(scope.maxOutputBytes) : '—'} output
        </dd>
      </div>
      <SandboxFacts scope={scope} />
      <div className="fact">
        <dt>Confirmation</dt>
        <dd>
          {confirmation.mode === 'never'
            ? 'Never asks'
            : confirmation.mode === 'per-command'
              ? `Per command, remembered for ${formatDuration(confirmation.rememberMs ?? 0)}`
              : 'Asks every time'}
        </dd>
      </div>
    </dl>
  );
}

/** What the scope's sandbox allows, whether it can run here at all, and its risk text. */
function SandboxFacts({ scope }: { scope: Scope }) {
  const sandbox = (scope.sandbox ?? {}) as { network?: boolean; readPaths?: unknown; writePaths?: unknown; allowUnsandboxed?: boolean };
  const writes = [...list(scope.cwdRoots), ...list(sandbox.writePaths)];
  const summary = `${sandbox.network === true ? 'Network allowed' : 'No network'}, ${writes.length === 0 ? 'writes nowhere' : `writes only to ${writes.join(', ')}`}`;
  const unsandboxed = scope.unsandboxed === true;
  return (
    <>
      <div className="fact">
        <dt>Sandbox</dt>
        <dd>
          {unsandboxed
            ? sandbox.allowUnsandboxed === true
              ? 'Unsandboxed: no sandbox on this system, and this scope runs its tools anyway'
              : 'Unsandboxed: no sandbox on this system, so its tools are refused'
            : summary}
        </dd>
      </div>
      {list(sandbox.readPaths).length > 0 && (
        <div className="fact">
          <dt>Also readable</dt>
          <dd>
            <ChipList items={list(sandbox.readPaths)} />
          </dd>
        </div>
      )}
      {typeof scope.risk === 'string' && (
        <div className="fact">
          <dt>Risk</dt>
          <dd>{scope.risk}</dd>
        </div>
      )}
    </>
  );
}

/** Where plugins that can write files would be refused this tool (the host's write-then-execute rule). */
function CodeLoadingWarnings({ scope }: { scope: Scope }) {
  const fsScopes = useScopesStore((state) => state.listing?.fs ?? []);
  const warnings = codeLoadingWarnings(scope, fsScopes);
  if (warnings.length === 0) return null;
  return (
    <div className="callout callout-warning" role="note">
      {warnings.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function ChipList({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="inline-list">
      {items.map((item) => (
        <li key={item}>
          <code className="chip path">{item}</code>
        </li>
      ))}
    </ul>
  );
}
