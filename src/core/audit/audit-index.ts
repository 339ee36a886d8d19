// The in-memory index built at open and kept current on append: one typed array per column, interned
// strings, and the search text. Records themselves stay on disk.
import { InternTable } from './intern-table';
import type { LineFields } from './line-fields';
import { TextIndex, type TextIndexState } from './text-index';

export const COLUMNS = [
  'seq',
  'time',
  'offset',
  'file',
  'length',
  'plugin',
  'action',
  'scope',
  'decision',
  'code',
  'correlation',
  'workflow',
  'textId',
] as const;
export type ColumnName = (typeof COLUMNS)[number];
export const TABLES = ['plugins', 'actions', 'scopes', 'decisions', 'codes', 'correlations', 'workflows'] as const;
export type TableName = (typeof TABLES)[number];

/** Everything the index holds, for a snapshot on disk. */
export interface IndexState {
  count: number;
  columns: Record<ColumnName, Float64Array | Uint32Array>;
  tables: Record<TableName, string[]>;
  text: TextIndexState;
}

/** Whether a column holds 64-bit floats (the rest hold 32-bit unsigned integers). */
export function isFloatColumn(name: ColumnName): boolean {
  return name === 'seq' || name === 'time';
}

export interface RecordLocation {
  file: number;
  offset: number;
  length: number;
}

function grow<T extends Float64Array | Uint32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

export class AuditIndex {
  count = 0;
  private capacity = 1024;
  seq = new Float64Array(this.capacity);
  time = new Float64Array(this.capacity);
  offset = new Uint32Array(this.capacity);
  file = new Uint32Array(this.capacity);
  length = new Uint32Array(this.capacity);
  plugin = new Uint32Array(this.capacity);
  action = new Uint32Array(this.capacity);
  scope = new Uint32Array(this.capacity);
  decision = new Uint32Array(this.capacity);
  code = new Uint32Array(this.capacity);
  correlation = new Uint32Array(this.capacity);
  workflow = new Uint32Array(this.capacity);
  textId = new Uint32Array(this.capacity);
  plugins = new InternTable();
  actions = new InternTable();
  scopes = new InternTable();
  decisions = new InternTable();
  codes = new InternTable();
  correlations = new InternTable();
  workflows = new InternTable();
  text = new TextIndex();

  /** The first `count` records and everything they refer to; shares memory with the live index. */
  state(): IndexState {
    const columns = {} as IndexState['columns'];
    for (const name of COLUMNS) columns[name] = this[name].subarray(0, this.count);
    const tables = {} as IndexState['tables'];
    for (const name of TABLES) tables[name] = this[name].values.slice();
    return { count: this.count, columns, tables, text: this.text.state() };
  }

  /** An index rebuilt from a snapshot; throws when the parts do not fit together. */
  static from(state: IndexState): AuditIndex {
    const index = new AuditIndex();
    const { count } = state;
    index.capacity = Math.max(1024, count);
    for (const name of COLUMNS) {
      const column = state.columns[name];
      if (column.length !== count || column instanceof Float64Array !== isFloatColumn(name))
        throw new Error(`snapshot column ${name} does not fit`);
      const owned = isFloatColumn(name) ? new Float64Array(index.capacity) : new Uint32Array(index.capacity);
      owned.set(column);
      (index as unknown as Record<ColumnName, Float64Array | Uint32Array>)[name] = owned;
    }
    for (const name of TABLES) index[name] = InternTable.from(state.tables[name]);
    index.text = TextIndex.from(state.text);
    const limits: Array<[ColumnName, number]> = [
      ['plugin', index.plugins.values.length],
      ['action', index.actions.values.length],
      ['scope', index.scopes.values.length],
      ['decision', index.decisions.values.length],
      ['code', index.codes.values.length],
      ['correlation', index.correlations.values.length],
      ['workflow', index.workflows.values.length],
      ['textId', index.text.size],
    ];
    for (const [name, limit] of limits) {
      const column = index[name];
      for (let i = 0; i < count; i++) if (column[i]! >= limit) throw new Error(`snapshot column ${name} refers past its table`);
    }
    index.count = count;
    return index;
  }

  /** Adds the next record; records are added in file order. */
  add(fields: LineFields, location: RecordLocation): void {
    if (this.count === this.capacity) this.expand();
    const i = this.count++;
    this.seq[i] = fields.seq;
    this.time[i] = fields.timeMs;
    this.file[i] = location.file;
    this.offset[i] = location.offset;
    this.length[i] = location.length;
    this.plugin[i] = this.plugins.intern(fields.pluginId);
    this.action[i] = this.actions.intern(fields.action);
    this.scope[i] = this.scopes.intern(fields.scope);
    this.decision[i] = this.decisions.intern(fields.decision);
    this.code[i] = this.codes.intern(fields.code);
    this.correlation[i] = this.correlations.intern(fields.correlationId);
    this.workflow[i] = this.workflows.intern(fields.workflowId);
    this.textId[i] = this.text.add(fields.text);
  }

  /** The position of the record with this seq, or -1. */
  positionOf(seq: number): number {
    if (this.count === 0) return -1;
    const guess = seq - this.seq[0]!;
    if (guess >= 0 && guess < this.count && this.seq[guess] === seq) return guess;
    for (let i = this.count - 1; i >= 0; i--) if (this.seq[i] === seq) return i;
    return -1;
  }

  locationOf(position: number): RecordLocation {
    return { file: this.file[position]!, offset: this.offset[position]!, length: this.length[position]! };
  }

  private expand(): void {
    this.capacity *= 2;
    this.seq = grow(this.seq, this.capacity);
    this.time = grow(this.time, this.capacity);
    this.offset = grow(this.offset, this.capacity);
    this.file = grow(this.file, this.capacity);
    this.length = grow(this.length, this.capacity);
    this.plugin = grow(this.plugin, this.capacity);
    this.action = grow(this.action, this.capacity);
    this.scope = grow(this.scope, this.capacity);
    this.decision = grow(this.decision, this.capacity);
    this.code = grow(this.code, this.capacity);
    this.correlation = grow(this.correlation, this.capacity);
    this.workflow = grow(this.workflow, this.capacity);
    this.textId = grow(this.textId, this.capacity);
  }
}
