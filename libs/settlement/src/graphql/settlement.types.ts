import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DateScalar, DateTimeScalar, DecimalScalar, PageInfo } from '@blue-ocean/api';
import { PlacementType } from '@blue-ocean/marketplace';

export enum SettlementStatusValue { OPEN = 'OPEN', INVOICED = 'INVOICED', PAID = 'PAID' }
export enum SettlementLineKindValue { WAGES = 'WAGES', CANCELLATION_FEE = 'CANCELLATION_FEE', PLATFORM_FEE = 'PLATFORM_FEE' }
registerEnumType(SettlementStatusValue, { name: 'SettlementStatus' });
registerEnumType(SettlementLineKindValue, { name: 'SettlementLineKind' });

@ObjectType('WageBreakdown')
export class WageBreakdownType {
  @Field(() => Int) regularMinutes: number;
  @Field(() => Int) overtimeMinutes: number;
  @Field(() => DecimalScalar) regularPay: string;
  @Field(() => DecimalScalar) overtimePay: string;
  @Field(() => DecimalScalar, { description: 'paid to the lender (the employer), who pays the worker' }) grossPay: string;
  @Field(() => DecimalScalar, { description: 'charged to the retailer on top of grossPay' }) platformFee: string;
  @Field(() => DecimalScalar, { description: 'grossPay + platformFee (+ cancellation fee where one applies)' }) retailerTotal: string;
  @Field() currency: string;
}

@ObjectType('Settlement')
export class SettlementType {
  @Field(() => ID) id: string;
  retailerId: string;
  lenderId: string;
  @Field(() => DateScalar, { description: 'one settlement per retailer, lender and business day (site time zone)' }) businessDate: string;
  @Field(() => SettlementStatusValue) status: SettlementStatusValue;
  @Field(() => DecimalScalar) grossPay: string;
  @Field(() => DecimalScalar) cancellationFees: string;
  @Field(() => DecimalScalar) platformFees: string;
  @Field(() => DecimalScalar, { description: 'what the retailer pays: grossPay + cancellationFees + platformFees' }) total: string;
  @Field() currency: string;
  @Field(() => String, { nullable: true }) paymentReference: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) paidAt: Date | null;
}

@ObjectType('SettlementLine')
export class SettlementLineType {
  @Field(() => PlacementType) placement: PlacementType;
  @Field(() => SettlementLineKindValue) kind: SettlementLineKindValue;
  @Field(() => DecimalScalar) amount: string;
}

@ObjectType('SettlementEdge')
export class SettlementEdge {
  @Field(() => SettlementType) node: SettlementType;
  @Field() cursor: string;
}

@ObjectType('SettlementConnection')
export class SettlementConnection {
  @Field(() => [SettlementEdge]) edges: SettlementEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType('LedgerEntry')
export class LedgerEntryType {
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field({ description: 'e.g. "retailer:<id>:payable", "lender:<id>:receivable", "platform:fees"' }) account: string;
  @Field(() => DecimalScalar, { description: 'signed; the entries of one posting sum to zero' }) amount: string;
  @Field() currency: string;
  @Field(() => ID, { nullable: true }) settlementId: string | null;
  @Field(() => ID, { nullable: true }) placementId: string | null;
}

@ObjectType('EarningsSummary')
export class EarningsSummaryType {
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) until: string;
  @Field(() => Int) placements: number;
  @Field(() => Int) approvedMinutes: number;
  @Field(() => DecimalScalar) grossPay: string;
  @Field() currency: string;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType('ApproveTimesheetInput')
export class ApproveTimesheetInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => Int, { nullable: true, description: 'default: workedMinutes; a different value needs adjustmentReason' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  approvedMinutes?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @Length(0, 1000) adjustmentReason?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string | null;
}
