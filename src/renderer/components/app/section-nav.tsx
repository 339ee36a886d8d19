import { useNavigationStore, type Screen } from '../../stores/navigation-store';

const SECTIONS: Array<{ screen: Exclude<Screen, 'plugin'>; label: string }> = [
  { screen: 'audit', label: 'Audit' },
  { screen: 'plugins', label: 'Plugins' },
  { screen: 'marketplace', label: 'Marketplace' },
  { screen: 'settings', label: 'Settings' },
];

/** The host's own screens; the current one is marked with aria-current. */
export function SectionNav() {
  const screen = useNavigationStore((state) => state.screen);
  const show = useNavigationStore((state) => state.show);
  return (
    <nav className="section-nav" aria-label="Sections">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.screen}>
            <button
              type="button"
              className="section-link"
              aria-current={screen === section.screen ? 'page' : undefined}
              onClick={() => show(section.screen)}
            >
              {section.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
