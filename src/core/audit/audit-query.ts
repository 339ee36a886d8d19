// Turns an AuditQuery into column tests and runs it over the index, newest first.
import type { AuditIndex } from './audit-index';
import type { AuditQuery } from './audit-types';
import { normalizeNeedle } from './search-text';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

interface TextMatch {
  /** Per text id. */
  texts: Uint8Array;
  plugins: Uint8Array;
  actions: Uint8Array;
  scopes: Uint8Array;
  codes: Uint8Array;
  correlations: Uint8Array;
}

export interface CompiledQuery {
  /** A filter names a value no record has. */
  impossible: boolean;
  /** Interned ids to match; 0 means no filter on that column. */
  plugin: number;
  action: number;
  decision: number;
  correlation: number;
  workflow: number;
  /** 0 any, 1 success (no code), 2 failure (a code). */
  outcome: 0 | 1 | 2;
  from: number;
  to: number;
  text: TextMatch | null;
  /** Records below this position were indexed when the query was compiled. */
  count: number;
}

function optionalText(q: AuditQuery, key: keyof AuditQuery): string | undefined {
  const value = q[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`audit query "${key}" must be a string`);
  return value;
}

function timeBound(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new TypeError(`audit query "${key}" must be an ISO time or epoch milliseconds`);
  return ms;
}

/** Validates a query and resolves its values against the index. Throws TypeError on a malformed query. */
export function compileQuery(index: AuditIndex, q: Omit<AuditQuery, 'cursor' | 'limit'>): CompiledQuery {
  if (typeof q !== 'object' || q === null) throw new TypeError('an audit query must be an object');
  let impossible = false;
  const lookup = (key: keyof AuditQuery, table: { find(v: string): number | undefined }): number => {
    const value = optionalText(q, key);
    if (value === undefined) return 0;
    const id = table.find(value);
    if (id === undefined) impossible = true;
    return id ?? 0;
  };
  const plugin = lookup('pluginId', index.plugins);
  const action = lookup('action', index.actions);
  const decision = lookup('decision', index.decisions);
  const correlation = lookup('correlationId', index.correlations);
  const workflow = lookup('workflowId', index.workflows);
  if (q.outcome !== undefined && q.outcome !== 'success' && q.outcome !== 'failure') {
    throw new TypeError('audit query "outcome" must be "success" or "failure"');
  }
  const outcome = q.outcome === 'success' ? 1 : q.outcome === 'failure' ? 2 : 0;
  const from = timeBound(q.from, 'from', -Infinity);
  const to = timeBound(q.to, 'to', Infinity);
  const count = index.count;
  const needle = optionalText(q, 'text');
  let text: TextMatch | null = null;
  if (needle !== undefined && needle.length > 0 && !impossible) {
    const normalized = normalizeNeedle(needle);
    text = {
      texts: index.text.search(normalized),
      plugins: index.plugins.matching(normalized),
      actions: index.actions.matching(normalized),
      scopes: index.scopes.matching(normalized),
      codes: index.codes.matching(normalized),
      correlations: index.correlations.matching(normalized),
    };
  }
  return { impossible, plugin, action, decision, correlation, workflow, outcome, from, to, text, count };
}

/**
 * Visits matching positions from newest to oldest; `visit` returns false to stop early.
 * Returns the number of matches visited.
 */
function scan(index: AuditIndex, c: CompiledQuery, visit: (position: number) => boolean): number {
  if (c.impossible) return 0;
  const { plugin, action, decision, correlation, workflow, outcome, from, to, text } = c;
  const timeFilter = from !== -Infinity || to !== Infinity;
  let matches = 0;
  for (let i = c.count - 1; i >= 0; i--) {
    if (plugin !== 0 && index.plugin[i] !== plugin) continue;
    if (action !== 0 && index.action[i] !== action) continue;
    if (decision !== 0 && index.decision[i] !== decision) continue;
    if (correlation !== 0 && index.correlation[i] !== correlation) continue;
    if (workflow !== 0 && index.workflow[i] !== workflow) continue;
    if (outcome === 1 ? index.code[i] !== 0 : outcome === 2 && index.code[i] === 0) continue;
    if (timeFilter) {
      const t = index.time[i]!;
      if (!(t >= from && t <= to)) continue;
    }
    if (
      text !== null &&
      text.texts[index.textId[i]!] === 0 &&
      text.plugins[index.plugin[i]!] === 0 &&
      text.actions[index.action[i]!] === 0 &&
      text.scopes[index.scope[i]!] === 0 &&
      text.codes[index.code[i]!] === 0 &&
      text.correlations[index.correlation[i]!] === 0
    ) {
      continue;
    }
    matches++;
    if (!visit(i)) break;
  }
  return matches;
}

