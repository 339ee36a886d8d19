import type { ConfirmationRequest } from '../../../shared/confirmation';
import { Badge } from '../common/badge';

/** Who is asking (plugin name, publisher, id, version) and for which action and scope. */
export function PluginIdentity({ request, summaryId, label }: { request: ConfirmationRequest; summaryId: string; label: string }) {
  const { plugin } = request;
  return (
    <dl className="confirm-facts" id={summaryId}>
      <div className="fact">
        <dt>Plugin</dt>
        <dd>
          <bdi className="fact-strong">{plugin.name}</bdi> <span className="muted">v{plugin.version}</span>{' '}
          {plugin.signed ? <Badge tone="success">Signed</Badge> : <Badge tone="warning">Unsigned</Badge>}
        </dd>
      </div>
      <div className="fact">
        <dt>Publisher</dt>
        <dd>
          <bdi>{plugin.publisher}</bdi>
        </dd>
      </div>
      <div className="fact">
        <dt>Plugin id</dt>
        <dd>
          <code>{plugin.id}</code>
        </dd>
      </div>
      <div className="fact">
        <dt>Action</dt>
        <dd>
          {label} <code>{request.action}</code>
        </dd>
      </div>
      <div className="fact">
        <dt>Scope</dt>
        <dd>{request.scope ? <code>{request.scope}</code> : <span className="muted">none</span>}</dd>
      </div>
    </dl>
  );
}
