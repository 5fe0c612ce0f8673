export type UserEvent =
  | { type: 'UserSignedUp'; data: { userId: string; email: string; displayName: string; passwordHash: string } };

/** The e-mail reservation stream: the first sign-up to claim an address wins, even under a race. */
export type EmailEvent = { type: 'EmailClaimed'; data: { email: string; userId: string } };
