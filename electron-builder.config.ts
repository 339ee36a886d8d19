// Packaging: `npm run dist` builds the app in production mode, then electron-builder packs it into
// app.asar, rebuilds native modules for Electron, embeds the asar integrity hash and flips the fuses.
import type { Configuration } from 'electron-builder';

/**
 * The fuses of every packaged Gatehouse binary. They are flipped in the binary at package time and cannot
 * be changed at run time. electron-builder embeds the app.asar hash the integrity fuse checks (macOS and
 * Windows); flipping that fuse without a packager that embeds the hash makes the app refuse to start.
 */
export const GATEHOUSE_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the app binary into a plain Node interpreter. */
  runAsNode: false,
  /** Cookies and other session data are encrypted at rest with the OS keychain. */
  enableCookieEncryption: true,
  /** NODE_OPTIONS and NODE_EXTRA_CA_CERTS could preload code into the main process. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends (and SIGUSR1) would open a debugger into the main process. */
  enableNodeCliInspectArguments: false,
  /** app.asar must match the hash embedded at package time. */
  enableEmbeddedAsarIntegrityValidation: true,
  /** The app code comes from app.asar only, never from a loose folder next to it. */
  onlyLoadAppFromAsar: true,
  /** file:// gets no extra privileges; the app is served from gatehouse-app://. */
  grantFileProtocolExtraPrivileges: false,
} as const;

const config: Configuration = {
  appId: 'dev.gatehouse.app',
  productName: 'Gatehouse',
  directories: { output: 'release', buildResources: 'build' },
  // The bundled main, preload and renderer only: a packaged build ships no example plugins and no
  // development key. electron-builder adds the production dependencies.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // Native modules cannot be loaded from inside app.asar.
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  npmRebuild: true,
  electronFuses: GATEHOUSE_FUSES,
  linux: { target: ['AppImage', 'deb'], category: 'Development' },
  mac: { target: ['dmg'], hardenedRuntime: true },
  win: { target: ['nsis'] },
};

export default config;
