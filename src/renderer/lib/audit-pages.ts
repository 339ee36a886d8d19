// A bounded, lazily filled window over the audit log: rows are fetched by page as the list scrolls.
import type { AuditPageView, AuditQueryInput, AuditRecordView } from '../../shared/audit-types';
import type { IpcResult } from '../../shared/ipc-result';
import type { HostFailure } from '../host-failure';

export type AuditFilter = Omit<AuditQueryInput, 'cursor' | 'limit'>;
export type AuditQuery = (query: AuditQueryInput) => Promise<IpcResult<AuditPageView>>;

export interface AuditPagesOptions {
  pageSize?: number;
  /** Pages kept in memory; the least recently requested are dropped first. */
  maxPages?: number;
}

export interface AuditPagesSnapshot {
  total: number | null;
  error: HostFailure | null;
  version: number;
}

export interface AuditPages {
  /** The record at a newest-first index, if its page is loaded. */
  get(index: number): AuditRecordView | undefined;
  /** Loads the pages covering indexes start..end (inclusive) that are missing or stale. */
  request(start: number, end: number): void;
  /** Reloads from the top; rows already shown stay until their fresh page arrives. */
  refresh(): void;
  snapshot(): AuditPagesSnapshot;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * How a page's cursor is found. The host pages by seq ("records below this seq"):
 * - dense: every seq from 1 to the newest matches (an unfiltered log), so page p starts at seq top - p·size;
 * - chain: a sparse match set, so each page's cursor is the previous page's nextCursor;
 * - offset: a host whose cursor counts records (nextCursor = cursor + count).
 */
type Mode = { kind: 'unknown' } | { kind: 'dense'; top: number } | { kind: 'chain' } | { kind: 'offset' };

interface Page {
  records: AuditRecordView[];
  generation: number;
}

/** Creates the page cache for one filter. */
export function createAuditPages(query: AuditQuery, filter: AuditFilter, options: AuditPagesOptions = {}): AuditPages {
  const pageSize = options.pageSize ?? 200;
  const maxPages = Math.max(4, options.maxPages ?? 50);
  const pages = new Map<number, Page>();
  const loading = new Set<string>();
  const listeners = new Set<() => void>();
  let cursors = new Map<number, number>();
  let mode: Mode = { kind: 'unknown' };
  let denseRefuted = false;
  let generation = 0;
  let total: number | null = null;
  let error: HostFailure | null = null;
  let snapshot: AuditPagesSnapshot = { total, error, version: 0 };
  let disposed = false;
  let wanted = { first: 0, last: 0 };

  const notify = () => {
    snapshot = { total, error, version: snapshot.version + 1 };
    for (const listener of [...listeners]) listener();
  };

  /** The cursor of a page: undefined for the first, null while it cannot be known yet. */
  function cursorFor(page: number): number | undefined | null {
    if (page === 0) return undefined;
    switch (mode.kind) {
      case 'dense':
        return mode.top - page * pageSize + 1;
      case 'offset':
        return page * pageSize;
      case 'chain':
        return cursors.get(page) ?? null;
      case 'unknown':
        return null;
    }
  }

  function learnMode(view: AuditPageView): void {
    const { records, total: count, nextCursor } = view;
    const first = records[0];
    const last = records[records.length - 1];
    // Grouped rows are placed at their newest matching record but show their newest record: no seq arithmetic.
    if (nextCursor === null || !first || !last || filter.group !== undefined) mode = { kind: 'chain' };
    else if (nextCursor === records.length && last.seq !== records.length) mode = { kind: 'offset' };
    else if (!denseRefuted && first.seq === count && nextCursor === last.seq && first.seq - last.seq === records.length - 1)
      mode = { kind: 'dense', top: first.seq };
    else mode = { kind: 'chain' };
  }

  function evict(): void {
    if (pages.size <= maxPages) return;
    for (const key of pages.keys()) {
      if (pages.size <= maxPages) break;
      if (key >= wanted.first && key <= wanted.last) continue;
      pages.delete(key);
    }
  }

  /** Starts over in chain mode after a dense guess turned out wrong (a gap in the seqs). */
  function refuteDense(): void {
    denseRefuted = true;
    mode = { kind: 'unknown' };
    generation += 1;
    cursors = new Map();
    fill();
  }

  async function load(page: number): Promise<void> {
    const cursor = cursorFor(page);
    const key = `${generation}:${page}`;
    if (cursor === null || loading.has(key) || pages.get(page)?.generation === generation) return;
    const startedIn = generation;
    loading.add(key);
    let result: IpcResult<AuditPageView>;
    try {
      const request: AuditQueryInput = { ...filter, limit: pageSize };
      if (cursor !== undefined) request.cursor = cursor;
      result = await query(request);
    } catch (failure) {
      result = { ok: false, code: 'INTERNAL_ERROR', error: failure instanceof Error ? failure.message : 'The host did not answer.' };
    }
    loading.delete(key);
    if (disposed) return;
    if (startedIn !== generation) {
      fill();
      return;
    }
    if (!result.ok) {
      error = { code: result.code, error: result.error, ...(result.details ? { details: result.details } : {}) };
      notify();
      return;
    }
    error = null;
    const view = result.value;
    if (page === 0) learnMode(view);
    else if (mode.kind === 'dense' && view.records[0]?.seq !== mode.top - page * pageSize) {
      refuteDense();
      return;
    }
    if (view.nextCursor !== null) cursors.set(page + 1, view.nextCursor);
    total = view.total;
    pages.delete(page);
    pages.set(page, { records: view.records, generation });
    evict();
    notify();
    fill();
  }

  /** Starts loads for every wanted page that is missing or stale and reachable now. */
  function fill(): void {
    if (disposed) return;
    const lastPage = total === null ? 0 : Math.max(0, Math.ceil(total / pageSize) - 1);
    const last = Math.min(wanted.last, lastPage);
    for (let page = wanted.first; page <= last; page++) {
      const current = pages.get(page);
      if (current && current.generation === generation) continue;
      if (cursorFor(page) !== null) {
        void load(page);
        continue;
      }
      // The cursor comes from an earlier page: load the nearest one that can be loaded now.
      let known = page - 1;
      while (known > 0 && cursorFor(known) === null) known -= 1;
      void load(known);
      break;
    }
  }

  return {
    get(index) {
      const page = pages.get(Math.floor(index / pageSize));
      return page?.records[index % pageSize];
    },
    request(start, end) {
      const first = Math.max(0, Math.floor(start / pageSize));
      const last = Math.max(first, Math.floor(Math.max(start, end) / pageSize));
      wanted = { first, last };
      for (let page = first; page <= last; page++) {
        const kept = pages.get(page);
        if (kept) {
          pages.delete(page);
          pages.set(page, kept);
        }
      }
      fill();
    },
    refresh() {
      generation += 1;
      // New records move every index: the first page decides the cursors again.
      if (mode.kind !== 'offset') mode = { kind: 'unknown' };
      cursors = new Map();
      fill();
    },
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      pages.clear();
    },
  };
}
