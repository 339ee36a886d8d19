import type { Encoding } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes a write operation asks for. Base64 must be canonical: Node's decoder would silently skip bad characters. */
export function contentBytes(content: string, encoding: Encoding | undefined, operationIndex: number): Buffer {
  if (encoding !== 'base64') return Buffer.from(content, 'utf8');
  if (!BASE64.test(content)) {
    throw new ActionFailure('VALIDATION_FAILED', 'Content is not valid base64.', {
      issues: [{ path: `payload.operations[${operationIndex}].content`, message: 'must be valid base64' }],
    });
  }
  return Buffer.from(content, 'base64');
}
