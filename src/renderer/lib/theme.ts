// Light, dark or follow the system: the choice is kept in localStorage and applied as data-theme.
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'gatehouse.theme';
const listeners = new Set<(theme: 'light' | 'dark') => void>();

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
  const theme = effectiveTheme(choice);
  for (const listener of listeners) listener(theme);
}

/**
 * Calls `listener` with the theme the user sees now and whenever it changes: a new choice, or the system's
 * setting while the choice is "system". Returns the unsubscribe.
 */
export function watchEffectiveTheme(listener: (theme: 'light' | 'dark') => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const onSystem = () => {
    if (readThemeChoice() === 'system') listener(effectiveTheme('system'));
  };
  media.addEventListener('change', onSystem);
  listener(effectiveTheme(readThemeChoice()));
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', onSystem);
  };
}

/** The theme the user sees now. */
function effectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
