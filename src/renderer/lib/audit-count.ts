import { plural } from './format';

/** "1 request matches the filters", "3 records": how many rows the audit list has, and what a row is. */
export function countLine(total: number, byRequest: boolean, filtered: boolean): string {
  const counted = byRequest ? plural(total, 'request', 'requests') : plural(total, 'record', 'records');
  return filtered ? `${counted} ${total === 1 ? 'matches' : 'match'} the filters` : counted;
}
