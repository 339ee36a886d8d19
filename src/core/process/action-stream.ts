// The host side of one streamed request: events in order, output coalesced, a window of unacknowledged
// output, and a budget past which output is dropped with a `skipped` marker. Nothing here grows with how
// much a tool writes or how slowly the frame reads.
import { StringDecoder } from 'node:string_decoder';
import type { ActionEvent, ActionStepStatus, Encoding } from '@gatehouse/plugin-sdk';
import { createStreamRedactor } from './stream-redactor';

type Std = 'stdout' | 'stderr';

/** Output bytes sent and not yet acknowledged by the plugin; past it, output waits in the queue. */
export const STREAM_WINDOW_BYTES = 256 * 1024;
/** Output bytes waiting in the queue; past it, output is dropped and counted in a `skipped` marker. */
export const STREAM_BUDGET_BYTES = 1024 * 1024;
/** The largest output chunk (also never more than the scope's output cap). */
export const STREAM_CHUNK_BYTES = 64 * 1024;
// Items waiting at once: many tiny writes alternating between stdout and stderr cannot make a long queue.
const MAX_QUEUED_ITEMS = 1024;
// What an event costs in the window at least, so tiny chunks cannot make a long list of unacknowledged ones.
const MIN_EVENT_COST = 64;

type Queued =
  | { type: 'output'; stream: Std; data: string; bytes: number; sealed: boolean; limit: number }
  | { type: 'skipped'; stream: Std; bytes: number }
  | { type: 'control'; event: DistributiveOmit<Exclude<ActionEvent, { type: 'output' | 'skipped' | 'end' }>, 'seq'> };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** How much output went to the plugin; the audit records it. */
export interface StreamStats {
  bytesSent: number;
  chunks: number;
  skippedBytes: number;
  skippedMarkers: number;
}

/** One process's stdout and stderr into the stream: decoded in the request's encoding, secrets redacted. */
export interface ProcessOutputSink {
  write(stream: Std, chunk: Buffer): void;
  /** The process ended: what the decoders and the redactor still hold goes out. */
  close(): void;
}

export interface ActionStream {
  started(facts: { command?: string; args?: string[]; steps?: string[] }): void;
  /** `maxOutputBytes`: the scope's output cap; no chunk of this process is larger. */
  process(options: { encoding: Encoding; secrets: readonly string[]; maxOutputBytes?: number }): ProcessOutputSink;
  step(index: number, id: string, status: ActionStepStatus): void;
  /** The plugin took every event up to `seq`. */
  ack(seq: number): void;
  /** The run is over: everything queued goes out (the window no longer holds it back), then `end`. */
  finish(): void;
  stats(): StreamStats;
}

export interface ActionStreamOptions {
  emit(event: ActionEvent): void;
  /** Output bytes just sent (the Running list's counter). */
  onSent?(bytes: number): void;
  now?(): number;
  windowBytes?: number;
  budgetBytes?: number;
}

