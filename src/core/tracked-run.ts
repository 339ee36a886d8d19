// What the broker does for a process exec or workflow besides running it: a slot in the Running list, the
// live stream when asked for, and who stopped it, for the audit.
import { basename } from 'node:path';
import type { PrivilegedActionRequest } from '@gatehouse/plugin-sdk';
import { ActionFailure } from './action-failure';
import { createActionStream, type ActionStream } from './process/action-stream';
import type { RunningActions, RunningSlot, StopCause } from './services/running-actions';

const SUMMARY_CHARS = 200;

/** True for the actions that run tools and may take long: they are listed while they run and may stream. */
export function isLongRunning(
  request: PrivilegedActionRequest,
): request is Extract<PrivilegedActionRequest, { action: 'system.process.exec' | 'system.workflow.run' }> {
  return request.action === 'system.process.exec' || request.action === 'system.workflow.run';
}

/** A slot for a long-running request that will really run (not a dry run), or the refusal; null for any other. */
export function reserveRun(
  running: RunningActions,
  pluginName: string,
  pluginId: string,
  correlationId: string,
  request: PrivilegedActionRequest,
  dryRun: boolean,
): RunningSlot | ActionFailure | null {
  if (!isLongRunning(request) || dryRun) return null;
  const streaming = request.payload.stream === true;
  const reserved = running.reserve(pluginId, correlationId, streaming);
  if (reserved.ok) return reserved.slot;
  if (reserved.reason === 'too-many-streams') {
    return new ActionFailure(
      'RATE_LIMITED',
      `"${pluginName}" already has ${running.maxStreamsPerPlugin} actions with live output open; stop one, then try again.`,
      { reason: 'too-many-streams', limit: running.maxStreamsPerPlugin },
    );
  }
  return new ActionFailure('VALIDATION_FAILED', 'A request with this correlation id is still running; use a new id.', {
    reason: 'correlation-id-in-use',
  });
}

/** The Running list's plain-text line: the command as typed (tool name and argv), or the workflow's title. */
export function runSummary(request: PrivilegedActionRequest): string {
  if (request.action === 'system.workflow.run') return request.payload.title.slice(0, SUMMARY_CHARS);
  if (request.action !== 'system.process.exec') return request.action;
  const line = [basename(request.payload.command), ...(request.payload.args ?? [])].join(' ');
  // eslint-disable-next-line no-control-regex -- argv may hold newlines; the list shows one line
  return line.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, SUMMARY_CHARS);
}

/** Lists the slot as running and opens its stream when the plugin asked for one. */
export function startRun(slot: RunningSlot, request: PrivilegedActionRequest, startedAt: number): ActionStream | undefined {
  if (!isLongRunning(request)) return undefined;
  slot.start({ action: request.action, summary: runSummary(request), startedAt });
  if (!slot.streaming) return undefined;
  const stream = createActionStream({ emit: (event) => slot.emit(event), onSent: (bytes) => slot.addBytesSent(bytes) });
  slot.onAck((seq) => stream.ack(seq));
  return stream;
}

/**
 * Who stopped a run that did not end by itself: the plugin or the user (through the slot), the host shutting
 * down, or the withdrawal of the plugin's rights (its frame closed, plugins paused, disabled, revoked).
 */
export function stopCauseOf(slot: RunningSlot | null, shutdown: AbortSignal, lost: ActionFailure | null): StopCause | null {
  const bySlot = slot?.stoppedBy() ?? null;
  if (bySlot) return bySlot;
  if (shutdown.aborted) return 'host-shutdown';
  if (!lost) return null;
  const withdrawn = String(lost.details?.withdrawn ?? '');
  if (withdrawn.startsWith('plugin frame closed')) return 'frame-closed';
  if (withdrawn.startsWith('plugins paused')) return 'paused';
  return 'rights-withdrawn';
}
