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
          <SignatureBadge inspection={inspection} />
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

// Refusals where the bundle is signed correctly but is not the one to install (an older version, another id).
const SIGNED_BUT_REFUSED = new Set(['replayed-older-version', 'plugin-id-mismatch']);

/**
 * What the signature proves, never more: "Signed" only for a bundle that verified; a refused one says
 * "Signature invalid" (or why else it is refused); a key not trusted yet was not checked at all.
 */
export function SignatureBadge({ inspection }: { inspection: Pick<PluginInspection, 'ok' | 'signed' | 'reason'> }) {
  if (!inspection.signed && (inspection.ok || inspection.reason === 'signature-missing')) {
    return (
      <Badge tone="warning" title="No publisher signature: only developer mode accepts this bundle">
        Unsigned — developer mode
      </Badge>
    );
  }
  if (inspection.ok) return <Badge tone="success">Signed</Badge>;
  if (inspection.reason === 'publisher-untrusted') {
    return (
      <Badge tone="warning" title="The signature is checked once you trust its key">
        Signed by a key you do not trust yet
      </Badge>
    );
  }
  if (inspection.reason && SIGNED_BUT_REFUSED.has(inspection.reason)) return <Badge tone="danger">Refused</Badge>;
  return <Badge tone="danger">Signature invalid</Badge>;
}
