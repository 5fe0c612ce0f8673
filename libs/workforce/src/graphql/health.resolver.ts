import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { WorkerHealth } from '../application/worker-health.query';
import { Workers } from '../application/workers.query';
import { AttestHealth, DeclareHealth } from '../application/workforce-commands';
import { toHealthStatus } from './mapping';
import { HealthDeclarationInput, HealthAttestationInput } from './workforce.inputs';
import { HealthStatusType } from './worker.types';

@Resolver(() => HealthStatusType)
export class HealthResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly workers: Workers,
    private readonly health: WorkerHealth,
  ) {}

  /** The calling worker's declaration for today; answers their code with it. */
  @Mutation(() => HealthStatusType)
  async declareHealth(@CurrentCaller() caller: Caller, @Args('input') input: HealthDeclarationInput): Promise<HealthStatusType> {
    const workerId = await this.commands.execute<DeclareHealth, string>(new DeclareHealth(caller, input));
    return toHealthStatus(await this.health.of(await this.workers.byId(workerId)));
  }

  @Mutation(() => HealthStatusType, { description: 'Platform admins record a health code issued by an outside authority.' })
  async attestHealth(@CurrentCaller() caller: Caller, @Args('input') input: HealthAttestationInput): Promise<HealthStatusType> {
    await this.commands.execute(new AttestHealth(caller, input));
    return toHealthStatus(await this.health.of(await this.workers.byId(input.workerId)));
  }
}
