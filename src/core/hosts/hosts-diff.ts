import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

function displayText(bytes: Buffer): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/\r\n/g, '\n');
}

/** Unified diff (3 lines of context) from the old hosts file to the new one; empty when nothing changes. */
export function diffHostsFile(path: string, before: Buffer, after: Buffer): string {
  if (before.equals(after)) return '';
  return createTwoFilesPatch(path, path, displayText(before), displayText(after), undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
