import type { StoryText } from '../../lib/audit-story';

/** A request's sentence: the lead, its command or path as code, then the decision and the ending. */
export function StoryLine({ story }: { story: StoryText }) {
  return (
    <>
      {story.lead}
      {story.literal !== null && (
        <>
          {' '}
          <code className="story-literal">{story.literal}</code>
        </>
      )}
      {story.parts.map((part, index) => (
        <span key={index}>
          <span className="story-dot">{' · '}</span>
          {part}
        </span>
      ))}
    </>
  );
}
