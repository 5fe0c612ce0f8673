import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, PageInfo } from '@blue-ocean/api';
import { GeoPointType } from '@blue-ocean/organizations';

export enum JobRole {
  PICKER = 'PICKER', PACKER = 'PACKER', SHELF_STOCKER = 'SHELF_STOCKER', CASHIER = 'CASHIER', COURIER = 'COURIER',
  KITCHEN_HELPER = 'KITCHEN_HELPER', CLEANER = 'CLEANER', CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  WAREHOUSE_OPERATIVE = 'WAREHOUSE_OPERATIVE', DRIVER = 'DRIVER',
}
export enum HealthCode { GREEN = 'GREEN', AMBER = 'AMBER', RED = 'RED' }
export enum HealthSource {
  SELF_DECLARATION = 'SELF_DECLARATION', AUTHORITY_ATTESTATION = 'AUTHORITY_ATTESTATION',
  CHECK_IN_SCREENING = 'CHECK_IN_SCREENING', NONE = 'NONE',
}
registerEnumType(JobRole, { name: 'JobRole' });
registerEnumType(HealthCode, { name: 'HealthCode' });
registerEnumType(HealthSource, { name: 'HealthSource' });

@ObjectType('HealthStatus')
export class HealthStatusType {
  @Field(() => HealthCode) code: HealthCode;
  @Field(() => Int) cleanDaysInRow: number;
  @Field(() => DateTimeScalar, { nullable: true }) validUntil: Date | null;
  @Field(() => HealthSource) source: HealthSource;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

/** The other fields of `Worker` (employer, health, offers, history, …) are resolved on demand. */
@ObjectType('Worker')
export class WorkerType {
  @Field(() => ID) id: string;
  @Field() fullName: string;
  @Field(() => [JobRole]) skills: JobRole[];
  @Field(() => GeoPointType) homeLocation: GeoPointType;
  @Field(() => Int) maxHoursPerWeek: number;
  employerId: string;
  employerTimeZone: string;
  createdAt: Date;
}

@ObjectType('EnrollWorkerPayload')
export class EnrollWorkerPayload {
  @Field(() => WorkerType) worker: WorkerType;
  @Field({ description: 'handed to the worker to link their login (claimWorkerProfile)' }) claimCode: string;
}

@ObjectType('WorkerEdge')
export class WorkerEdge {
  @Field(() => WorkerType) node: WorkerType;
  @Field() cursor: string;
}

@ObjectType('WorkerConnection')
export class WorkerConnection {
  @Field(() => [WorkerEdge]) edges: WorkerEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
