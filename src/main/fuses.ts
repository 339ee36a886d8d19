// Electron fuses for packaged builds, flipped in the binary after packaging (they cannot be set at runtime).
// Keys are the names of `FuseV1Options` in @electron/fuses; scripts/apply-fuses.ts applies them.

/** The fuse settings of every packaged Gatehouse binary. */
export const GATEHOUSE_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the app binary into a plain Node interpreter. */
  RunAsNode: false,
  /** NODE_OPTIONS could preload code into the main process. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends would open a debugger into the main process. */
  EnableNodeCliInspectArguments: false,
  /** The app code must come from app.asar, never from a loose folder next to it. */
  OnlyLoadAppFromAsar: true,
  /** app.asar must match the hash embedded at package time. */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** Cookies and other session data are encrypted at rest with the OS keychain. */
  EnableCookieEncryption: true,
  /** file:// gets no extra privileges; the app is served from gatehouse-app://. */
  GrantFileProtocolExtraPrivileges: false,
} as const satisfies Record<string, boolean>;

export type GatehouseFuseName = keyof typeof GATEHOUSE_FUSES;
