import { useId, useState } from 'react';
import type { HostSettingsView } from '../../../shared/ipc-contract';
import type { HostFailure } from '../../gatehouse';
import { useSettingsStore } from '../../stores/settings-store';
import { useToastStore } from '../../stores/toast-store';
import { ErrorMessage } from '../common/error-message';
import { FormField } from './form-field';

type Policy = HostSettingsView['clipboard'];

/** Whether reading and writing the clipboard ask first; reading asks by default. */
export function ClipboardPolicyForm() {
  const titleId = useId();
  const settings = useSettingsStore((state) => state.settings);
  const update = useSettingsStore((state) => state.update);
  const toast = useToastStore((state) => state.push);
  const [failure, setFailure] = useState<HostFailure | null>(null);
  if (settings.status !== 'ready') return null;
  const policy = settings.value.clipboard;

  const change = async (next: Policy) => {
    setFailure(null);
    const error = await update({ clipboard: next });
    setFailure(error);
    if (!error) toast('success', 'Clipboard policy saved.');
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 className="section-title" id={titleId}>
            Clipboard
          </h2>
          <p className="section-about">Reading may expose what you copied elsewhere, so it asks by default; writing does not.</p>
        </div>
      </div>
      <div className="form-grid">
        <FormField label="When a plugin reads the clipboard">
          <select
            className="select"
            value={policy.readConfirmation}
            onChange={(event) => void change({ ...policy, readConfirmation: event.target.value as Policy['readConfirmation'] })}
          >
            <option value="always">Ask every time</option>
            <option value="never">Never ask</option>
          </select>
        </FormField>
        <FormField label="When a plugin writes the clipboard">
          <select
            className="select"
            value={policy.writeConfirmation}
            onChange={(event) => void change({ ...policy, writeConfirmation: event.target.value as Policy['writeConfirmation'] })}
          >
            <option value="always">Ask every time</option>
            <option value="never">Never ask</option>
          </select>
        </FormField>
      </div>
      {failure && <ErrorMessage failure={failure} context="The clipboard policy was not saved" />}
    </section>
  );
}
