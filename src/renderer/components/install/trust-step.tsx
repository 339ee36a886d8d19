import { useId } from 'react';
import { Fingerprint } from './fingerprint';

export interface TrustStepProps {
  fingerprint: string;
  name: string;
  onName(name: string): void;
  trusted: boolean;
  onTrusted(trusted: boolean): void;
  disabled: boolean;
  /** The publisher name the manifest claims: shown as the plugin's claim, never put in the field for the user. */
  claimedPublisher: string;
  /** The key comes from a marketplace candidate that matched the signed index. */
  fromIndex?: boolean;
}

/** Trusting an unknown publisher key: the full fingerprint to compare, a name to remember it by, an explicit tick. */
export function TrustStep({
  fingerprint,
  name,
  onName,
  trusted,
  onTrusted,
  disabled,
  claimedPublisher,
  fromIndex = false,
}: TrustStepProps) {
  const id = useId();
  return (
    <fieldset className="trust-step">
      <legend className="choices-legend">Trust this publisher</legend>
      <p>
        This publisher key is new to Gatehouse. Compare its fingerprint with the one the publisher gave you through a channel you already
        trust (their website, a signed message). Trusting it lets every plugin signed with this key install.
      </p>
      <Fingerprint value={fingerprint} />
      {fromIndex && (
        <p className="trust-index-match">
          ✓ Fingerprint matches your signed index: the index your index key signed names this key for this plugin.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Remember this publisher as</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={100}
          disabled={disabled}
          aria-describedby={`${id}-claim`}
          onChange={(event) => onName(event.target.value)}
        />
        <p className="field-hint" id={`${id}-claim`}>
          Who you know holds this key. The plugin calls its publisher “<bdi>{claimedPublisher}</bdi>”; that is its own claim, not proof.
        </p>
      </div>
      <label className="check trust-check">
        <input
          type="checkbox"
          className="checkbox"
          checked={trusted}
          disabled={disabled}
          onChange={(event) => onTrusted(event.target.checked)}
        />
        Trust this publisher: I compared the fingerprint
      </label>
    </fieldset>
  );
}
