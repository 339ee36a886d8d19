import { useId, useState } from 'react';

const CLAMP_CHARS = 240;
const CLAMP_LINES = 4;

/** The first lines and characters of the plugin's texts, and whether anything was left out. */
function clamp(texts: string[]): { shown: string[]; cut: boolean } {
  let chars = CLAMP_CHARS;
  let lines = CLAMP_LINES;
  let cut = false;
  const shown: string[] = [];
  for (const text of texts) {
    if (chars <= 0 || lines <= 0) {
      cut = true;
      break;
    }
    let part = text.split('\n').slice(0, lines).join('\n');
    if (part.length > chars) part = part.slice(0, chars);
    if (part.length < text.length) {
      cut = true;
      part = `${part.trimEnd()}…`;
    }
    shown.push(part);
    chars -= part.length;
    lines -= part.split('\n').length;
  }
  return { shown, cut };
}

/** The plugin's own words: labelled as such, plain text, clamped, below the host's description. */
export function PluginReason({ texts }: { texts: string[] }) {
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const { shown, cut } = clamp(texts);
  const visible = expanded ? texts : shown;
  return (
    <section className={`plugin-says${expanded ? ' plugin-says-expanded' : ''}`} aria-labelledby={id}>
      <h3 id={id} className="plugin-says-label">
        The plugin says:
      </h3>
      <div className="plugin-says-text" tabIndex={expanded ? 0 : undefined}>
        {visible.map((text, index) => (
          <p key={index}>
            <bdi>{text}</bdi>
          </p>
        ))}
      </div>
      {cut && (
        <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show all'}
        </button>
      )}
    </section>
  );
}
