import type { ReactNode } from 'react';
import type { PluginInfo } from '../../../shared/plugin-info';
import { riskLabel, riskTone } from '../../../shared/capability-risk';
import { plural } from '../../lib/format';
import { effectivePermissions, type PermissionLine } from '../../lib/plugin-permissions';
import { usePermissionFacts } from '../../lib/use-permission-facts';
import { Badge } from '../common/badge';

/** One permission: the plain phrase first, whether the host asks, its risk, then the capability id. */
function PermissionItem({ line }: { line: PermissionLine }) {
  return (
    <li className={`permission permission-${line.ask}`}>
      <span className="permission-what">
        <bdi>{line.what}</bdi>
      </span>
      <span className="permission-ask">{line.askText}</span>
      <Badge tone={riskTone(line.risk)}>{riskLabel(line.risk)}</Badge>
      <code className="permission-id">{line.capability}</code>
      {line.warning && (
        <span className="permission-warning">
          <span aria-hidden="true">⚠ </span>
          {line.warning}
        </span>
      )}
    </li>
  );
}

/** "3 permissions · 1 never asks": the count a collapsed summary shows. */
export function permissionCounts(lines: PermissionLine[]): string {
  const never = lines.filter((line) => line.ask === 'never').length;
  const secrets = lines.filter((line) => line.warning).length;
  return [
    plural(lines.length, 'permission', 'permissions'),
    never > 0 ? `${never} never ${never === 1 ? 'asks' : 'ask'}` : '',
    secrets > 0 ? `${plural(secrets, 'uses a secret', 'use secrets')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * What a plugin can do right now, from the host's grants, scopes and clipboard policy. `compact` is the
 * header strip's collapsible form; the Plugins card shows the list open.
 */
export function PermissionSummary({ plugin, compact = false, actions }: { plugin: PluginInfo; compact?: boolean; actions?: ReactNode }) {
  const facts = usePermissionFacts();
  const lines = effectivePermissions(plugin, facts);
  const list =
    lines.length === 0 ? (
      <p className="muted permissions-empty">Nothing granted: it can ask for nothing.</p>
    ) : (
      <ul className="permission-list">
        {lines.map((line) => (
          <PermissionItem key={line.capability} line={line} />
        ))}
      </ul>
    );
  if (compact) {
    return (
      <details className="permissions permissions-compact">
        <summary>
          What it can do <span className="muted">· {lines.length === 0 ? 'nothing granted' : permissionCounts(lines)}</span>
        </summary>
        {list}
        {actions}
      </details>
    );
  }
  return (
    <div className="permissions">
      <h3 className="permissions-title">What it can do now</h3>
      {list}
      {actions}
    </div>
  );
}
