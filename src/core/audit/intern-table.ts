// Distinct values of one column, numbered from 1; 0 stands for null.

/** A copy of `value` that does not keep a larger string alive (V8 slices share their parent). */
function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

export class InternTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  private lowered: string[] = [''];

  /** A table holding `values` (index 0 is the null placeholder), as saved by a snapshot. */
  static from(values: string[]): InternTable {
    const table = new InternTable();
    for (let id = 1; id < values.length; id++) {
      const value = values[id]!;
      if (typeof value !== 'string' || table.ids.has(value)) throw new Error('intern table values must be distinct strings');
      table.values.push(value);
      table.ids.set(value, id);
    }
    return table;
  }

  /** The id of value, adding it when new. */
  intern(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      const kept = detach(value);
      id = this.values.length;
      this.values.push(kept);
      this.ids.set(kept, id);
    }
    return id;
  }

  /** The id of value, or undefined when no record has it. */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  /** Marks, per id, the values whose lowercase form contains needle. */
  matching(needle: string): Uint8Array {
    for (let i = this.lowered.length; i < this.values.length; i++) this.lowered.push(this.values[i]!.toLowerCase());
    const marks = new Uint8Array(this.values.length);
    for (let i = 1; i < this.lowered.length; i++) if (this.lowered[i]!.includes(needle)) marks[i] = 1;
    return marks;
  }
}
