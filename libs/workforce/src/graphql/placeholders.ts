import { Args, Field, Float, ID, Int, ObjectType, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { PageInfo } from '@blue-ocean/api';
import { WorkerType } from './worker.types';

// Contract fields of `Worker` whose data come with later issues, served now so clients can
// program against the whole contract: placements (Marketplace) and reliability and rating
// (Attendance). The module that owns the data takes each one over, with the placement types
// below, and this file goes.

export enum PlacementStatus {
  INVITED = 'INVITED', PENDING_LENDER = 'PENDING_LENDER', CONFIRMED = 'CONFIRMED', CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT', APPROVED = 'APPROVED', DISPUTED = 'DISPUTED', SETTLED = 'SETTLED', DECLINED = 'DECLINED',
  REJECTED = 'REJECTED', EXPIRED = 'EXPIRED', CANCELLED = 'CANCELLED', NO_SHOW = 'NO_SHOW',
}
registerEnumType(PlacementStatus, { name: 'PlacementStatus' });

/** Only the id and status until the Marketplace issue serves the rest of `Placement`. */
@ObjectType('Placement')
export class PlacementType {
  @Field(() => ID) id: string;
  @Field(() => PlacementStatus) status: PlacementStatus;
}

@ObjectType('PlacementEdge')
export class PlacementEdge {
  @Field(() => PlacementType) node: PlacementType;
  @Field() cursor: string;
}

@ObjectType('PlacementConnection')
export class PlacementConnection {
  @Field(() => [PlacementEdge]) edges: PlacementEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@Resolver(() => WorkerType)
export class WorkerPlaceholdersResolver {
  /** No placements exist before the marketplace. */
  @ResolveField(() => PlacementConnection)
  placements(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) _first: number,
    @Args('after', { type: () => String, nullable: true }) _after?: string | null,
    @Args('status', { type: () => [PlacementStatus], nullable: true }) _status?: PlacementStatus[] | null,
  ): PlacementConnection {
    return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  }

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
