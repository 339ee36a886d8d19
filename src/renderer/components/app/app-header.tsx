import { ActivityButton } from '../notices/activity-button';
import { PauseButton } from '../notices/pause-controls';
import { RunningIndicator } from '../running/running-indicator';
import { SectionNav } from './section-nav';
import { ThemeToggle } from './theme-toggle';

/** Product name, the main sections, what runs now, activity done without a prompt, and the theme switch. */
export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Gatehouse</span>
      </div>
      <SectionNav />
      <RunningIndicator />
      <ActivityButton />
      <PauseButton />
      <ThemeToggle />
    </header>
  );
}
