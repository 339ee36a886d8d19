import { join } from 'node:path';
import { FS_OPERATION_TYPES } from '@gatehouse/plugin-sdk';
import { fsScopeSchema, type FsScope } from '../../shared/fs-scope-schema';

/**
 * Built-in filesystem scopes. The workspace folder is not created here; a plugin may create it only
 * if its parent already exists, since a scope never reaches above its roots.
 */
export function createDefaultFsScopes(homeDir: string): FsScope[] {
  return [
    fsScopeSchema.parse({
      id: 'workspace',
      title: 'Gatehouse workspace',
      roots: [join(homeDir, 'Gatehouse', 'workspace')],
      allowedOperations: [...FS_OPERATION_TYPES],
      confirmation: 'always',
      maxWriteBytes: 8 * 1024 * 1024,
    }),
  ];
}
