import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { DomainError, Forbidden, InvalidInput, NotFound } from '@blue-ocean/kernel';
import type { Projection } from '@blue-ocean/persistence';
import { Decimal } from '../domain';
import { BillCancellationFee } from './settlement-commands';

/** The process manager's runner name: its own checkpoint and advisory lock. */
export const SETTLEMENT_PROCESS_MANAGER = 'settlement-process-manager';
export const SETTLEMENT_PROCESS_RUNNER = Symbol('SETTLEMENT_PROCESS_RUNNER');

const ATTEMPTS = 8;
const logger = new Logger('SettlementProcessManager');

/**
 * Late-cancellation fees. A cancellation is decided by the marketplace, which knows nothing of
 * settlements; this process manager reads the global log (a ProjectionRunner of its own, with its
 * own checkpoint) and, for each PlacementCancelled with a fee, sends BillCancellationFee.
 *
 * Delivery is at least once: the command appends through the event store, while the checkpoint
 * moves in the runner's own database transaction, so a crash between the two delivers the event
 * again. That is safe because the command is idempotent on the event store itself: the day stream
 * records every fee it has billed (CancellationFeeBilled, appended atomically with the line, at an
 * expected revision), so a second delivery decides nothing, even if the settlement that took the
 * fee has been paid and a new one opened since. It never writes rows through the runner's
 * transaction, so that transaction holds no lock or transaction id while the command runs.
 */
export function cancellationFeeProcess(commands: Pick<CommandBus, 'execute'>): Projection {
  return {
    name: 'cancellation-fees',
    tables: [],
    async apply(event: RecordedEvent) {
      if (event.type !== 'PlacementCancelled') return;
      const { placementId, fee } = event.data as { placementId: string; fee?: string };
      if (!fee || new Decimal(fee).isZero()) return;
      await withRetries(() => commands.execute(new BillCancellationFee(placementId, event.metadata.actor ?? null, event.id)), placementId);
    },
  };
}

/**
 * A refusal will not change on a retry: it is logged and the event passed over. Anything else
 * (the database away, say) is retried with backoff; after that the error stops the runner, and
 * the next start resumes from the checkpoint before this event.
 */
async function withRetries(work: () => Promise<unknown>, placementId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if (error instanceof DomainError || error instanceof InvalidInput || error instanceof NotFound || error instanceof Forbidden) {
        logger.error(`Cancellation fee of placement ${placementId} refused: ${error.message}`);
        return;
      }
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
}
