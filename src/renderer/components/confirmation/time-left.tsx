import { useEffect, useState } from 'react';
import { formatCountdown } from '../../lib/format';

/** Time left to answer, updated every second; the host declines on its own when it runs out. */
export function TimeLeft({ requestedAt, expiresAt }: { requestedAt: number; expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Clamped to the request's own window so a skewed clock cannot show more time than was given.
  const left = Math.min(Math.max(0, expiresAt - now), Math.max(0, expiresAt - requestedAt));
  const urgent = left <= 10_000;
  return (
    <p className={`time-left${urgent ? ' time-left-urgent' : ''}`}>
      <span className="time-left-label">{left > 0 ? 'Declines automatically in' : 'Declined:'}</span>{' '}
      <span role="timer" className="time-left-value">
        {left > 0 ? formatCountdown(left) : 'time ran out'}
      </span>
    </p>
  );
}
