import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DateTimeScalar } from '@blue-ocean/api';
import { GeoPointInput } from '@blue-ocean/organizations';

// Shapes are checked here (BAD_USER_INPUT naming the field); the rules with a meaning
// (the temperature's plausible range, the check-in window, the geofence) in the domain.

@InputType('CheckInInput')
export class CheckInInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => GeoPointInput) @ValidateNested() @Type(() => GeoPointInput) location: GeoPointInput;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) temperatureCelsius: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('CheckOutInput')
export class CheckOutInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => GeoPointInput) @ValidateNested() @Type(() => GeoPointInput) location: GeoPointInput;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('RatingInput')
export class RatingInput {
  @Field(() => ID) @IsString() placementId: string;
  @Field(() => Int, { description: '1..5' })
  @IsInt({ message: 'stars must be a whole number from 1 to 5' })
  @Min(1, { message: 'stars must be from 1 to 5' })
  @Max(5, { message: 'stars must be from 1 to 5' })
  stars: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 2000) comment?: string | null;
}

@ObjectType('CloseContact')
export class CloseContactType {
  workerId: string;
  siteId: string;
  @Field(() => Int, { description: 'time both were checked in at the same site' }) overlapMinutes: number;
  @Field(() => DateTimeScalar) lastOverlapAt: Date;
}
