/** What "Never ask" means, shown as soon as it is chosen and before the scope is saved. */
export function NeverAskWarning({ kind }: { kind: 'fs' | 'process' }) {
  return (
    <div className="callout callout-warning never-ask-warning" role="note" aria-label="What never ask means">
      <p className="callout-title">Never ask: no prompt for this scope</p>
      <p>
        Every plugin granted this scope may {kind === 'fs' ? 'change files in its folders' : 'run its programs'} without asking you first,
        as often as it likes within the scope&apos;s rules. Each action is still checked against those rules, recorded in the audit log and
        shown as a notice. Choose it only for scopes whose every allowed action you would approve anyway.
      </p>
    </div>
  );
}
