import { ActivityButton } from '../notices/activity-button';
import { PauseButton } from '../notices/pause-controls';
import { SectionNav } from './section-nav';
import { ThemeToggle } from './theme-toggle';

/** Product name, the main sections, activity done without a prompt, and the theme switch. */
export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Gatehouse</span>
      </div>
      <SectionNav />
      <ActivityButton />
      <PauseButton />
      <ThemeToggle />
    </header>
  );
}
