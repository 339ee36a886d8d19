// Rights at the moment of effect: every request a plugin has waiting or running holds a ticket, and losing a
// right (disable, revoke, remove, unavailable, untrusted) aborts the plugin's tickets at once, with the reason.
import type { Capability } from '@gatehouse/plugin-sdk';
import type { PluginInfo } from '../../shared/plugin-info';
import { ActionFailure } from '../action-failure';
import { mayAct, type RightsRefusal } from './may-act';
import { refusalRemedy } from './refusal-guidance';

/** Where a request was when it lost its rights; the audit record reads "<cause> while <stage>". */
export type TicketStage = 'waiting' | 'running';

/** One waiting or running request of a plugin. */
export interface RightsTicket {
  readonly pluginId: string;
  /** Aborted the moment the plugin loses a right this request needs; the reason is the refusal. */
  readonly signal: AbortSignal;
  stage: TicketStage;
  /** Null while the plugin may still act with the request's capabilities; else why not, for this stage. */
  lost(): ActionFailure | null;
  close(): void;
}

interface OpenTicket extends RightsTicket {
  required: readonly Capability[];
  withdraw(refusal: RightsRefusal): void;
}

export type PluginRights = ReturnType<typeof createPluginRights>;

/** The failure a request ends with when its rights went away; `details.withdrawn` is the audit's reason. */
export function withdrawnFailure(pluginId: string, refusal: RightsRefusal, stage: TicketStage): ActionFailure {
  const withdrawn = `${refusal.cause} while ${stage}`;
  const remedy = refusalRemedy(refusal);
  return new ActionFailure(
    refusal.code,
    `Plugin "${pluginId}" may no longer act (${withdrawn}); nothing further was done.${remedy ? ` ${remedy}` : ''}`,
    {
      withdrawn,
      ...(refusal.missing ? { missing: refusal.missing } : {}),
      ...(remedy ? { remedy } : {}),
    },
  );
}

export function createPluginRights(deps: { getPlugin(id: string): PluginInfo | null }) {
  /** Plugins whose rights are being taken away right now: refused before the registry has finished writing. */
  const withdrawing = new Map<string, RightsRefusal[]>();
  const tickets = new Map<string, Set<OpenTicket>>();

  function check(pluginId: string, required: readonly Capability[] = []): RightsRefusal | null {
    const pending = withdrawing.get(pluginId);
    if (pending?.length) return pending[0] as RightsRefusal;
    return mayAct(deps.getPlugin(pluginId), required);
  }

  function open(pluginId: string, required: readonly Capability[]): RightsTicket {
    const controller = new AbortController();
    let lostAs: ActionFailure | null = null;
    const mine = tickets.get(pluginId) ?? new Set<OpenTicket>();
    tickets.set(pluginId, mine);
    const ticket: OpenTicket = {
      pluginId,
      required,
      signal: controller.signal,
      stage: 'waiting',
      lost() {
        if (lostAs) return lostAs;
        const refusal = check(pluginId, required);
        return refusal ? withdrawnFailure(pluginId, refusal, ticket.stage) : null;
      },
      withdraw(refusal) {
        if (lostAs) return;
        lostAs = withdrawnFailure(pluginId, refusal, ticket.stage);
        controller.abort(lostAs);
      },
      close() {
        mine.delete(ticket);
        if (!mine.size && tickets.get(pluginId) === mine) tickets.delete(pluginId);
      },
    };
    mine.add(ticket);
    return ticket;
  }

  return {
    /** The one may-act answer, including rights that are being withdrawn at this moment. */
    check,
    /** Registers a request that passed the door; close it when the request is answered. */
    open,
    /**
     * Takes a plugin's rights away now (before the registry's audited write finishes): every ticket is aborted
     * with `refusal` and new requests are refused until `release` is called.
     */
    withdraw(pluginId: string, refusal: RightsRefusal): () => void {
      const list = withdrawing.get(pluginId) ?? [];
      list.push(refusal);
      withdrawing.set(pluginId, list);
      for (const ticket of [...(tickets.get(pluginId) ?? [])]) ticket.withdraw(refusal);
      return () => {
        const index = list.indexOf(refusal);
        if (index !== -1) list.splice(index, 1);
        if (!list.length && withdrawing.get(pluginId) === list) withdrawing.delete(pluginId);
      };
    },
    /**
     * Stops open requests without refusing new ones (only these tickets are withdrawn): of one plugin or of
     * all, and of every stage or only those already running.
     */
    stopOpen(refusal: RightsRefusal, which: { pluginId?: string; stage?: TicketStage } = {}): void {
      const owners = which.pluginId === undefined ? [...tickets.values()] : [tickets.get(which.pluginId) ?? new Set<OpenTicket>()];
      for (const mine of owners) for (const ticket of [...mine]) if (!which.stage || ticket.stage === which.stage) ticket.withdraw(refusal);
    },
    /** Re-asks the question for every open ticket (the registry changed); those that lost a right are aborted. */
    recheck(): void {
      for (const [pluginId, mine] of tickets) {
        for (const ticket of [...mine]) {
          const refusal = check(pluginId, ticket.required);
          if (refusal) ticket.withdraw(refusal);
        }
      }
    },
    /** How many requests a plugin has waiting or running. */
    openCount(pluginId: string): number {
      return tickets.get(pluginId)?.size ?? 0;
    },
  };
}
