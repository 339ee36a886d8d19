import type { PluginInspection } from '../../../shared/plugin-inspection';
import { Badge } from '../common/badge';

/** Who the bundle says it is: name, version, id, publisher and description, all as text. */
export function InspectionFacts({ inspection, summaryId }: { inspection: PluginInspection; summaryId: string }) {
  const manifest = inspection.manifest;
  if (!manifest) {
    return (
      <p id={summaryId} className="muted">
        The folder holds no readable plugin manifest.
      </p>
    );
  }
  return (
    <dl className="confirm-facts" id={summaryId}>
      <div className="fact">
        <dt>Plugin</dt>
        <dd>
          <bdi className="fact-strong">{manifest.name}</bdi> <span className="muted">v{manifest.version}</span>{' '}
          <SignatureBadge signed={inspection.signed} />
        </dd>
      </div>
      <div className="fact">
        <dt>Publisher</dt>
        <dd>
          <bdi>{manifest.publisher}</bdi> <span className="muted">(as the plugin names itself)</span>
        </dd>
      </div>
      <div className="fact">
        <dt>Plugin id</dt>
        <dd>
          <code>{manifest.id}</code>
        </dd>
      </div>
      {manifest.description && (
        <div className="fact">
          <dt>Description</dt>
          <dd className="plain-text">
            <bdi>{manifest.description}</bdi>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** "Signed", or the unsigned badge that says developer mode is what lets it in. */
export function SignatureBadge({ signed }: { signed: boolean }) {
  return signed ? (
    <Badge tone="success">Signed</Badge>
  ) : (
    <Badge tone="warning" title="No publisher signature: only developer mode accepts this bundle">
      Unsigned — developer mode
    </Badge>
  );
}
