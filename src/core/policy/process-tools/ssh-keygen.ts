// ssh-keygen's grammar: two exact forms and nothing else. ssh-keygen can also sign, convert, import, moduli-
// screen, talk to an agent, read PKCS#11 providers (code) and KRLs; none of that is reachable here.
//   create a key pair:          -t ed25519 -N "" -C <comment> -f <path> -q
//   print a key's public half:  -y -f <path>
// The key file is a path option, checked against the scope's folders like any other; an existing key (or
// its .pub) is never overwritten. The private key is written by ssh-keygen itself with mode 0600.
import { lstat } from 'node:fs/promises';
import { scopeViolation } from '../../action-failure';
import type { PathValue } from './parse-tool-argv';

/** A key comment: one short line of the characters people put there (user@host, a tool's name). */
const COMMENT = /^[A-Za-z0-9@._+ -]{1,128}$/;

function refuse(why: string, args: readonly string[]): never {
  throw scopeViolation(
    'argument-pattern',
    `ssh-keygen allows only "-t ed25519 -N '' -C <comment> -f <file> -q" and "-y -f <file>": ${why}.`,
    {
      args: [...args],
    },
  );
}

export interface SshKeygenArgs {
  form: 'create' | 'public-key';
  keyFile: string;
  pathValues: PathValue[];
}

/** Checks argv against the two forms; returns the key file as a path value for the roots check. */
export function checkSshKeygenArgs(args: readonly string[]): SshKeygenArgs {
  const keyValue = (value: string): PathValue[] => [{ option: '-f', value, form: 'plain', chdir: false }];
  if (args.length === 3 && args[0] === '-y' && args[1] === '-f') {
    const keyFile = args[2] as string;
    return { form: 'public-key', keyFile, pathValues: keyValue(keyFile) };
  }
  if (args.length !== 9) refuse(`${args.length} arguments`, args);
  const [t, type, n, passphrase, c, comment, f, keyFile, q] = args as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (t !== '-t' || type !== 'ed25519') refuse('the key type must be "-t ed25519"', args);
  // An empty passphrase: the key is for a tool that cannot ask one; the file mode and the folder protect it.
  if (n !== '-N' || passphrase !== '') refuse('the passphrase must be "-N" with an empty value', args);
  if (c !== '-C' || !COMMENT.test(comment)) refuse('the comment must be "-C" with letters, digits, spaces and @._+- only', args);
  if (f !== '-f' || keyFile.startsWith('-')) refuse('the key file must follow "-f"', args);
  if (q !== '-q') refuse('the last argument must be "-q"', args);
  return { form: 'create', keyFile, pathValues: keyValue(keyFile) };
}

/** A new key pair never replaces a file: neither the key file nor its `.pub` may exist yet (not even as a link). */
export async function checkKeyFilesAbsent(resolvedKeyFile: string): Promise<void> {
  for (const path of [resolvedKeyFile, `${resolvedKeyFile}.pub`]) {
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    ) {
      throw scopeViolation('key-file-exists', `${path} already exists; ssh-keygen never replaces a key here.`, { path });
    }
  }
}
