import type { MouseEvent } from 'react';

export interface SettingsSectionLink {
  id: string;
  label: string;
}

/**
 * The Settings page's sections as a list of links: Tab reaches each, Enter scrolls to its section and moves the
 * focus to its heading, so the keyboard continues from there. The URL is left alone (the app has no routes).
 */
export function SettingsNav({ sections }: { sections: readonly SettingsSectionLink[] }) {
  const go = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    const section = document.getElementById(id);
    const heading = section?.querySelector<HTMLElement>('h2') ?? section;
    if (!heading) return;
    heading.tabIndex = -1;
    section?.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}`} onClick={(event) => go(event, section.id)}>
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
