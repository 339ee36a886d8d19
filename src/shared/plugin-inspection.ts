// What an install screen shows before anything is installed: identity, capabilities, publisher, and what changed.
export interface PluginInspection {
  ok: boolean;
  /** A stable reason when the bundle cannot be installed as it is (publisher-untrusted, digest-mismatch, ...). */
  reason: string | null;
  detail: string | null;
  /** The file inside the bundle that the refusal is about (`app.js`, `assets/logo.svg`), when there is one. */
  file: string | null;
  manifest: {
    id: string;
    name: string;
    version: string;
    publisher: string;
    description: string;
    capabilities: string[];
    /** The backend script, when the plugin runs background code in its own process; absent or null when none. */
    backend?: string | null;
  } | null;
  signed: boolean;
  publisher: { keyId: string; fingerprint: string | null; publicKey: string | null; trusted: boolean; name: string | null } | null;
  /** Set when a plugin with this id is installed already. */
  update: { fromVersion: string; addedCapabilities: string[]; publisherChanged: boolean } | null;
}
