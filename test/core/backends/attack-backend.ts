// The source of an attacker's backend for the attack suite: it never uses the SDK's helpers, only its own
// JSON-RPC connection on the host channel, so it can send any method and any params. Each message from its
// "frame" carries code to run with that connection, `require` and `process` in reach; the outcome goes back
// to the frame with the message's nonce, so it is told apart from what the code itself sends. Bundled by the fixture and run for real, inside the real sandbox.
export const ATTACK_BACKEND = `
import { createMessageConnection } from 'vscode-jsonrpc/node.js';
import { hostChannel } from './plugin-sdk/src/backend/channel.ts';
import { BACKEND_METHODS, BACKEND_PROTOCOL_VERSION } from '@gatehouse/plugin-sdk/backend';

const { reader, writer } = hostChannel();
const rpc = createMessageConnection(reader, writer);
const frame = (data: unknown) => void rpc.sendNotification(BACKEND_METHODS.toFrame, { data });
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
rpc.onNotification(BACKEND_METHODS.fromFrame, async (params: any) => {
  const nonce = params.data.nonce ?? null;
  try {
    const value = await new AsyncFunction('rpc', 'require', 'process', 'frame', params.data.code)(rpc, require, process, frame);
    frame({ nonce, ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    frame({ nonce, ok: false, error: String(e?.code ?? e?.message ?? error), message: String(e?.message ?? '') });
  }
});
rpc.listen();
await rpc.sendRequest(BACKEND_METHODS.hello, { protocol: BACKEND_PROTOCOL_VERSION, sdkVersion: 'attack' });
`;
