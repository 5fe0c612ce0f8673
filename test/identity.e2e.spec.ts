import { refusal, signUp, startTestApp, TestApp } from './support/app';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email displayName } } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;

describe('identity over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('sign up, log in and ask who I am', async () => {
    const created = await app.gql(SIGN_UP, { input: { email: 'Mei@Hema.test ', password: 'long enough pw', displayName: 'Mei' } });
    expect(created.errors).toBeUndefined();
    expect(created.data.signUp.user).toMatchObject({ email: 'mei@hema.test', displayName: 'Mei' });

    const loggedIn = await app.gql(LOG_IN, { email: 'MEI@hema.test', password: 'long enough pw' });
    expect(loggedIn.data.logIn.user.id).toBe(created.data.signUp.user.id);

    const me = await app.gql(`{ me { id email memberships { role } } }`, {}, loggedIn.data.logIn.token);
    expect(me.data.me).toEqual({ id: created.data.signUp.user.id, email: 'mei@hema.test', memberships: [] });
  });

  test('a second account with the same e-mail is ALREADY_EXISTS, even when both race', async () => {
    const input = { email: 'race@hema.test', password: 'long enough pw', displayName: 'Race' };
    const results = await Promise.all(Array.from({ length: 6 }, () => app.gql(SIGN_UP, { input })));
    expect(results.filter((r) => r.data?.signUp)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(refusal(r)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
  });

  test('a wrong password and an unknown e-mail get the same UNAUTHENTICATED message', async () => {
    await signUp(app, 'known@hema.test');
    const wrongPassword = await app.gql(LOG_IN, { email: 'known@hema.test', password: 'not the password' });
    const unknownEmail = await app.gql(LOG_IN, { email: 'nobody@hema.test', password: 'not the password' });
    expect(refusal(wrongPassword)?.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors![0].message).toBe(unknownEmail.errors![0].message);
    expect(refusal(unknownEmail)?.code).toBe('UNAUTHENTICATED');
  });

  test('no token, a forged token and a malformed header are UNAUTHENTICATED', async () => {
    expect(refusal(await app.gql(`{ me { id } }`))?.code).toBe('UNAUTHENTICATED');
    expect(refusal(await app.gql(`{ me { id } }`, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged'))?.code).toBe('UNAUTHENTICATED');
  });

  test('an expired token is UNAUTHENTICATED', async () => {
    const shortLived = await startTestApp({ TOKEN_TTL_SECONDS: '60' });
    try {
      const { token } = await signUp(shortLived, 'brief@hema.test');
      const [, payload] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(60);
      const jwt = shortLived.app.get((await import('@nestjs/jwt')).JwtService);
      const expired = await jwt.signAsync({ sub: claims.sub, email: claims.email }, { expiresIn: -10 });
      expect(refusal(await shortLived.gql(`{ me { id } }`, {}, expired))?.code).toBe('UNAUTHENTICATED');
    } finally {
      await shortLived.close();
    }
  });

  test.each([
    [{ email: 'not-an-email', password: 'long enough pw', displayName: 'X' }, 'email'],
    [{ email: 'short@hema.test', password: 'short', displayName: 'X' }, 'password'],
    [{ email: 'blank@hema.test', password: 'long enough pw', displayName: '' }, 'displayName'],
  ])('sign-up input %j is BAD_USER_INPUT naming %s', async (input, field) => {
    expect(refusal(await app.gql(SIGN_UP, { input }))).toEqual({ code: 'BAD_USER_INPUT', field, reason: undefined });
  });

  test('a query of the wrong shape is BAD_USER_INPUT, never an internal error', async () => {
    const response = await app.gql(`mutation { signUp(input: { email: 5 }) { token } }`);
    expect(refusal(response)?.code).toBe('BAD_USER_INPUT');
  });

  test('sign-ups and log-ins are limited per client address', async () => {
    const limited = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.gql(LOG_IN, { email: `x${i}@hema.test`, password: 'whatever pw' });
        codes.push(refusal(r)?.code);
      }
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });
});
