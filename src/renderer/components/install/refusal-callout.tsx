import type { PluginInspection } from '../../../shared/plugin-inspection';

const REASONS: Record<string, string> = {
  'digest-mismatch': 'A file was changed after the bundle was signed.',
  'signature-invalid': 'The signature does not match the bundle and its publisher key.',
  'replayed-older-version': 'This is an older version than the one you approved: a replay, not an update.',
  'file-not-listed': 'The bundle holds a file its signature does not cover.',
  'file-missing': 'A signed file is missing from the bundle.',
  'manifest-mismatch': 'The manifest differs from the signed one.',
  'symlink-present': 'The bundle contains a symbolic link.',
  'signature-missing': 'The bundle is unsigned, and unsigned plugins are accepted in developer mode only.',
  'publisher-untrusted': 'The publisher key is not trusted, and the bundle does not carry the key to trust.',
  'plugin-id-mismatch': 'The bundle is another plugin than the one installed under this id.',
};

/** Why the host will not install this bundle: the stable reason code, what it means, and the detail. */
export function RefusalCallout({ inspection }: { inspection: PluginInspection }) {
  const reason = inspection.reason ?? (inspection.manifest ? 'bundle-invalid' : 'manifest-missing');
  return (
    <div className="callout callout-danger" role="alert">
      <p className="callout-title">
        Refused: <code>{reason}</code>
      </p>
      <p>{REASONS[reason] ?? 'The bundle did not pass verification.'} Gatehouse will not install it.</p>
      {inspection.file && (
        <p>
          File: <code>{inspection.file}</code>
        </p>
      )}
      {inspection.detail && <p className="muted plain-text">{inspection.detail}</p>}
    </div>
  );
}
