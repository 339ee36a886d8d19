import { useId, useState } from 'react';
import { useScopesStore, type ScopeKind } from '../../stores/scopes-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { FsScopeForm } from './fs-scope-form';
import { ProcessScopeForm } from './process-scope-form';
import { ScopeCard } from './scope-card';

type Editing = { mode: 'new'; from: Record<string, unknown> | null } | { mode: 'edit'; scope: Record<string, unknown> } | null;

const TEXT = {
  fs: {
    title: 'Filesystem scopes',
    about: 'Folders a plugin may change, which operations it may do there, and whether each change is confirmed.',
    add: 'Add filesystem scope',
  },
  process: {
    title: 'Process scopes',
    about: 'Programs a plugin may run, which subcommands and flags they accept, where, with which environment and limits.',
    add: 'Add process scope',
  },
} as const;

/** The scopes of one kind: presets (read-only, duplicable) and the administrator's own (editable). */
export function ScopesSection({ kind }: { kind: ScopeKind }) {
  const titleId = useId();
  const listing = useScopesStore((state) => state.listing);
  const status = useScopesStore((state) => state.status);
  const error = useScopesStore((state) => state.error);
  const load = useScopesStore((state) => state.load);
  const [editing, setEditing] = useState<Editing>(null);
  const scopes = listing?.[kind] ?? [];
  const text = TEXT[kind];

  const duplicate = (scope: Record<string, unknown>) => {
    // Only the scope itself is copied, not what the listing adds about it here (preset, sandbox, anchoring).
    const { preset: _preset, unsandboxed: _unsandboxed, anchoring: _anchoring, ...rest } = scope;
    setEditing({ mode: 'new', from: { ...rest, id: `${String(scope.id)}-copy`, title: `${String(scope.title)} (copy)` } });
  };

  const form =
    editing &&
    (kind === 'fs' ? (
      <FsScopeForm
        key={editing.mode === 'edit' ? String(editing.scope.id) : 'new'}
        initial={editing.mode === 'edit' ? editing.scope : editing.from}
        isNew={editing.mode === 'new'}
        onDone={() => setEditing(null)}
      />
    ) : (
      <ProcessScopeForm
        key={editing.mode === 'edit' ? String(editing.scope.id) : 'new'}
        initial={editing.mode === 'edit' ? editing.scope : editing.from}
        isNew={editing.mode === 'new'}
        onDone={() => setEditing(null)}
      />
    ));

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            {text.title}
          </h2>
          <p className="section-about">{text.about}</p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={editing !== null}
          onClick={() => setEditing({ mode: 'new', from: null })}
        >
          {text.add}
        </button>
      </div>
      {form}
      {status === 'loading' && <Loading label="Loading scopes…" />}
      {status === 'error' && error && <ErrorMessage failure={error} context="The scopes could not be loaded" onRetry={() => void load()} />}
      {status === 'ready' && scopes.length === 0 && <EmptyState title={`No ${kind === 'fs' ? 'filesystem' : 'process'} scopes yet`} />}
      {scopes.length > 0 && (
        <ul className="scope-list">
          {scopes.map((scope) => (
            <li key={scope.id}>
              <ScopeCard
                kind={kind}
                scope={scope}
                busy={editing !== null}
                onEdit={() => setEditing({ mode: 'edit', scope })}
                onDuplicate={() => duplicate(scope)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
