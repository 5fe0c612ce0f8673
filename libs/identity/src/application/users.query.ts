import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRow } from '../projections/user.entity';

/** Reads of the users read model. */
@Injectable()
export class Users {
  constructor(private readonly db: DataSource) {}

  byId(id: string): Promise<UserRow | null> {
    return this.db.getRepository(UserRow).findOneBy({ id });
  }

  byEmail(email: string): Promise<UserRow | null> {
    return this.db.getRepository(UserRow).findOneBy({ email });
  }
}
