// Light, dark or follow the system: the choice is kept in localStorage and applied as data-theme.
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'gatehouse.theme';

/** The stored theme choice; anything unknown means "system". */
export function readThemeChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Applies and stores a theme choice. */
export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage may be unavailable (private mode, quota): the choice then lasts for this session.
  }
}
