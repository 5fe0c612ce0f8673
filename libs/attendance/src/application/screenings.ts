import { Injectable } from '@nestjs/common';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { worker, workerStream } from '@blue-ocean/workforce';

/**
 * Check-in temperatures on the worker's own stream: the workforce decider keeps a reading of
 * 37.3 °C or more as ScreeningFailed (the worker's code RED, source CHECK_IN_SCREENING, for 14
 * days) and ignores the rest.
 */
@Injectable()
export class Screenings {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  async record(screening: { workerId: string; placementId: string; temperatureCelsius: number; actor: string; at: Date }): Promise<void> {
    const { workerId, placementId, temperatureCelsius, actor, at } = screening;
    const { position } = await this.decisions.decide(
      { streamId: workerStream(workerId), decider: worker },
      (state) => worker.decide({ type: 'RecordScreening', workerId, placementId, temperatureCelsius, actor, at: at.toISOString() }, state),
      { actor, at },
    );
    await this.projections.passed(position);
  }
}
