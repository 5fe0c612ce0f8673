import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@blue-ocean/kernel';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { emailReservation, normalizeEmail, user } from '../domain/user.decider';
import { emailStream, userStream } from '../domain/streams';
import { PasswordHasher } from './password-hasher';

export class SignUp {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly displayName: string,
    readonly at: Date,
  ) {}
}

/** The user as signed up: what the answer shows, without reading it back. */
export interface SignedUpUser {
  id: string;
  email: string;
  displayName: string;
}

@CommandHandler(SignUp)
export class SignUpHandler implements ICommandHandler<SignUp, SignedUpUser> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The e-mail stream and the user stream are written together. */
  async execute(command: SignUp): Promise<SignedUpUser> {
    const userId = newId();
    const email = normalizeEmail(command.email);
    const displayName = command.displayName.trim();
    const passwordHash = await this.hasher.hash(command.password);
    const { position } = await this.decisions.decideMany(
      [
        { streamId: emailStream(email), decider: emailReservation },
        { streamId: userStream(userId), decider: user, isNew: true },
      ],
      ([emailState, userState]) => [
        emailReservation.decide({ type: 'ClaimEmail', email, userId }, emailState as never),
        user.decide({ type: 'SignUp', userId, email, displayName, passwordHash }, userState as never),
      ],
      { actor: userId, at: command.at },
    );
    await this.projections.passed(position);
    return { id: userId, email, displayName };
  }
}
