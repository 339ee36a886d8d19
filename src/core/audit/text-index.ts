// Search text of the records, lowercase UTF-8 in large shared buffers, searched with Buffer#indexOf.
// Identical texts close together (the phases of one request) are stored once.

const CHUNK_BYTES = 16 * 1024 * 1024;
const FIRST_CHUNK_BYTES = 64 * 1024;
/** Ends each text so a match cannot run from one text into the next. */
const TEXT_END = 0;
/** How many recent distinct texts are remembered for reuse. */
const RECENT_TEXTS = 4096;

export interface TextIndexState {
  /** Texts stored plus one. */
  count: number;
  starts: Float64Array;
  /** The used bytes of each chunk. */
  chunks: Buffer[];
}

export class TextIndex {
  private readonly chunks: Buffer[] = [];
  private used = 0;
  /** Per text id (from 1): chunk number and start offset, packed as chunk * CHUNK_BYTES + offset. */
  private starts = new Float64Array(1024);
  private count = 1;
  private readonly recent = new Map<string, number>();

  /** The number of distinct stored texts plus one (id 0 is the empty text). */
  get size(): number {
    return this.count;
  }

  /** The stored texts; shares memory with the index, and stays valid as texts are added after it. */
  state(): TextIndexState {
    const last = this.chunks.length - 1;
    return {
      count: this.count,
      starts: this.starts.subarray(0, this.count),
      chunks: this.chunks.map((c, i) => (i === last ? c.subarray(0, this.used) : c)),
    };
  }

  /** An index holding the texts of `state`, as saved by a snapshot. */
  static from(state: TextIndexState): TextIndex {
    const text = new TextIndex();
    const { count, starts, chunks } = state;
    if (count < 1 || starts.length !== count || chunks.some((c) => c.length > CHUNK_BYTES)) throw new Error('inconsistent text index');
    for (let id = 2; id < count; id++) if (!(starts[id]! > starts[id - 1]!)) throw new Error('inconsistent text index');
    const lastStart = starts[count - 1] ?? 0;
    if (count > 1 && Math.floor(lastStart / CHUNK_BYTES) >= chunks.length) throw new Error('inconsistent text index');
    text.starts = new Float64Array(Math.max(1024, count * 2));
    text.starts.set(starts);
    text.count = count;
    chunks.forEach((chunk, i) => {
      // Copied, so the index does not keep the whole snapshot file alive.
      if (i < chunks.length - 1) text.chunks.push(Buffer.from(chunk));
      else {
        // The last chunk keeps receiving texts, so it gets room to grow.
        const room = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(FIRST_CHUNK_BYTES, 2 * chunk.length)));
        chunk.copy(room);
        text.chunks.push(room);
        text.used = chunk.length;
      }
    });
    return text;
  }

  /** Stores a record's text and returns its id; 0 for an empty text. */
  add(text: string): number {
    if (text.length === 0) return 0;
    const known = this.recent.get(text);
    if (known !== undefined) return known;
    // UTF-8 needs at most 3 bytes per UTF-16 unit; the bound spares measuring every text.
    const bytes = text.length * 3 + 1;
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.used + bytes > chunk.length) {
      // Small logs get small buffers; a record's text is capped far below one chunk.
      chunk = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(FIRST_CHUNK_BYTES, 2 * (chunk?.length ?? 0), bytes)));
      this.chunks.push(chunk);
      this.used = 0;
    }
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    const id = this.count++;
    this.starts[id] = (this.chunks.length - 1) * CHUNK_BYTES + this.used;
    this.used += chunk.write(text, this.used, 'utf8');
    chunk[this.used++] = TEXT_END;
    // Forgetting all at once is cheaper than evicting one by one, and repeats cluster in time.
    if (this.recent.size >= RECENT_TEXTS) this.recent.clear();
    this.recent.set(text, id);
    return id;
  }

  /** Marks, per text id, the texts that contain needle (already normalized). */
  search(needle: string): Uint8Array {
    const marks = new Uint8Array(this.count);
    if (needle.length === 0) return marks;
    const pattern = Buffer.from(needle, 'utf8');
    let id = 1;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const base = c * CHUNK_BYTES;
      const end = c === this.chunks.length - 1 ? this.used : chunk.length;
      let at = 0;
      for (;;) {
        const hit = chunk.indexOf(pattern, at);
        if (hit < 0 || hit >= end) break;
        // Hits come in order, so the text holding each one is found by walking forward.
        while (id + 1 < this.count && this.starts[id + 1]! <= base + hit) id++;
        marks[id] = 1;
        if (id + 1 >= this.count) break;
        const next = this.starts[id + 1]! - base;
        if (next >= end) break;
        at = next;
      }
    }
    return marks;
  }
}
