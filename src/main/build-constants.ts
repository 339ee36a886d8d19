// Constants the bundler writes into the main process (electron.vite.config.ts `mainDefines`); nothing
// at run time (environment, arguments, files) can change them.

declare const __GATEHOUSE_DEV_BUILD__: boolean;
declare const __GATEHOUSE_DEVELOPMENT_PUBLISHER__: { publicKey: string; name: string };

/** True only in a bundle built with `--mode development`; the shell also requires an unpackaged app. */
export const DEV_BUILD: boolean = __GATEHOUSE_DEV_BUILD__;

/** The examples' development signing key: trusted in memory by a development run, never trusted otherwise. */
export const DEVELOPMENT_PUBLISHER: { publicKey: string; name: string } = __GATEHOUSE_DEVELOPMENT_PUBLISHER__;
