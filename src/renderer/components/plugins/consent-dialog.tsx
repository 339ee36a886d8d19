import { useEffect, useId, useRef, useState } from 'react';
import { BackendRisk } from '../install/backend-risk';
import type { PluginInfo } from '../../../shared/plugin-info';
import type { PluginInspection } from '../../../shared/plugin-inspection';
import { callHost, gatehouse, type HostFailure } from '../../gatehouse';
import { plural } from '../../lib/format';
import { usePluginsStore } from '../../stores/plugins-store';
import { useToastStore } from '../../stores/toast-store';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { ModalDialog } from '../common/modal-dialog';
import { CapabilityChoices } from '../install/capability-choices';
import { InspectionFacts } from '../install/inspection-facts';
import { KeyChangeCallout } from '../install/key-change-callout';
import { PublisherKey } from '../install/publisher-key';
import { UpdateChanges } from '../install/update-changes';

type Review = { status: 'loading' } | { status: 'ready'; inspection: PluginInspection } | { status: 'error'; error: HostFailure };

/**
 * Review of an installed plugin that waits for consent: what changed since the user approved it, and its
 * capabilities to grant. Saving the grants is the consent; until then the plugin cannot be activated.
 */
export function ConsentDialog({ plugin, onClose }: { plugin: PluginInfo; onClose(): void }) {
  const titleId = useId();
  const summaryId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const setGrants = usePluginsStore((state) => state.setGrants);
  const toast = useToastStore((state) => state.push);
  const [review, setReview] = useState<Review>({ status: 'loading' });
  const [grants, setDraft] = useState<string[]>(() => plugin.capabilities.filter((capability) => plugin.granted.includes(capability)));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [keyChangeSeen, setKeyChangeSeen] = useState(false);

  useEffect(() => {
    let live = true;
    void callHost(() => gatehouse().plugins.review(plugin.id)).then((result) => {
      if (live) setReview(result.ok ? { status: 'ready', inspection: result.value } : { status: 'error', error: result });
    });
    return () => {
      live = false;
    };
  }, [plugin.id]);

  const approve = async () => {
    setBusy(true);
    setFailure(null);
    const error = await setGrants(plugin.id, grants);
    setBusy(false);
    if (error) {
      setFailure(error);
      return;
    }
    toast(
      'success',
      `${plugin.name} approved with ${grants.length} of ${plural(plugin.capabilities.length, 'capability', 'capabilities')} granted. Activate it when you are ready.`,
    );
    onClose();
  };

  const inspection = review.status === 'ready' ? review.inspection : null;
  const keyChanged = Boolean(inspection?.update?.publisherChanged);
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={summaryId}
      className="confirm install-dialog"
      initialFocus={cancelRef}
      onCancel={onClose}
    >
      <div className="confirm-top">
        <p className="confirm-eyebrow">Consent needed</p>
      </div>
      <h2 id={titleId} className="confirm-title">
        <bdi>Review {plugin.name}</bdi>
      </h2>
      <div className="confirm-body" tabIndex={0} role="region" aria-label="Review details">
        {keyChanged && <KeyChangeCallout acknowledged={keyChangeSeen} onAcknowledged={setKeyChangeSeen} disabled={busy} />}
        {review.status === 'loading' && <Loading label="Checking the installed bundle…" />}
        {review.status === 'error' && <ErrorMessage failure={review.error} context="The installed bundle could not be checked" />}
        {inspection && (
          <>
            <InspectionFacts inspection={inspection} summaryId={summaryId} />
            <BackendRisk inspection={inspection} />
            {inspection.update && <UpdateChanges update={inspection.update} version={plugin.version} />}
            <PublisherKey inspection={inspection} />
          </>
        )}
        <CapabilityChoices
          capabilities={plugin.capabilities}
          chosen={grants}
          onChange={setDraft}
          added={inspection?.update?.addedCapabilities ?? []}
          disabled={busy}
          hint="Tick what you grant. Saving approves this version and its publisher key; anything left unticked stays denied."
        />
        <p className="muted">
          Any plugin can put text on your clipboard after you click inside it, even without the clipboard capability; it can never read it.
        </p>
        {failure && <ErrorMessage failure={failure} context="The consent was not saved" />}
      </div>
      <div className="confirm-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || review.status !== 'ready' || (keyChanged && !keyChangeSeen)}
          onClick={() => void approve()}
        >
          {busy ? 'Saving…' : 'Approve and save grants'}
        </button>
      </div>
    </ModalDialog>
  );
}
