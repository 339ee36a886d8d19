// The host facts a plugin's effective permissions depend on: the scope listing and the clipboard policy,
// from the same stores Settings edits, so a change there shows here at once.
import { useEffect } from 'react';
import { useScopesStore } from '../stores/scopes-store';
import { useSettingsStore } from '../stores/settings-store';
import type { PermissionFacts } from './plugin-permissions';

let requested = false;

/** Loads the facts once per window (Settings keeps them current) and answers what is known so far. */
export function usePermissionFacts(): PermissionFacts {
  const listing = useScopesStore((state) => state.listing);
  const settings = useSettingsStore((state) => state.settings);
  useEffect(() => {
    // A failed load is tried again by the next component that needs the facts.
    const scopes = useScopesStore.getState();
    const host = useSettingsStore.getState();
    if (!requested || (scopes.status === 'error' && !scopes.listing)) void scopes.load();
    if (!requested || host.settings.status === 'error') void host.load();
    requested = true;
  }, []);
  return { scopes: listing, clipboard: settings.status === 'ready' ? settings.value.clipboard : null };
}
