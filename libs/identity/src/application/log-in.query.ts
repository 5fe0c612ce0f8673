import { Injectable } from '@nestjs/common';
import { Unauthenticated } from '@blue-ocean/kernel';
import { normalizeEmail } from '../domain/user.decider';
import { PasswordHasher } from './password-hasher';
import { Users } from './users.query';
import type { UserRow } from '../projections/user.entity';

/** One message for a wrong e-mail and a wrong password, and the same time spent on both. */
@Injectable()
export class LogIn {
  constructor(
    private readonly users: Users,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(email: string, password: string): Promise<UserRow> {
    const found = await this.users.byEmail(normalizeEmail(email));
    const ok = await this.hasher.verify(found?.passwordHash ?? null, password);
    if (!found || !ok) throw new Unauthenticated('Wrong e-mail or password.');
    return found;
  }
}
