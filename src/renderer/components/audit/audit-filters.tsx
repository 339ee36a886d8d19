import { useId } from 'react';
import { actionLabel } from '../../lib/action-labels';
import { AUDIT_DECISIONS, AUDIT_FILTER_ACTIONS, EMPTY_AUDIT_FILTER } from '../../lib/audit-filter';
import { useAuditStore } from '../../stores/audit-store';
import { usePluginsStore } from '../../stores/plugins-store';

/** Filters the host applies: plugin, action, decision, outcome, time range and free text. */
export function AuditFilters() {
  const id = useId();
  const form = useAuditStore((state) => state.form);
  const setField = useAuditStore((state) => state.setField);
  const clearFilters = useAuditStore((state) => state.clearFilters);
  const plugins = usePluginsStore((state) => state.plugins);
  const changed = JSON.stringify(form) !== JSON.stringify(EMPTY_AUDIT_FILTER);
  const knownPlugin = form.pluginId === '' || plugins.some((plugin) => plugin.id === form.pluginId);

  return (
    <form className="filters" role="search" aria-label="Filter audit records" onSubmit={(event) => event.preventDefault()}>
      <div className="field field-grow">
        <label htmlFor={`${id}-text`}>Search</label>
        <input
          id={`${id}-text`}
          className="input"
          type="search"
          placeholder="Correlation id, path, program, code…"
          maxLength={256}
          value={form.text}
          onChange={(event) => setField('text', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-plugin`}>Plugin</label>
        <select id={`${id}-plugin`} className="select" value={form.pluginId} onChange={(event) => setField('pluginId', event.target.value)}>
          <option value="">All plugins</option>
          {plugins.map((plugin) => (
            <option key={plugin.id} value={plugin.id}>
              {plugin.name}
            </option>
          ))}
          {!knownPlugin && <option value={form.pluginId}>{form.pluginId}</option>}
        </select>
      </div>
      <div className="field field-action">
        <label htmlFor={`${id}-action`}>Action</label>
        <select id={`${id}-action`} className="select" value={form.action} onChange={(event) => setField('action', event.target.value)}>
          <option value="">All actions</option>
          {AUDIT_FILTER_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {actionLabel(action)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select
          id={`${id}-decision`}
          className="select"
          value={form.decision}
          onChange={(event) => setField('decision', event.target.value)}
        >
          <option value="">Any decision</option>
          {AUDIT_DECISIONS.map((decision) => (
            <option key={decision} value={decision}>
              {decision}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          className="select"
          value={form.outcome}
          onChange={(event) => setField('outcome', event.target.value as '' | 'success' | 'failure')}
        >
          <option value="">Any outcome</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          className="input"
          type="datetime-local"
          step={1}
          value={form.from}
          onChange={(event) => setField('from', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          className="input"
          type="datetime-local"
          step={1}
          value={form.to}
          onChange={(event) => setField('to', event.target.value)}
        />
      </div>
      <div className="field field-end">
        <button type="button" className="button button-ghost" disabled={!changed} onClick={clearFilters}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
