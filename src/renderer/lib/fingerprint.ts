// Publisher key fingerprints as people compare them: groups of four hex digits, four groups a row.

/** The fingerprint's groups in rows; any spacing in the input is normalized, odd input is kept as it is. */
export function fingerprintRows(fingerprint: string, groupsPerRow = 4): string[] {
  const compact = fingerprint.replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(compact)) return [fingerprint];
  const groups = compact.match(/.{1,4}/g) ?? [];
  const rows: string[] = [];
  for (let index = 0; index < groups.length; index += groupsPerRow) rows.push(groups.slice(index, index + groupsPerRow).join(' '));
  return rows;
}

/** The first groups of a fingerprint, for tight spaces next to the full value in a title. */
export function shortFingerprint(fingerprint: string, groups = 4): string {
  return fingerprint.trim().split(/\s+/).slice(0, groups).join(' ');
}
