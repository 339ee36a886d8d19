import { useState } from 'react';
import { applyThemeChoice, readThemeChoice, type ThemeChoice } from '../../lib/theme';

/** Light, dark, or the system's choice; remembered on this machine. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  return (
    <label className="theme-toggle">
      <span className="theme-toggle-label">Theme</span>
      <select
        className="select select-small"
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          applyThemeChoice(next);
          setChoice(next);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
