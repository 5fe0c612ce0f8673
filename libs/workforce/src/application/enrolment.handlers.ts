import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, InvalidInput, newId } from '@blue-ocean/kernel';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { claimant } from '../domain/claimant.decider';
import { generateClaimCode, hashClaimCode } from '../domain/claim-code';
import { claimantStream, workerStream } from '../domain/streams';
import { worker, type WorkerState } from '../domain/worker.decider';
import { LenderMembers } from './lender-members';
import { WorkerChanges } from './worker-changes';
import { ClaimWorkerProfile, EnrollWorker, type Enrolment } from './workforce-commands';
import { Workers } from './workers.query';

@CommandHandler(EnrollWorker)
export class EnrollWorkerHandler implements ICommandHandler<EnrollWorker, Enrolment> {
  constructor(
    private readonly lenders: LenderMembers,
    private readonly changes: WorkerChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The worker belongs to the lender for good. Only the claim code's hash is recorded. */
  async execute({ caller, input }: EnrollWorker): Promise<Enrolment> {
    const employer = await this.lenders.require(caller, input.employerId);
    const workerId = newId();
    const claimCode = generateClaimCode();
    await this.changes.change({
      type: 'EnrollWorker',
      workerId,
      at: this.clock.now().toISOString(),
      actor: caller.userId,
      employerId: employer.id,
      employerTimeZone: employer.timezone,
      fullName: input.fullName,
      phone: input.phone,
      skills: input.skills,
      homeLocation: { lat: input.homeLocation.lat, lng: input.homeLocation.lng },
      maxHoursPerWeek: input.maxHoursPerWeek,
      claimCodeHash: hashClaimCode(claimCode),
    });
    return { workerId, claimCode };
  }
}

@CommandHandler(ClaimWorkerProfile)
export class ClaimWorkerProfileHandler implements ICommandHandler<ClaimWorkerProfile, string> {
  constructor(
    private readonly workers: Workers,
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Links the caller to the worker the code was issued for; returns the worker's id. The worker's
   * stream and the caller's claimant stream are written together, so two claims racing for one
   * profile, or one user racing for two, cannot both win.
   */
  async execute({ caller, claimCode }: ClaimWorkerProfile): Promise<string> {
    const found = await this.workers.byClaimCodeHash(hashClaimCode(claimCode));
    if (!found) throw new InvalidInput('claimCode', 'That claim code is not valid.');
    const workerId = found.id;
    const at = this.clock.now();
    const { position } = await this.decisions.decideMany(
      [
        { streamId: workerStream(workerId), decider: worker },
        { streamId: claimantStream(caller.userId), decider: claimant },
      ],
      ([workerState, claimantState]) => [
        worker.decide({ type: 'ClaimProfile', workerId, at: at.toISOString(), actor: caller.userId, claimCode }, workerState as WorkerState),
        claimant.decide({ type: 'HoldProfile', userId: caller.userId, workerId, at: at.toISOString() }, claimantState as { workerId: string | null }),
      ],
      { actor: caller.userId, at },
    );
    await this.projections.passed(position);
    return workerId;
  }
}
