// The message of a rights refusal says what to do about it, the same way wherever the core refuses:
// at the broker's door, in plugin storage, and when rights are withdrawn from a running request.
import type { RightsRefusal } from './may-act';

/**
 * What the user (or, for an undeclared capability, the plugin's author) can do so the plugin may act;
 * null when nothing on the Plugins page helps (a closed frame, the kill switch).
 * @example refusalRemedy({ code: 'PLUGIN_NOT_ACTIVE', cause: 'plugin installed' }) // 'Activate it on the Plugins page.'
 */
export function refusalRemedy(refusal: RightsRefusal): string | null {
  if (refusal.code === 'CAPABILITY_DENIED') {
    const undeclared = refusal.undeclared ?? [];
    const ungranted = (refusal.missing ?? []).filter((cap) => !undeclared.includes(cap));
    const steps: string[] = [];
    if (ungranted.length) steps.push(`Grant ${ungranted.join(', ')} to it on the Plugins page.`);
    if (undeclared.length)
      steps.push(`Its manifest must list ${undeclared.join(', ')} under "capabilities"; a new version that does asks you again.`);
    return steps.length ? steps.join(' ') : null;
  }
  switch (refusal.cause) {
    case 'plugin not installed':
      return 'Install it on the Plugins page.';
    case 'plugin installed':
    case 'plugin disabled':
      return 'Activate it on the Plugins page (and grant the capabilities it needs).';
    case 'plugin removed':
      return 'Install it again on the Plugins page.';
    case 'plugin unavailable':
      return 'The Plugins page says why (its files changed, or its publisher is no longer trusted); reinstall it or trust its publisher again.';
    case 'publisher untrusted':
      return 'Trust its publisher again under Settings → Trusted publishers.';
    case 'plugin consent pending':
      return 'Review what its update asks for and save its grants on the Plugins page; then it may act again.';
    case 'plugins paused':
      return 'Choose "Resume plugins" at the top of the Gatehouse window.';
    default:
      return null;
  }
}

/** `Plugin "<id>" may not act: <cause>. <remedy>` — the one wording of a refusal at the door. */
export function refusalMessage(pluginId: string, refusal: RightsRefusal): string {
  const remedy = refusalRemedy(refusal);
  const head =
    refusal.code === 'CAPABILITY_DENIED'
      ? `Plugin "${pluginId}" lacks ${(refusal.missing ?? []).join(', ')}.`
      : `Plugin "${pluginId}" may not act: ${refusal.cause}.`;
  return remedy ? `${head} ${remedy}` : head;
}
