import { Float, ResolveField, Resolver } from '@nestjs/graphql';
import { WorkerType } from './worker.types';

// Contract fields of `Worker` whose data come with the Attendance issue, served now so clients
// can program against the whole contract: reliability and rating. Attendance takes them over
// and this file goes.

@Resolver(() => WorkerType)
export class WorkerPlaceholdersResolver {
  /** 1.0 with no history (API-RULES.md), and there is no attendance history yet. */
  @ResolveField(() => Float, { description: '0..1, share of confirmed placements attended' })
  reliability(): number {
    return 1.0;
  }

  /** Null until rated, and nobody can rate before attendance. */
  @ResolveField(() => Float, { nullable: true, description: "mean of retailers' stars, null until rated" })
  rating(): number | null {
    return null;
  }
}
