/** One problem `gatehouse-plugin lint` reports; `code` is stable, `message` says what to do. */
export interface LintFinding {
  severity: 'error' | 'warning';
  code: string;
  /** Path inside the plugin folder, or '.' for the folder itself. */
  file: string;
  /** 1-based line in that file, where one applies. */
  line?: number;
  message: string;
}
