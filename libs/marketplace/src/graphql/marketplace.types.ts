import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DateTimeScalar, DecimalScalar, PageInfo } from '@blue-ocean/api';
import { JobRole } from '@blue-ocean/workforce';

export enum ShiftStatus { OPEN = 'OPEN', FILLED = 'FILLED', CANCELLED = 'CANCELLED', COMPLETED = 'COMPLETED' }
export enum PlacementStatus {
  INVITED = 'INVITED', PENDING_LENDER = 'PENDING_LENDER', CONFIRMED = 'CONFIRMED', CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT', APPROVED = 'APPROVED', DISPUTED = 'DISPUTED', SETTLED = 'SETTLED', DECLINED = 'DECLINED',
  REJECTED = 'REJECTED', EXPIRED = 'EXPIRED', CANCELLED = 'CANCELLED', NO_SHOW = 'NO_SHOW',
}
export enum CancelledBy { RETAILER = 'RETAILER', WORKER = 'WORKER', LENDER = 'LENDER', PLATFORM = 'PLATFORM' }
registerEnumType(ShiftStatus, { name: 'ShiftStatus' });
registerEnumType(PlacementStatus, { name: 'PlacementStatus' });
registerEnumType(CancelledBy, { name: 'CancelledBy' });

@ObjectType('ShiftPosting')
export class ShiftPostingType {
  @Field(() => ID) id: string;
  siteId: string;
  retailerId: string;
  @Field(() => JobRole) role: JobRole;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar) endsAt: Date;
  @Field(() => Int) unpaidBreakMinutes: number;
  @Field(() => Int) slots: number;
  @Field(() => Int, { description: 'placements holding a slot (pending or confirmed)' }) slotsFilled: number;
  @Field(() => DecimalScalar) hourlyRate: string;
  @Field({ description: 'ISO-4217, e.g. "CNY"' }) currency: string;
  @Field() requiresGreenCode: boolean;
  @Field(() => ShiftStatus) status: ShiftStatus;
  @Field(() => Float, { nullable: true, description: "set in worker-facing searches: from the worker's home" }) distanceKm: number | null;
}

@ObjectType('Cancellation')
export class CancellationType {
  @Field(() => CancelledBy) by: CancelledBy;
  @Field() reason: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field() late: boolean;
  @Field(() => DecimalScalar, { description: 'what the retailer owes the lender for a late cancellation' }) fee: string;
}

@ObjectType('InsuranceCover')
export class InsuranceCoverType {
  @Field() policyNumber: string;
  @Field(() => DecimalScalar, { description: 'default 300000.00 per placement' }) coverage: string;
  @Field() currency: string;
}

@ObjectType('Placement')
export class PlacementType {
  @Field(() => ID) id: string;
  shiftId: string;
  workerId: string;
  lenderId: string;
  retailerId: string;
  @Field(() => PlacementStatus) status: PlacementStatus;
  @Field(() => DateTimeScalar, { nullable: true }) invitedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) confirmedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) checkInAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) checkOutAt: Date | null;
  @Field(() => Int, { nullable: true }) workedMinutes: number | null;
  @Field(() => Int, { nullable: true }) approvedMinutes: number | null;
  @Field(() => CancellationType, { nullable: true }) cancellation: CancellationType | null;
  @Field(() => InsuranceCoverType) insurance: InsuranceCoverType;
}

@ObjectType('ShiftPostingEdge')
export class ShiftPostingEdge {
  @Field(() => ShiftPostingType) node: ShiftPostingType;
  @Field() cursor: string;
}

@ObjectType('ShiftPostingConnection')
export class ShiftPostingConnection {
  @Field(() => [ShiftPostingEdge]) edges: ShiftPostingEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType('PostShiftInput')
export class PostShiftInput {
  @Field(() => ID) @IsString() siteId: string;
  @Field(() => JobRole) @IsIn(Object.values(JobRole)) role: JobRole;
  @Field() @Transform(trim) @IsString() @Length(1, 200) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 2000) description?: string | null;
  @Field(() => DateTimeScalar) startsAt: Date;
  @Field(() => DateTimeScalar, { description: 'after startsAt, at most 16 hours later' }) endsAt: Date;
  @Field(() => Int, { nullable: true, description: 'default 0' }) @IsOptional() @IsInt() @Min(0) @Max(960) unpaidBreakMinutes?: number | null;
  @Field(() => Int, { description: '1..500' }) @IsInt() @Min(1) @Max(500) slots: number;
  @Field(() => DecimalScalar) @Matches(/^\d{1,10}(\.\d{1,2})?$/, { message: 'hourlyRate must be ≥ 0 with at most 2 decimals' }) hourlyRate: string;
  @Field(() => String, { nullable: true, description: 'default "CNY"' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO-4217 code such as "CNY"' })
  currency?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'default true' }) @IsOptional() @IsBoolean() requiresGreenCode?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string | null;
}
