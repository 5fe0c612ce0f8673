import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DateTimeScalar, DecimalScalar } from '@blue-ocean/api';
import { GeoPointInput } from '@blue-ocean/organizations';
import { MAX_HOURS_PER_WEEK } from '../domain/worker.decider';
import { HealthCode, JobRole } from './worker.types';

// Shapes are checked here; the rules with a meaning (phone, temperature, money, dates) in the decider.

@InputType('EnrollWorkerInput')
export class EnrollWorkerInput {
  @Field(() => ID) @IsString() employerId: string;
  @Field() @IsString() @Length(1, 200) fullName: string;
  @Field() @IsString() @Length(1, 32) phone: string;
  @Field(() => [JobRole]) @ArrayMinSize(1, { message: 'skills must name at least one role' }) skills: JobRole[];
  @Field(() => GeoPointInput) @ValidateNested() @Type(() => GeoPointInput) homeLocation: GeoPointInput;
  @Field(() => Int, { nullable: true, description: 'default 40; at most 60' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_HOURS_PER_WEEK)
  maxHoursPerWeek?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
}

@InputType('HealthDeclarationInput')
export class HealthDeclarationInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) temperatureCelsius?: number;
  @Field() @IsBoolean() hasSymptoms: boolean;
  @Field() @IsBoolean() householdHasSymptoms: boolean;
  @Field() @IsBoolean() contactWithConfirmedCase: boolean;
}

@InputType('HealthAttestationInput')
export class HealthAttestationInput {
  @Field(() => ID) @IsString() workerId: string;
  @Field(() => HealthCode) code: HealthCode;
  @Field(() => DateTimeScalar) validUntil: Date;
  @Field({ description: "e.g. the authority's certificate number" }) @IsString() @Length(1, 200) reference: string;
}

@InputType('OfferWorkerInput')
export class OfferWorkerInput {
  @Field(() => ID) @IsString() workerId: string;
  @Field(() => DateTimeScalar) availableFrom: Date;
  @Field(() => DateTimeScalar) availableUntil: Date;
  @Field(() => [JobRole]) @ArrayMinSize(1, { message: 'roles must name at least one role' }) roles: JobRole[];
  @Field(() => DecimalScalar) @IsString() minHourlyRate: string;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) maxTravelKm: number;
  @Field() @IsBoolean() autoApprove: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
}
