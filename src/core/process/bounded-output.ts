/**
 * Collects a stream up to `limit` bytes and counts, then drops, the rest, so memory stays bounded however
 * much the child writes while the pipe keeps draining.
 */
export class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Every byte the child wrote, kept or not. */
  total = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0) return;
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    // A copy, so a kept slice does not pin the whole chunk it came from.
    this.chunks.push(part === chunk ? chunk : Buffer.from(part));
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.total > this.limit;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}
