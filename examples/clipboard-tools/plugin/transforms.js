// Text transforms: pure functions from string to string. A transform that cannot apply throws an Error saying why.
(() => {
  'use strict';

  function splitLines(text) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const endsWithNewline = text.endsWith('\n');
    const lines = text.split(/\r?\n/);
    if (endsWithNewline) lines.pop();
    return { lines, join: (out) => out.join(eol) + (endsWithNewline ? eol : '') };
  }

  function bytesToBase64(bytes) {
    let binary = '';
    // Chunks keep String.fromCharCode's argument list short for megabyte inputs.
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  function base64ToBytes(text) {
    const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
      throw new Error('This is not base64 text.');
    }
    const binary = atob(compact.padEnd(Math.ceil(compact.length / 4) * 4, '='));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  const transforms = [
    {
      id: 'trim',
      label: 'Trim',
      description: 'Remove whitespace at both ends and at the end of every line',
      apply: (text) => {
        const { lines, join } = splitLines(text.trim());
        return join(lines.map((line) => line.trimEnd()));
      },
    },
    { id: 'upper', label: 'UPPER CASE', description: 'Change every letter to upper case', apply: (text) => text.toUpperCase() },
    { id: 'lower', label: 'lower case', description: 'Change every letter to lower case', apply: (text) => text.toLowerCase() },
    {
      id: 'base64-encode',
      label: 'Base64 encode',
      description: 'Encode the text (as UTF-8) in base64',
      apply: (text) => bytesToBase64(new TextEncoder().encode(text)),
    },
    {
      id: 'base64-decode',
      label: 'Base64 decode',
      description: 'Decode base64 (standard or URL-safe) into UTF-8 text',
      apply: (text) => {
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(text));
        } catch (error) {
          throw new Error(error instanceof TypeError ? 'The decoded bytes are not UTF-8 text.' : error.message);
        }
      },
    },
    {
      id: 'json-pretty',
      label: 'Pretty-print JSON',
      description: 'Parse as JSON and indent with two spaces',
      apply: (text) => {
        let value;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw new Error(`This is not valid JSON: ${error.message}`);
        }
        return `${JSON.stringify(value, null, 2)}\n`;
      },
    },
    {
      id: 'sort-lines',
      label: 'Sort lines',
      description: 'Sort the lines alphabetically',
      apply: (text) => {
        const { lines, join } = splitLines(text);
        return join([...lines].sort((a, b) => a.localeCompare(b)));
      },
    },
    {
      id: 'dedupe-lines',
      label: 'Remove duplicate lines',
      description: 'Keep the first of every repeated line',
      apply: (text) => {
        const { lines, join } = splitLines(text);
        return join([...new Set(lines)]);
      },
    },
  ];

  window.ClipboardTransforms = transforms;
})();
