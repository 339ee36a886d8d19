import type { ProcessSandboxPreview } from '../../shared/confirmation';
import { ActionFailure } from '../action-failure';
import { defaultSandboxRuntime, type SandboxRuntime } from './sandbox-runtime';
import type { ProcessSandbox } from '../../shared/process-sandbox-schema';

/** The sandbox part of a checked invocation: what the launcher needs and what the prompt shows. */
export interface InvocationSandbox {
  policy: ProcessSandbox;
  /** The real paths of the scope's working roots, writable inside the sandbox. */
  roots: string[];
  preview: ProcessSandboxPreview;
}

/**
 * The sandbox an invocation will run in, checked before the user is asked: where no sandbox exists and the
 * scope does not allow running without one, throws SANDBOX_UNAVAILABLE so nobody approves what cannot run.
 */
export async function invocationSandbox(
  policy: ProcessSandbox,
  roots: readonly string[],
  runtime: SandboxRuntime = defaultSandboxRuntime,
): Promise<InvocationSandbox> {
  const status = runtime.status();
  if (!status.available && !policy.allowUnsandboxed) {
    throw new ActionFailure('SANDBOX_UNAVAILABLE', `No sandbox can run this tool: ${status.reason}.`, { reason: status.reason });
  }
  return {
    policy,
    roots: [...roots],
    preview: {
      enforced: status.available,
      network: policy.network,
      writePaths: [...roots, ...policy.writePaths],
      readPaths: [...policy.readPaths],
    },
  };
}
