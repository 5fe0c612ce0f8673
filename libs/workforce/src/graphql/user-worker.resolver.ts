import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserType } from '@blue-ocean/identity';
import { Workers } from '../application/workers.query';
import { toWorker } from './mapping';
import { WorkerType } from './worker.types';

/** Worker profiles belong to the workforce: this adds `User.worker`. */
@Resolver(() => UserType)
export class UserWorkerResolver {
  constructor(private readonly workers: Workers) {}

  @ResolveField(() => WorkerType, { nullable: true, description: 'set once the user has claimed a worker profile' })
  async worker(@Parent() user: UserType): Promise<WorkerType | null> {
    const row = await this.workers.ofUser(user.id);
    return row ? toWorker(row) : null;
  }
}
