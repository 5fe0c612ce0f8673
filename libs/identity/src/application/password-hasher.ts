import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, parallelism 1); runs on libuv's thread pool. */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private readonly decoy = hash('decoy password for unknown e-mails', PARAMETERS);

  hash(password: string): Promise<string> {
    return hash(password, PARAMETERS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoy);
    const ok = await verify(target, password).catch(() => false);
    return ok && passwordHash !== null;
  }
}
