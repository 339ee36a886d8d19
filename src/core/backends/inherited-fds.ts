// Node opens every descriptor close-on-exec, but the host may itself have been started holding others (a
// parent's pipe, a launcher's socket, a file a wrapper script left open), and bubblewrap hands every
// descriptor it inherits to the sandboxed process by design: the sandbox would not hide what such a
// descriptor reaches. The host lists the descriptors a child would inherit; the backend's Node closes
// exactly those before the plugin's code runs.
import { fstatSync, readdirSync, readFileSync } from 'node:fs';

/** One descriptor of this process that is not close-on-exec, as its number and the file it refers to. */
export interface InheritedFd {
  fd: number;
  dev: string;
  ino: string;
}

const O_CLOEXEC = 0o2000000;

/** The descriptors above stdio a child of this process would inherit (Linux; none where /proc is missing). */
export function inheritableFds(): InheritedFd[] {
  let names: string[];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  const found: InheritedFd[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd < 3) continue;
    try {
      const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
      if (flags === undefined || (Number.parseInt(flags, 8) & O_CLOEXEC) !== 0) continue;
      const stats = fstatSync(fd, { bigint: true });
      found.push({ fd, dev: String(stats.dev), ino: String(stats.ino) });
    } catch {
      // Closed meanwhile (the listing's own descriptor among them): nothing to pass on.
    }
  }
  return found;
}

/**
 * Node's `--import` of a module (a data: URL, so it needs no file read) that closes each listed descriptor
 * which still refers to the same file; one the launch put in its place (a channel) refers to another file
 * and stays open.
 */
export function closeInheritedFdsArg(fds: readonly InheritedFd[]): string {
  const source = [
    "import { closeSync, fstatSync } from 'node:fs';",
    `for (const [fd, dev, ino] of ${JSON.stringify(fds.map((entry) => [entry.fd, entry.dev, entry.ino]))}) {`,
    '  try {',
    '    const stats = fstatSync(fd, { bigint: true });',
    '    if (String(stats.dev) === dev && String(stats.ino) === ino) closeSync(fd);',
    '  } catch {}',
    '}',
  ].join('\n');
  return `--import=data:text/javascript,${encodeURIComponent(source)}`;
}
