import type { ReactNode } from 'react';
import { formatJson } from '../../lib/format';

/** Field names of summaries and outcomes, in words; unknown names are shown as they are. */
const NAMES: Record<string, string> = {
  executable: 'Program',
  argv: 'Arguments',
  cwd: 'Folder',
  envKeys: 'Environment names',
  timeoutMs: 'Time limit (ms)',
  operations: 'Operations',
  records: 'Hosts records',
  capabilities: 'Capabilities',
  granted: 'Granted',
  before: 'Before',
  after: 'After',
  exitCode: 'Exit code',
  durationMs: 'Duration (ms)',
  dryRun: 'Dry run',
  error: 'Error',
  length: 'Length',
  sha256: 'SHA-256',
  path: 'Path',
  from: 'From',
  to: 'To',
  digest: 'Bundle digest',
  publisherKeyId: 'Publisher key',
  revoked: 'Revoked',
  resolvedExecutable: 'Resolved program',
  subcommand: 'Subcommand',
  recordCount: 'Records',
  diffBytes: 'Diff size (bytes)',
  stdoutLength: 'Output length',
  stderrLength: 'Error output length',
  truncated: 'Output cut short',
  timedOut: 'Timed out',
  signal: 'Signal',
  grantedBefore: 'Granted before',
  changes: 'Changes',
  moreChanges: 'More changes',
  scopeId: 'Scope',
  kind: 'Kind',
  created: 'New',
  fallsBackToPreset: 'Built-in scope applies again',
  name: 'Name',
  replaced: 'Replaced an existing one',
  requestedAction: 'Action the plugin named',
  unsignedPlugins: 'Unsigned plugins',
  builtInPublishers: 'Built-in publishers',
};

/**
 * A summary or outcome as labelled fields a person can read: lists of text as one item per line (argv, paths,
 * grants), plain values as text, anything nested as indented JSON. Values are text, never HTML.
 */
export function ReadableFields({ value, label }: { value: Record<string, unknown> | undefined; label: string }) {
  if (!value || Object.keys(value).length === 0) return <p className="muted">—</p>;
  return (
    <dl className="detail-fields readable-fields" aria-label={label}>
      {Object.entries(value).map(([key, entry]) => (
        <div className="fact" key={key}>
          <dt>{NAMES[key] ?? key}</dt>
          <dd>{key === 'changes' && isChangeList(entry) ? renderChanges(entry) : renderValue(entry)}</dd>
        </div>
      ))}
    </dl>
  );
}

function renderValue(value: unknown): ReactNode {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return <code className="readable-text">{value}</code>;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ol className="readable-list">
        {value.map((item, index) => (
          <li key={index}>
            <code className="readable-text">{item}</code>
          </li>
        ))}
      </ol>
    );
  }
  return <pre className="readable-json">{formatJson(value)}</pre>;
}

type Change = { field: string; before?: unknown; after?: unknown };

function isChangeList(value: unknown): value is Change[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && typeof (item as Change).field === 'string')
  );
}

function shown(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A configuration change list as one line per field: `field`  before → after. */
function renderChanges(changes: Change[]): ReactNode {
  if (changes.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="readable-changes">
      {changes.map((change, index) => (
        <li key={index}>
          <code>{change.field}</code> <code className="readable-text">{shown(change.before)}</code> →{' '}
          <code className="readable-text">{shown(change.after)}</code>
        </li>
      ))}
    </ul>
  );
}