/** One page of matches below `cursor` (a seq), newest first, with the total number of matches. */
export function pageOf(
  index: AuditIndex,
  c: CompiledQuery,
  cursor: number | undefined,
  limit: number,
): { positions: number[]; total: number; nextCursor: number | null } {
  const positions: number[] = [];
  let more = false;
  const below = cursor ?? Infinity;
  const total = scan(index, c, (i) => {
    if (index.seq[i]! < below) {
      if (positions.length < limit) positions.push(i);
      else more = true;
    }
    return true;
  });
  const last = positions[positions.length - 1];
  return { positions, total, nextCursor: more && last !== undefined ? index.seq[last]! : null };
}

/** One request of a grouped page: the positions of its newest and oldest records, how many it has, its decision. */
export interface StoryPositions {
  newest: number;
  oldest: number;
  records: number;
  /** The interned id of the request's latest decision (its decided record's, when it was asked); 0 for none. */
  decision: number;
}

/**
 * Records of one plugin that share a correlation id are one request; records without one stand alone. The key
 * includes the plugin: correlation ids come from plugins, and one plugin must not join another's request.
 * Interned ids are dense, so the common case (one plugin per correlation id) is a typed-array lookup; a
 * correlation id that a second plugin also used falls back to a set of (correlation, plugin) keys.
 */
class StoryKeys {
  private readonly owner: Uint32Array;
  private shared: Set<number> | null = null;
  constructor(private readonly index: AuditIndex) {
    this.owner = new Uint32Array(index.correlations.values.length);
  }
  /** True the first time a request is met. */
  firstSight(i: number): boolean {
    const correlation = this.index.correlation[i]!;
    if (correlation === 0) return true;
    const plugin = this.index.plugin[i]! + 1;
    const owner = this.owner[correlation]!;
    if (owner === 0) {
      this.owner[correlation] = plugin;
      return true;
    }
    if (owner === plugin) return false;
    const key = correlation * 2 ** 21 + plugin;
    this.shared ??= new Set();
    if (this.shared.has(key)) return false;
    this.shared.add(key);
    return true;
  }
}

interface PickedStory extends StoryPositions {
  plugin: number;
}

/**
 * One page of requests below `cursor` (a seq), newest first: a request matches when any of its records does,
 * and is placed at its newest matching record. Each request on the page carries the positions of its newest and
 * oldest records overall (its current state and how it began), found in one more pass over the index.
 */
export function storyPageOf(
  index: AuditIndex,
  c: CompiledQuery,
  cursor: number | undefined,
  limit: number,
): { stories: StoryPositions[]; total: number; nextCursor: number | null } {
  const keys = new StoryKeys(index);
  const stories: PickedStory[] = [];
  let total = 0;
  let more = false;
  let lastSeq: number | null = null;
  const below = cursor ?? Infinity;
  scan(index, c, (i) => {
    if (!keys.firstSight(i)) return true;
    total++;
    if (index.seq[i]! < below) {
      if (stories.length < limit) {
        stories.push({
          newest: i,
          oldest: i,
          records: index.correlation[i] === 0 ? 1 : 0,
          decision: index.decision[i]!,
          plugin: index.plugin[i]!,
        });
        lastSeq = index.seq[i]!;
      } else more = true;
    }
    return true;
  });
  // Every record of the picked requests, filter or not: the row shows the request, not the matching record.
  const slot = new Int32Array(index.correlations.values.length);
  const sharing = new Map<number, PickedStory>();
  stories.forEach((story, n) => {
    const correlation = index.correlation[story.newest]!;
    if (correlation === 0) return;
    if (slot[correlation] === 0) slot[correlation] = n + 1;
    else sharing.set(correlation * 2 ** 21 + story.plugin, story);
    story.decision = 0;
  });
  for (let i = 0; i < c.count && stories.length > 0; i++) {
    const correlation = index.correlation[i]!;
    const n = slot[correlation]!;
    if (correlation === 0 || n === 0) continue;
    let story = stories[n - 1]!;
    if (story.plugin !== index.plugin[i]) {
      const other = sharing.get(correlation * 2 ** 21 + index.plugin[i]!);
      if (!other) continue;
      story = other;
    }
    if (story.records === 0) story.oldest = i;
    story.newest = i;
    story.records++;
    if (index.decision[i] !== 0) story.decision = index.decision[i]!;
  }
  return { stories: stories.map(({ plugin: _plugin, ...story }) => story), total, nextCursor: more ? lastSeq : null };
}

/** Every matching position, oldest first. */
export function allMatches(index: AuditIndex, c: CompiledQuery): number[] {
  const positions: number[] = [];
  scan(index, c, (i) => {
    positions.push(i);
    return true;
  });
  return positions.reverse();
}

/** The page size a query asks for, within bounds. */
export function pageSize(limit: unknown): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isFinite(limit)) throw new TypeError('audit query "limit" must be a number');
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}
