import type { KeytarLike } from '../../src/core/secrets';

/**
 * Named fake of a machine without a keychain: the keychain module fails to load, as keytar does where no
 * Secret Service library is installed. The host's own secret store runs on top, unchanged.
 */
export const missingKeytarLoader = async (): Promise<KeytarLike> => {
  throw new Error('keytar could not be loaded: libsecret is not installed');
};
