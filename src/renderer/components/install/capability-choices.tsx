import { useId } from 'react';
import { capabilityRisk, describeCapability, findScope, riskLabel, riskTone } from '../../../shared/capability-risk';
import { usePermissionFacts } from '../../lib/use-permission-facts';
import { Badge } from '../common/badge';

export interface CapabilityChoicesProps {
  capabilities: string[];
  chosen: string[];
  onChange(chosen: string[]): void;
  /** Capabilities new since the user last approved the plugin: marked "New". */
  added?: string[];
  disabled?: boolean;
  hint: string;
}

/** The capabilities a plugin asks for, each with its own checkbox, risk tier and what it allows. */
export function CapabilityChoices({ capabilities, chosen, onChange, added = [], disabled = false, hint }: CapabilityChoicesProps) {
  const id = useId();
  const { scopes } = usePermissionFacts();
  if (capabilities.length === 0) return <p className="muted">This plugin asks for no capabilities.</p>;
  const toggle = (capability: string, on: boolean) =>
    onChange(capabilities.filter((entry) => (entry === capability ? on : chosen.includes(entry))));
  return (
    <fieldset className="choices">
      <legend className="choices-legend">Capabilities</legend>
      <p className="choices-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ul className="grant-list">
        {capabilities.map((capability) => {
          const risk = capabilityRisk(capability, findScope(capability, scopes));
          const isNew = added.includes(capability);
          const aboutId = `${id}-${capability}-about`;
          return (
            <li key={capability} className={`grant${isNew ? ' grant-new' : ''}`}>
              <label className="grant-label">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={chosen.includes(capability)}
                  disabled={disabled}
                  aria-describedby={aboutId}
                  onChange={(event) => toggle(capability, event.target.checked)}
                />
                <code className="grant-name">{capability}</code>
              </label>
              <span className="grant-about" id={aboutId}>
                {isNew && <Badge tone="info">New</Badge>}
                <Badge tone={riskTone(risk)}>{riskLabel(risk)}</Badge>
                <span className="muted">{describeCapability(capability, findScope(capability, scopes))}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
