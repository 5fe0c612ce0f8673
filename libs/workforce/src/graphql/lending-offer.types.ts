import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, DecimalScalar } from '@blue-ocean/api';
import { JobRole } from './worker.types';

/** `worker` and `active` are resolved on demand. */
@ObjectType('LendingOffer')
export class LendingOfferType {
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) availableFrom: Date;
  @Field(() => DateTimeScalar) availableUntil: Date;
  @Field(() => [JobRole]) roles: JobRole[];
  @Field(() => DecimalScalar) minHourlyRate: string;
  @Field(() => Float) maxTravelKm: number;
  @Field({ description: 'false: the lender approves each placement' }) autoApprove: boolean;
  workerId: string;
  withdrawnAt: Date | null;
}
