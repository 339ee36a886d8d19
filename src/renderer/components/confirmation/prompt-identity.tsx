import { useEffect } from 'react';
import type { ConfirmationRequest } from '../../../shared/confirmation';
import { shortFingerprint } from '../../lib/fingerprint';
import { usePluginsStore } from '../../stores/plugins-store';
import { useTrustStore } from '../../stores/trust-store';

/**
 * Who vouches for the plugin. Signed: the name the user gave the trusted key and the key's fingerprint.
 * Unsigned: the manifest's publisher name is shown as a claim nobody checked, never as fact.
 */
export function PromptIdentity({ request, id }: { request: ConfirmationRequest; id: string }) {
  const keyId = usePluginsStore((state) => state.plugins.find((plugin) => plugin.id === request.plugin.id)?.publisherKeyId ?? null);
  const publishers = useTrustStore((state) => state.publishers);
  const loadTrust = useTrustStore((state) => state.load);
  useEffect(() => {
    if (request.plugin.signed && publishers.status !== 'ready') void loadTrust();
    // Loaded once per prompt; the list changes only in Settings.
  }, [request.id, request.plugin.signed, publishers.status, loadTrust]);

  if (!request.plugin.signed) {
    return (
      <p className="prompt-identity prompt-identity-unsigned" id={id}>
        <strong>Unsigned</strong> · the name “<bdi>{request.plugin.publisher}</bdi>” is not verified
      </p>
    );
  }
  const trusted = publishers.status === 'ready' ? publishers.value.find((publisher) => publisher.keyId === keyId) : undefined;
  return (
    <p className="prompt-identity prompt-identity-signed" id={id}>
      {trusted ? (
        <>
          Signed by{' '}
          <strong>
            <bdi>{trusted.name}</bdi>
          </strong>{' '}
          · key <code>{shortFingerprint(trusted.fingerprint, 2)}…</code>
        </>
      ) : (
        <>
          <strong>Signed</strong> by a trusted key
          {keyId ? (
            <>
              {' '}
              · key <code>{keyId.slice(0, 12)}…</code>
            </>
          ) : null}
        </>
      )}
    </p>
  );
}
