import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DateTimeScalar } from '@blue-ocean/api';
import { INDUSTRIES } from '../domain/events';

export enum OrganizationKind { LENDER = 'LENDER', RETAILER = 'RETAILER' }
export enum Industry {
  RESTAURANT = 'RESTAURANT', HOTEL = 'HOTEL', CINEMA = 'CINEMA', CATERING = 'CATERING', DEPARTMENT_STORE = 'DEPARTMENT_STORE',
  CAR_RENTAL = 'CAR_RENTAL', TRANSPORT = 'TRANSPORT', SUPERMARKET = 'SUPERMARKET', CONVENIENCE_STORE = 'CONVENIENCE_STORE',
  DELIVERY = 'DELIVERY', OTHER = 'OTHER',
}
export enum VerificationStatus { PENDING = 'PENDING', VERIFIED = 'VERIFIED', REJECTED = 'REJECTED' }
export enum MemberRole { ADMIN = 'ADMIN', STAFF = 'STAFF' }
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(Industry, { name: 'Industry' });
registerEnumType(VerificationStatus, { name: 'VerificationStatus' });
registerEnumType(MemberRole, { name: 'MemberRole' });

@ObjectType('GeoPoint')
export class GeoPointType {
  @Field(() => Float) lat: number;
  @Field(() => Float) lng: number;
}

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lng: number;
}

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [OrganizationKind]) kinds: OrganizationKind[];
  @Field(() => Industry) industry: Industry;
  @Field() city: string;
  @Field({ description: 'IANA name, e.g. "Asia/Shanghai"' }) timezone: string;
  @Field(() => VerificationStatus) verification: VerificationStatus;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType('Site')
export class SiteType {
  @Field(() => ID) id: string;
  organizationId: string;
  @Field() name: string;
  @Field() address: string;
  @Field(() => GeoPointType) location: GeoPointType;
  @Field(() => Int) checkInRadiusMeters: number;
}

@ObjectType('Membership')
export class MembershipType {
  organizationId: string;
  @Field(() => MemberRole) role: MemberRole;
}

@InputType('RegisterOrganizationInput')
export class RegisterOrganizationInput {
  @Field() @IsString() @Length(1, 200) name: string;
  @Field(() => [OrganizationKind]) @ArrayMinSize(1, { message: 'kinds needs at least one of LENDER, RETAILER' }) kinds: OrganizationKind[];
  @Field(() => Industry) @IsIn(INDUSTRIES) industry: Industry;
  @Field() @IsString() @Length(1, 100) city: string;
  @Field() @IsString() @Length(1, 64) timezone: string;
  @Field() @IsString() @Length(1, 64) businessLicenceNumber: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
}

@InputType('AddSiteInput')
export class AddSiteInput {
  @Field(() => ID) @IsString() organizationId: string;
  @Field() @IsString() @Length(1, 200) name: string;
  @Field() @IsString() @Length(1, 500) address: string;
  @Field(() => GeoPointInput) @ValidateNested() @Type(() => GeoPointInput) location: GeoPointInput;
  @Field(() => Int, { nullable: true, description: 'default 200' })
  @IsOptional() @IsInt() @Min(10) @Max(10_000)
  checkInRadiusMeters?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
}
