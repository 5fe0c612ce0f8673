import { Injectable } from '@nestjs/common';
import { newId } from '@blue-ocean/kernel';
import { DecisionRunner, StreamLoad } from '@blue-ocean/persistence';
import {
  DayPlan,
  planDay,
  settlement,
  SettlementDayKey,
  settlementDay,
  settlementDayStream,
  SettlementDayState,
  SettlementState,
  settlementStream,
  StalePlan,
} from '../domain';

const MAX_PLANS = 100;

/**
 * Finds the settlement of a day race-safely (see domain/settlement-day.ts), in two phases:
 * `plan` loads the day stream and its current settlement to choose where lines go; the caller
 * then loads `loads(key, plan)` again inside its atomic append and decides with
 * `decideDayLines`, which throws StalePlan when the day moved in between. `replanning` runs
 * the whole thing again on StalePlan (the append's own expected revisions catch the rest).
 */
@Injectable()
export class SettlementDays {
  constructor(private readonly decisions: DecisionRunner) {}

  async day(key: SettlementDayKey): Promise<SettlementDayState> {
    return (await this.decisions.load<SettlementDayState>({ streamId: settlementDayStream(key), decider: settlementDay })).state;
  }

  async settlement(settlementId: string): Promise<SettlementState> {
    return (await this.decisions.load<SettlementState>({ streamId: settlementStream(settlementId), decider: settlement })).state;
  }

  async plan(key: SettlementDayKey): Promise<DayPlan> {
    const day = await this.day(key);
    const currentStatus = day.current ? (await this.settlement(day.current)).status : 'none';
    return planDay(day, currentStatus, newId());
  }

  /** The day stream and the settlement stream `settlementId`, in that order. */
  loads(key: SettlementDayKey, settlementId: string | null): StreamLoad[] {
    const day: StreamLoad = { streamId: settlementDayStream(key), decider: settlementDay as StreamLoad['decider'] };
    if (!settlementId) return [day];
    return [day, { streamId: settlementStream(settlementId), decider: settlement as StreamLoad['decider'] }];
  }

  /**
   * Someone always makes progress (a plan goes stale only because another writer's append
   * succeeded), but one writer could lose many times in a row to a busy day: jittered backoff
   * keeps racing writers from clashing again in lockstep.
   */
  async replanning<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof StalePlan) || tries >= MAX_PLANS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** tries)));
      }
    }
  }
}
