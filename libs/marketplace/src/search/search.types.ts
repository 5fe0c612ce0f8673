import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { DateTimeScalar, PageInfo } from '@blue-ocean/api';
import { JobRole, LendingOfferType, WorkerType } from '@blue-ocean/workforce';

@InputType('OpenShiftsFilter')
export class OpenShiftsFilter {
  @Field(() => JobRole, { nullable: true }) @IsOptional() @IsIn(Object.values(JobRole)) role?: JobRole | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'postings starting at or after this instant' }) @IsOptional() from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'postings ending at or before this instant' }) @IsOptional() until?: Date | null;
  @Field(() => Float, { nullable: true, description: "default: the worker's active offers' maxTravelKm" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'maxDistanceKm must be a number of kilometres' })
  @Min(0, { message: 'maxDistanceKm must not be negative' })
  @Max(20_100, { message: 'maxDistanceKm must be at most 20100 (half way round the Earth)' })
  maxDistanceKm?: number | null;
}

@InputType('AvailableWorkersFilter')
export class AvailableWorkersFilter {
  @Field(() => ID, { description: 'candidates for this posting: window, role, distance, health, rate' }) @IsString() shiftId: string;
}

@ObjectType('WorkerCandidate')
export class WorkerCandidateType {
  @Field(() => WorkerType) worker: WorkerType;
  @Field(() => Float) distanceKm: number;
  @Field(() => LendingOfferType) offer: LendingOfferType;
}

@ObjectType('WorkerCandidateEdge')
export class WorkerCandidateEdge {
  @Field(() => WorkerCandidateType) node: WorkerCandidateType;
  @Field() cursor: string;
}

@ObjectType('WorkerCandidateConnection')
export class WorkerCandidateConnection {
  @Field(() => [WorkerCandidateEdge]) edges: WorkerCandidateEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
