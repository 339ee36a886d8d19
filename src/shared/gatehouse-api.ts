// `window.gatehouse`, built from the channel table (IPC_VERBS) over any invoke/subscribe pair: the preload
// wires it to ipcRenderer, the browser suite and the development host to their page binding, so all expose
// exactly the same API. The verbs are only those of the table: an explicit allow-list, typed end to end.
import type { IpcRequest, IpcResponse, IpcEvents } from './ipc-contract';
import type { IpcResult } from './ipc-result';
import { IPC_VERBS, type IpcChannel, type IpcEventName, type VerbArgs } from './ipc-verbs';

export type Invoke = <C extends IpcChannel>(channel: C, payload: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;
export type Subscribe = <E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void) => () => void;

type Verbs = typeof IPC_VERBS;
type GroupOf<C extends IpcChannel> = Verbs[C]['verb'] extends `${infer G}.${string}` ? G : never;
type NameOf<C extends IpcChannel> = Verbs[C]['verb'] extends `${string}.${infer N}` ? N : never;

/** Named fields in order; a field the request may leave out is an optional parameter. */
type FieldParams<R, Names extends readonly string[]> = Names extends readonly [
  infer Head extends keyof R & string,
  ...infer Tail extends readonly string[],
]
  ? undefined extends R[Head]
    ? [R[Head]?, ...FieldParams<R, Tail>]
    : [R[Head], ...FieldParams<R, Tail>]
  : [];

type ParamsOf<C extends IpcChannel> = Verbs[C]['args'] extends 'request'
  ? [request: IpcRequest<C>]
  : Verbs[C]['args'] extends readonly string[]
    ? FieldParams<NonNullable<IpcRequest<C>>, Verbs[C]['args']>
    : never;

export type Verb<C extends IpcChannel> = (...args: ParamsOf<C>) => Promise<IpcResult<IpcResponse<C>>>;

export type GatehouseApi = {
  [G in GroupOf<IpcChannel>]: { [C in IpcChannel as GroupOf<C> extends G ? NameOf<C> : never]: Verb<C> };
} & { on: Subscribe };

/** The request a verb's arguments make, as its table entry says. */
function requestOf(args: VerbArgs, values: readonly unknown[]): unknown {
  if (args === 'request') return values[0];
  if (args.length === 0) return undefined;
  const request: Record<string, unknown> = {};
  args.forEach((field, index) => {
    if (values[index] !== undefined) request[field] = values[index];
  });
  return request;
}

export function createGatehouseApi(invoke: Invoke, subscribe: Subscribe): GatehouseApi {
  const groups: Record<string, Record<string, (...values: unknown[]) => unknown>> = {};
  for (const channel of Object.keys(IPC_VERBS) as IpcChannel[]) {
    const { verb, args } = IPC_VERBS[channel];
    const [group = '', name = ''] = verb.split('.');
    (groups[group] ??= {})[name] = (...values) => invoke(channel, requestOf(args, values) as never);
  }
  return { ...groups, on: subscribe } as unknown as GatehouseApi;
}
