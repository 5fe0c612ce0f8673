import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

@ObjectType('User')
export class UserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({ description: 'bearer token for the Authorization header' }) token: string;
  @Field(() => UserType) user: UserType;
}

@InputType('SignUpInput')
export class SignUpInput {
  @Field()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254) email: string;
  @Field({ description: 'at least 10 characters' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password: string;
  @Field() @IsString() @Length(1, 100, { message: 'displayName must be 1 to 100 characters' }) displayName: string;
}