export function createActionStream(options: ActionStreamOptions): ActionStream {
  const windowBytes = options.windowBytes ?? STREAM_WINDOW_BYTES;
  const budgetBytes = options.budgetBytes ?? STREAM_BUDGET_BYTES;
  let queue: Queued[] = [];
  let head = 0;
  let queuedBytes = 0;
  const inFlight: Array<{ seq: number; cost: number }> = [];
  let inFlightHead = 0;
  let inFlightBytes = 0;
  let nextSeq = 0;
  let finished = false;
  const stats: StreamStats = { bytesSent: 0, chunks: 0, skippedBytes: 0, skippedMarkers: 0 };

  const waiting = () => queue.length - head;
  const costOf = (item: Queued) => Math.max(MIN_EVENT_COST, item.type === 'output' ? item.bytes : 0);

  function send(item: Queued): void {
    const seq = nextSeq++;
    const cost = costOf(item);
    inFlight.push({ seq, cost });
    inFlightBytes += cost;
    if (item.type === 'output') {
      queuedBytes -= item.bytes;
      stats.bytesSent += item.bytes;
      stats.chunks += 1;
      options.emit({ type: 'output', seq, stream: item.stream, data: item.data });
      options.onSent?.(item.bytes);
    } else if (item.type === 'skipped') {
      stats.skippedMarkers += 1;
      options.emit({ type: 'skipped', seq, stream: item.stream, bytes: item.bytes });
    } else {
      options.emit({ ...item.event, seq });
    }
  }

  function pump(force = false): void {
    while (head < queue.length) {
      const item = queue[head] as Queued;
      // One event always goes when nothing is in flight, so a chunk larger than the window still moves.
      if (!force && inFlightBytes > 0 && inFlightBytes + costOf(item) > windowBytes) break;
      head += 1;
      send(item);
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 256) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  function enqueue(item: Queued): void {
    if (finished) return;
    queue.push(item);
    if (item.type === 'output') queuedBytes += item.bytes;
    pump();
  }

  function enqueueOutput(stream: Std, data: string, bytes: number, sealed: boolean, limit: number): void {
    if (finished) return;
    const tail = waiting() > 0 ? queue[queue.length - 1] : undefined;
    // Coalesced only while it waits: a chunk that can go at once goes at once.
    if (tail?.type === 'output' && tail.stream === stream && !tail.sealed && tail.bytes + bytes <= Math.min(limit, tail.limit)) {
      tail.data += data;
      tail.bytes += bytes;
      tail.sealed = sealed;
      queuedBytes += bytes;
      return;
    }
    enqueue({ type: 'output', stream, data, bytes, sealed, limit });
  }

  // Room: it goes at once (nothing waits and the window takes it), or it fits the budget of what may wait.
  const hasRoom = (bytes: number) =>
    (waiting() === 0 && (inFlightBytes === 0 || inFlightBytes + Math.max(MIN_EVENT_COST, bytes) <= windowBytes)) ||
    (queuedBytes + bytes <= budgetBytes && waiting() < MAX_QUEUED_ITEMS);

  function skip(stream: Std, bytes: number): void {
    if (finished || bytes <= 0) return;
    stats.skippedBytes += bytes;
    // The marker waiting at the end (or just before it, when the streams alternate) grows instead of a new one.
    for (let at = queue.length - 1; at >= Math.max(head, queue.length - 2); at--) {
      const item = queue[at] as Queued;
      if (item.type === 'skipped' && (item.stream === stream || waiting() >= MAX_QUEUED_ITEMS)) {
        item.bytes += bytes;
        return;
      }
    }
    enqueue({ type: 'skipped', stream, bytes });
  }

  function processSink({
    encoding,
    secrets,
    maxOutputBytes,
  }: {
    encoding: Encoding;
    secrets: readonly string[];
    maxOutputBytes?: number;
  }): ProcessOutputSink {
    const chunkBytes = Math.max(3, Math.min(STREAM_CHUNK_BYTES, maxOutputBytes ?? STREAM_CHUNK_BYTES));
    const state = (['stdout', 'stderr'] as const).map((stream) => ({
      stream,
      redactor: createStreamRedactor(secrets),
      decoder: new StringDecoder('utf8'),
      carry: Buffer.alloc(0),
      dropping: false,
    }));
    const of = (stream: Std) => state[stream === 'stdout' ? 0 : 1] as (typeof state)[number];

    const take = (s: (typeof state)[number], piece: Buffer): void => {
      if (!hasRoom(piece.length)) {
        // What the decoder holds is part of what is dropped; the next kept byte starts a character.
        s.dropping = true;
        s.decoder = new StringDecoder('utf8');
        s.carry = Buffer.alloc(0);
        return skip(s.stream, piece.length);
      }
      let bytes = piece;
      if (s.dropping && encoding === 'utf8') {
        let start = 0;
        while (start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80) start++;
        skip(s.stream, start);
        bytes = bytes.subarray(start);
      }
      s.dropping = false;
      if (bytes.length === 0) return;
      if (encoding === 'utf8') {
        const data = s.decoder.write(bytes);
        if (data) enqueueOutput(s.stream, data, bytes.length, false, chunkBytes);
        return;
      }
      // base64 of whole 3-byte groups only, so chunks join into valid base64; the rest waits for more.
      const joined = s.carry.length ? Buffer.concat([s.carry, bytes]) : bytes;
      const whole = joined.length - (joined.length % 3);
      s.carry = Buffer.from(joined.subarray(whole));
      if (whole > 0) enqueueOutput(s.stream, joined.subarray(0, whole).toString('base64'), bytes.length, false, chunkBytes);
    };
    const feed = (s: (typeof state)[number], bytes: Buffer) => {
      for (let at = 0; at < bytes.length; at += chunkBytes) take(s, bytes.subarray(at, at + chunkBytes));
    };
    let closed = false;
    return {
      write(stream, chunk) {
        if (closed || finished || chunk.length === 0) return;
        const s = of(stream);
        feed(s, s.redactor ? s.redactor.push(chunk) : chunk);
      },
      close() {
        if (closed) return;
        closed = true;
        for (const s of state) {
          if (s.redactor) feed(s, s.redactor.end());
          if (encoding === 'utf8') {
            const rest = s.decoder.end();
            if (rest) enqueueOutput(s.stream, rest, 0, true, chunkBytes);
          } else if (s.carry.length > 0) {
            enqueueOutput(s.stream, s.carry.toString('base64'), s.carry.length, true, chunkBytes);
            s.carry = Buffer.alloc(0);
          }
        }
      },
    };
  }

  return {
    started(facts) {
      enqueue({ type: 'control', event: { type: 'started', startedAt: options.now?.() ?? Date.now(), ...facts } });
    },
    process: processSink,
    step(index, id, status) {
      enqueue({ type: 'control', event: { type: 'step', index, id, status } });
    },
    ack(seq) {
      if (!Number.isSafeInteger(seq)) return;
      while (inFlightHead < inFlight.length && (inFlight[inFlightHead] as { seq: number }).seq <= seq) {
        inFlightBytes -= (inFlight[inFlightHead] as { cost: number }).cost;
        inFlightHead += 1;
      }
      if (inFlightHead > 256) {
        inFlight.splice(0, inFlightHead);
        inFlightHead = 0;
      }
      if (!finished) pump();
    },
    finish() {
      if (finished) return;
      pump(true);
      finished = true;
      options.emit({ type: 'end', seq: nextSeq++ });
    },
    stats: () => ({ ...stats }),
  };
}
