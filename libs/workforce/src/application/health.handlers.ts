import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, Forbidden } from '@blue-ocean/kernel';
import { WorkerChanges } from './worker-changes';
import { AttestHealth, DeclareHealth } from './workforce-commands';
import { Workers } from './workers.query';

@CommandHandler(DeclareHealth)
export class DeclareHealthHandler implements ICommandHandler<DeclareHealth, string> {
  constructor(
    private readonly workers: Workers,
    private readonly changes: WorkerChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The caller declares for their own worker profile; returns its id. A user who has claimed
   * no profile is not a worker, so may not declare: FORBIDDEN (as for any worker-only operation).
   */
  async execute({ caller, input }: DeclareHealth): Promise<string> {
    const own = await this.workers.ofUser(caller.userId);
    if (!own) throw new Forbidden('Only workers declare their health; claim your worker profile first.');
    await this.changes.change({
      type: 'DeclareHealth',
      workerId: own.id,
      at: this.clock.now().toISOString(),
      actor: caller.userId,
      hasSymptoms: input.hasSymptoms,
      householdHasSymptoms: input.householdHasSymptoms,
      contactWithConfirmedCase: input.contactWithConfirmedCase,
      temperatureCelsius: input.temperatureCelsius,
    });
    return own.id;
  }
}

@CommandHandler(AttestHealth)
export class AttestHealthHandler implements ICommandHandler<AttestHealth> {
  constructor(
    private readonly changes: WorkerChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, input }: AttestHealth): Promise<void> {
    if (!caller.isPlatformAdmin) throw new Forbidden('Only platform administrators record attested health codes.');
    await this.changes.change({
      type: 'AttestHealth',
      workerId: input.workerId,
      at: this.clock.now().toISOString(),
      actor: caller.userId,
      code: input.code,
      validUntil: input.validUntil.toISOString(),
      reference: input.reference,
    });
  }
}
