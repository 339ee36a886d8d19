import { LIMITS, isAllowedEnvKey, isNormalizedScopeId } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import { runKeychainCall } from './keychain-queue';
import { loadKeytar, type KeytarLike } from './load-keytar';
import { SECRET_NAME_PATTERN } from '../../shared/scope-rules';

/** Secrets for process scopes, kept in the OS keychain. Values are never logged or listed. */
export interface SecretStore {
  /** True when the keychain can store and read secrets right now. */
  available(): Promise<boolean>;
  set(scopeId: string, name: string, value: string): Promise<void>;
  /** The value, or null when no such secret is stored. */
  get(scopeId: string, name: string): Promise<string | null>;
  /** True when a secret was deleted. */
  delete(scopeId: string, name: string): Promise<boolean>;
  /** Names of the secrets of one scope, sorted; never their values. */
  listKeys(scopeId: string): Promise<string[]>;
  /** Values for a scope's env mapping (env key → secret name). A missing secret fails the whole call. */
  resolveScopeSecrets(scopeId: string, mapping: Record<string, string>): Promise<Record<string, string>>;
}

export interface SecretStoreOptions {
  /** Keychain service name; accounts are `<scopeId>/<name>`. */
  service?: string;
  /** How long one keychain call may take before the keychain counts as unavailable. */
  timeoutMs?: number;
  /** Where keytar comes from; the default imports it on first use. */
  loadKeytar?: () => Promise<KeytarLike>;
}

// No '/' can occur in a scope id or secret name, so this account never collides with a secret.
const PROBE_ACCOUNT = '.gatehouse-availability-probe';

/**
 * A keychain-backed secret store. Without a Secret Service (or without keytar) every call rejects
 * with an ActionFailure of code SECRET_STORE_UNAVAILABLE.
 * @example const secrets = createSecretStore(); await secrets.set('docker-cli', 'REGISTRY_TOKEN', token);
 */
export function createSecretStore(options: SecretStoreOptions = {}): SecretStore {
  const service = options.service ?? 'gatehouse';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const load = options.loadKeytar ?? loadKeytar;

  const call = async <T>(what: string, run: (keytar: KeytarLike) => Promise<T>): Promise<T> => {
    let keytar: KeytarLike;
    try {
      keytar = await load();
    } catch {
      throw unavailable('keytar (the OS keychain module) is not installed or did not load');
    }
    try {
      return await runKeychainCall(() => run(keytar), timeoutMs);
    } catch (error) {
      // keytar's messages describe the keychain ("Cannot create an item in a locked collection"), never values.
      throw unavailable(`${what} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };

  return {
    async available() {
      try {
        await call('writing to the keychain', (k) => k.setPassword(service, PROBE_ACCOUNT, 'probe'));
        const read = await call('reading the keychain', (k) => k.getPassword(service, PROBE_ACCOUNT));
        await call('deleting from the keychain', (k) => k.deletePassword(service, PROBE_ACCOUNT));
        return read === 'probe';
      } catch {
        return false;
      }
    },
    async set(scopeId, name, value) {
      const account = accountOf(scopeId, name);
      if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.envValueLength || value.includes('\0')) {
        throw new ActionFailure('VALIDATION_FAILED', `A secret value is 1 to ${LIMITS.envValueLength} characters without NUL.`);
      }
      await call('storing a secret', (k) => k.setPassword(service, account, value));
    },
    async get(scopeId, name) {
      const account = accountOf(scopeId, name);
      return call('reading a secret', (k) => k.getPassword(service, account));
    },
    async delete(scopeId, name) {
      const account = accountOf(scopeId, name);
      return call('deleting a secret', (k) => k.deletePassword(service, account));
    },
    async listKeys(scopeId) {
      const prefix = `${checkScopeId(scopeId)}/`;
      const credentials = await call('listing secrets', (k) => k.findCredentials(service));
      return credentials
        .map((credential) => credential.account)
        .filter((account) => account.startsWith(prefix) && SECRET_NAME_PATTERN.test(account.slice(prefix.length)))
        .map((account) => account.slice(prefix.length))
        .sort();
    },
    async resolveScopeSecrets(scopeId, mapping) {
      checkScopeId(scopeId);
      const resolved: Record<string, string> = {};
      for (const [envKey, name] of Object.entries(mapping)) {
        if (!isAllowedEnvKey(envKey))
          throw new ActionFailure('VALIDATION_FAILED', `The env key ${JSON.stringify(envKey)} cannot take a secret.`);
        const account = accountOf(scopeId, name);
        const value = await call('reading a secret', (k) => k.getPassword(service, account));
        if (value === null) {
          throw new ActionFailure('SECRET_STORE_UNAVAILABLE', `The secret ${name} of scope ${scopeId} is not set; enter it in Settings.`, {
            reason: 'secret-missing',
            scopeId,
            envKey,
            secretName: name,
          });
        }
        Object.defineProperty(resolved, envKey, { value, enumerable: true, writable: true, configurable: true });
      }
      return resolved;
    },
  };
}

function unavailable(why: string): ActionFailure {
  return new ActionFailure(
    'SECRET_STORE_UNAVAILABLE',
    `The OS keychain is not available (${why}). Secrets cannot be stored or read until a keychain such as GNOME Keyring or KWallet is running and unlocked.`,
    { reason: 'keychain-unavailable' },
  );
}

function checkScopeId(scopeId: string): string {
  if (typeof scopeId !== 'string' || !isNormalizedScopeId(scopeId))
    throw new ActionFailure('VALIDATION_FAILED', 'The scope id is not a normalized scope id.');
  return scopeId;
}

function accountOf(scopeId: string, name: string): string {
  checkScopeId(scopeId);
  if (typeof name !== 'string' || !SECRET_NAME_PATTERN.test(name)) {
    throw new ActionFailure(
      'VALIDATION_FAILED',
      'A secret name is 1 to 128 characters of letters, digits, _ . - and starts with a letter or _.',
    );
  }
  return `${scopeId}/${name}`;
}
