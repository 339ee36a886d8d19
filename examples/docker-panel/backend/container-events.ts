// Applies `docker events` to the container list the watch last read, so a change reaches the frame without
// running `docker ps` again (each run may need the user's approval). Only what an event says for sure is
// changed; an event about a container the list does not have, or one without the fields it needs, answers
// null and the watch reads the list again instead of guessing.

/** A row as `docker ps --format {{json .}}` prints it (ID, Names, Image, State, Status, Ports…). */
export type ContainerRow = Record<string, unknown>;

/** Actions that change what the list shows; others (exec_start, attach, health_status…) leave it as it is. */
const LISTED_ACTIONS: ReadonlySet<string> = new Set([
  'create',
  'start',
  'restart',
  'stop',
  'die',
  'kill',
  'pause',
  'unpause',
  'destroy',
  'rename',
  'oom',
]);

/** `docker ps` prints 12 hex digits of the id; events carry all 64. */
const SHORT_ID = 12;
const HEX_ID = /^[0-9a-f]{12,64}$/;

/** An event's action: `Action` in current docker, `status` in older ones; `exec_start: sh` counts as `exec_start`. */
function actionOf(event: Record<string, unknown>): string {
  return String(event.Action ?? event.status ?? '').split(':')[0] ?? '';
}

/** Whether the list shows what this event changes. */
export function changesList(event: Record<string, unknown>): boolean {
  return LISTED_ACTIONS.has(actionOf(event));
}

/**
 * The list after `events`, in order; the rows given are not changed. Null when an event cannot be applied
 * with certainty: the caller lists again. Applying an event the list already shows changes nothing, so an
 * event that raced a listing does no harm.
 */
export function applyContainerEvents(rows: readonly ContainerRow[], events: readonly Record<string, unknown>[]): ContainerRow[] | null {
  let next: ContainerRow[] = rows.map((row) => ({ ...row }));
  for (const event of events) {
    if (!changesList(event)) continue;
    const applied = applyOne(next, event);
    if (!applied) return null;
    next = applied;
  }
  return next;
}

function applyOne(rows: ContainerRow[], event: Record<string, unknown>): ContainerRow[] | null {
  const actor = (event.Actor && typeof event.Actor === 'object' ? event.Actor : {}) as { ID?: unknown; Attributes?: unknown };
  const attributes = (actor.Attributes && typeof actor.Attributes === 'object' ? actor.Attributes : {}) as Record<string, unknown>;
  const id = String(actor.ID ?? event.id ?? '').toLowerCase();
  if (!HEX_ID.test(id)) return null;
  const index = rows.findIndex((row) => typeof row.ID === 'string' && row.ID.length >= SHORT_ID && id.startsWith(row.ID.toLowerCase()));
  const action = actionOf(event);

  if (action === 'destroy') return index === -1 ? rows : rows.filter((_, i) => i !== index);
  if (action === 'create') {
    const name = text(attributes.name);
    const image = text(attributes.image);
    if (!name || !image) return null;
    if (index !== -1) return patch(rows, index, { Names: name, Image: image });
    const created: ContainerRow = { ID: id.slice(0, SHORT_ID), Names: name, Image: image, State: 'created', Status: 'Created', Ports: '' };
    return [created, ...rows];
  }
  if (index === -1) return null;
  switch (action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return patch(rows, index, { State: 'running', Status: 'Up Less than a second' });
    case 'pause':
      return patch(rows, index, { State: 'paused', Status: 'Up (Paused)' });
    case 'die':
    case 'stop': {
      // `stop` follows `die` and carries no exit code: keep the one `die` gave.
      if (action === 'stop' && rows[index]?.State === 'exited') return rows;
      const code = /^\d{1,3}$/.test(text(attributes.exitCode)) ? ` (${text(attributes.exitCode)})` : '';
      return patch(rows, index, { State: 'exited', Status: `Exited${code} Less than a second ago` });
    }
    case 'rename': {
      const name = text(attributes.name);
      return name ? patch(rows, index, { Names: name }) : null;
    }
    // A signal, or memory running out: the container may or may not stop; its `die` says so if it does.
    case 'kill':
    case 'oom':
      return rows;
    default:
      return null;
  }
}

function patch(rows: ContainerRow[], index: number, fields: Partial<ContainerRow>): ContainerRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...fields } : row));
}

/** A docker name or image: printable, short, without the leading slash older engines add to names. */
function text(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const string = String(value).replace(/^\//, '');
  return string.length <= 256 && /^[\x21-\x7e]+$/.test(string) ? string : '';
}
