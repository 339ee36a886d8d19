import type { PluginInspection } from '../../../shared/plugin-inspection';
import { Badge } from '../common/badge';
import { Fingerprint } from './fingerprint';

/**
 * The signing key: its id, fingerprint, and whether (and as whom) the user trusts it; or why there is none.
 * `trustStepShown` leaves the fingerprint to the trust step, which shows it large. `fromIndex` is set for a
 * marketplace candidate, which main stages only after its key, digest and capabilities match the signed index.
 */
export function PublisherKey({
  inspection,
  trustStepShown = false,
  fromIndex = false,
}: {
  inspection: PluginInspection;
  trustStepShown?: boolean;
  fromIndex?: boolean;
}) {
  const publisher = inspection.publisher;
  if (!inspection.signed) {
    return (
      <section className="confirm-section" aria-label="Signature">
        <div className="callout callout-warning" role="note">
          <p className="callout-title">Unsigned — developer mode</p>
          <p>
            Nobody vouches for this bundle: it carries no publisher signature. Developer mode lets you install it; a release build would
            refuse it.
          </p>
        </div>
      </section>
    );
  }
  if (!publisher) return null;
  return (
    <section className="confirm-section" aria-label="Publisher key">
      <h3 className="confirm-section-title">Publisher key</h3>
      <dl className="confirm-facts">
        <div className="fact">
          <dt>Trust</dt>
          <dd>
            {publisher.trusted ? (
              <Badge tone="success">{publisher.name ? `Trusted as ${publisher.name}` : 'Trusted'}</Badge>
            ) : (
              <Badge tone="warning">Not trusted yet</Badge>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Key id</dt>
          <dd>
            <code>{publisher.keyId}</code>
          </dd>
        </div>
        {fromIndex && (
          <div className="fact">
            <dt>Index</dt>
            <dd>
              <Badge tone="success">Fingerprint matches your signed index</Badge>{' '}
              <span className="muted">
                The host checked this bundle's key, digest and capabilities against the entry of the index your index key signed.
              </span>
            </dd>
          </div>
        )}
        {publisher.fingerprint && !trustStepShown && (
          <div className="fact">
            <dt>Fingerprint</dt>
            <dd>
              <Fingerprint value={publisher.fingerprint} variant="compact" />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
