import { Injectable } from '@nestjs/common';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import type { WorkerCommand } from '../domain/commands';
import { workerStream } from '../domain/streams';
import { worker, type WorkerState } from '../domain/worker.decider';

/** Loads the worker's stream, decides, appends, and waits for the read models. */
@Injectable()
export class WorkerChanges {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  async change(command: WorkerCommand): Promise<void> {
    const { position } = await this.decisions.decide<WorkerState>(
      { streamId: workerStream(command.workerId), decider: worker, isNew: command.type === 'EnrollWorker' },
      (state) => worker.decide(command, state),
      { actor: command.actor, at: new Date(command.at) },
    );
    await this.projections.passed(position);
  }
}
