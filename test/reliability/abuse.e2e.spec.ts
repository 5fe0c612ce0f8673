import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@blue-ocean/composition';
import { AuthRateLimiter } from '../../libs/identity/src/application/auth-rate-limiter';
import { GraphQLResponse, refusal, signUp, startTestApp, TestApp } from '../support/app';

/**
 * Issue 7, part 6: rate limits on signUp and logIn per client address, tokens that expire, and
 * introspection and GraphiQL off in production (on otherwise).
 */

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;
const PASSWORD = 'correct horse battery';
const SECRET = 'abuse-suite-secret-that-is-long-enough-0123456789';

/** POST /graphql with headers of our choosing (X-Forwarded-For, Authorization). */
async function post(app: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

const from = (address: string) => ({ 'x-forwarded-for': address });
const codeOf = (response: GraphQLResponse) => refusal(response)?.code ?? 'OK';
const countEvents = async (app: TestApp) => Number((await app.db.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n);

describe('abuse (issue 7, part 6)', () => {
  describe('rate limits on signUp and logIn, per client address (AUTH_RATE_LIMIT_PER_MINUTE=4)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '4', JWT_SECRET: SECRET });
    });
    afterAll(() => app?.close());

    test('signUp and logIn count together: the fifth attempt from one address is RATE_LIMITED, and writes nothing', async () => {
      const address = '203.0.113.10';
      const codes = [
        codeOf(await post(app, SIGN_UP, { input: { email: 'first@abuse.test', password: PASSWORD, displayName: 'First' } }, from(address))),
        codeOf(await post(app, LOG_IN, { email: 'first@abuse.test', password: PASSWORD }, from(address))),
        codeOf(await post(app, SIGN_UP, { input: { email: 'second@abuse.test', password: PASSWORD, displayName: 'Second' } }, from(address))),
        codeOf(await post(app, LOG_IN, { email: 'nobody@abuse.test', password: 'not the password' }, from(address))),
      ];
      expect(codes).toEqual(['OK', 'OK', 'OK', 'UNAUTHENTICATED']);

      const before = await countEvents(app);
      const limitedSignUp = await post(app, SIGN_UP, { input: { email: 'third@abuse.test', password: PASSWORD, displayName: 'Third' } }, from(address));
      expect(refusal(limitedSignUp)).toMatchObject({ code: 'RATE_LIMITED' });
      expect(limitedSignUp.data ?? null).toBeNull();
      expect(codeOf(await post(app, LOG_IN, { email: 'first@abuse.test', password: PASSWORD }, from(address)))).toBe('RATE_LIMITED');
      expect(await countEvents(app)).toBe(before);
      // The refused sign-up made no user: from another address the e-mail is free and the password unknown.
      expect(codeOf(await post(app, LOG_IN, { email: 'third@abuse.test', password: PASSWORD }, from('203.0.113.11')))).toBe('UNAUTHENTICATED');
    });

    test('separate addresses are separate (X-Forwarded-For is trusted: the client is its left-most entry)', async () => {
      const attempts = async (headers: Record<string, string>, n: number) => {
        const codes: string[] = [];
        for (let i = 0; i < n; i++) codes.push(codeOf(await post(app, LOG_IN, { email: `x${i}@abuse.test`, password: 'not the password' }, headers)));
        return codes;
      };
      expect(await attempts(from('198.51.100.1'), 5)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      // Another address has its own allowance, even on the same connection from the same proxy.
      expect(await attempts(from('198.51.100.2'), 2)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
      // Through a chain of proxies the client is the left-most address: 198.51.100.1 again, still limited.
      expect(await attempts({ 'x-forwarded-for': '198.51.100.1, 10.0.0.7' }, 1)).toEqual(['RATE_LIMITED']);
      // Without the header the socket's own address counts, untouched by the others.
      expect(await attempts({}, 1)).toEqual(['UNAUTHENTICATED']);
    });

    test('only signUp and logIn are limited: a limited address may still use its token', async () => {
      const address = '198.51.100.77';
      const { token } = (await post(app, SIGN_UP, { input: { email: 'keeps@abuse.test', password: PASSWORD, displayName: 'Keeps' } }, from(address))).data!.signUp;
      for (let i = 0; i < 3; i++) await post(app, LOG_IN, { email: 'keeps@abuse.test', password: 'wrong password' }, from(address));
      expect(codeOf(await post(app, LOG_IN, { email: 'keeps@abuse.test', password: PASSWORD }, from(address)))).toBe('RATE_LIMITED');
      const me = await post(app, `{ me { email } }`, {}, { ...from(address), authorization: `Bearer ${token}` });
      expect(me.data).toEqual({ me: { email: 'keeps@abuse.test' } });
      const registered = await post(
        app,
        `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
        { input: { name: 'Still works', kinds: ['LENDER'], industry: 'HOTEL', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: 'ABUSE-1' } },
        { ...from(address), authorization: `Bearer ${token}` },
      );
      expect(codeOf(registered)).toBe('OK');
    });

    test('the allowance is per minute: a minute after the first attempts the address may try again', () => {
      const limiter = app.app.get(AuthRateLimiter, { strict: false });
      const t0 = Date.now() + 3_600_000; // an hour ahead: none of the HTTP attempts above counts
      for (let i = 0; i < 4; i++) limiter.check('192.0.2.1', t0 + i * 1_000);
      expect(() => limiter.check('192.0.2.1', t0 + 30_000)).toThrow(/Too many attempts/);
      expect(() => limiter.check('192.0.2.1', t0 + 59_999)).toThrow(/Too many attempts/);
      expect(() => limiter.check('192.0.2.1', t0 + 60_000)).not.toThrow();
    });
  });

  test('the default allowance is 30 a minute, and AUTH_RATE_LIMIT_PER_MINUTE=0 turns the limit off', async () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).authRateLimitPerMinute).toBe(30);
    const unlimited = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const codes = new Set<string>();
      const attempts = Array.from({ length: 40 }, (_, i) => i);
      for (const i of attempts) codes.add(codeOf(await post(unlimited, LOG_IN, { email: `n${i}@abuse.test`, password: 'not the password' }, from('192.0.2.9'))));
      expect([...codes]).toEqual(['UNAUTHENTICATED']);
    } finally {
      await unlimited.close();
    }
  });

  describe('tokens expire (TOKEN_TTL_SECONDS)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ TOKEN_TTL_SECONDS: '60', JWT_SECRET: SECRET });
    });
    afterAll(() => app?.close());

    test('a token is issued for TOKEN_TTL_SECONDS; past its expiry it is UNAUTHENTICATED, for queries and mutations alike', async () => {
      const { token, userId } = await signUp(app, 'ttl@abuse.test');
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(60);
      expect(codeOf(await app.gql(`{ me { id } }`, {}, token))).toBe('OK');

      const jwt = app.app.get(JwtService);
      const expired = await jwt.signAsync({ sub: userId, email: 'ttl@abuse.test' }, { expiresIn: -1 });
      const me = await app.gql(`{ me { id } }`, {}, expired);
      expect(refusal(me)?.code).toBe('UNAUTHENTICATED');
      expect(me.data ?? null).toBeNull();
      const before = await countEvents(app);
      const mutation = await app.gql(
        `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
        { input: { name: 'Too late', kinds: ['LENDER'], industry: 'HOTEL', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: 'TTL-1' } },
        expired,
      );
      expect(refusal(mutation)?.code).toBe('UNAUTHENTICATED');
      expect(await countEvents(app)).toBe(before);
    });

    test('a token that was good expires as time passes', async () => {
      const { userId } = await signUp(app, 'brief@abuse.test');
      const jwt = app.app.get(JwtService);
      const brief = await jwt.signAsync({ sub: userId, email: 'brief@abuse.test' }, { expiresIn: 1 });
      expect(codeOf(await app.gql(`{ me { id } }`, {}, brief))).toBe('OK');
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect(codeOf(await app.gql(`{ me { id } }`, {}, brief))).toBe('UNAUTHENTICATED');
    });

    test('tokens signed with another secret, unsigned, or tampered with are UNAUTHENTICATED', async () => {
      const { token, userId } = await signUp(app, 'forged@abuse.test');
      const other = new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' });
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const elevated = Buffer.from(JSON.stringify({ ...claims, email: 'admin@blue-ocean.test' })).toString('base64url');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      for (const forged of [
        await other.signAsync({ sub: userId, email: 'forged@abuse.test' }, { expiresIn: 60 }),
        unsigned,
        `${header}.${elevated}.${signature}`,
        `${header}.${payload}`,
        `${token}x`,
      ]) {
        expect(codeOf(await app.gql(`{ me { id } }`, {}, forged))).toBe('UNAUTHENTICATED');
      }
    });

    test('TOKEN_TTL_SECONDS is checked at start (at least 60 s, at most 30 days)', () => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', TOKEN_TTL_SECONDS: '10' })).toThrow(/TOKEN_TTL_SECONDS/);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', TOKEN_TTL_SECONDS: String(31 * 24 * 3600) })).toThrow(/TOKEN_TTL_SECONDS/);
      expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).tokenTtlSeconds).toBe(12 * 3600);
    });
  });

  describe('introspection and GraphiQL', () => {
    const INTROSPECTION = [
      `{ __schema { types { name } } }`,
      `{ __type(name: "Query") { fields { name } } }`,
      `{ s: __schema { queryType { name } } }`,
      `query { ...Sneaky } fragment Sneaky on Query { __schema { mutationType { name } } }`,
    ];

    test('are off when NODE_ENV=production: introspection is BAD_USER_INPUT with no data, GET /graphiql is 404', async () => {
      const production = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: SECRET });
      try {
        for (const query of INTROSPECTION) {
          const response = await post(production, query, {});
          expect({ query, code: codeOf(response), data: response.data ?? null }).toEqual({ query, code: 'BAD_USER_INPUT', data: null });
          expect(response.errors![0].message).toBe('Introspection is disabled in production.');
        }
        const viaGet = await (await fetch(`${production.url}/graphql?query=${encodeURIComponent(INTROSPECTION[0])}`)).json();
        expect(codeOf(viaGet as GraphQLResponse)).toBe('BAD_USER_INPUT');
        expect((await fetch(`${production.url}/graphiql`)).status).toBe(404);
        expect((await fetch(`${production.url}/graphiql.html`)).status).toBe(404);
        // The API itself still answers.
        const { token } = await signUp(production, 'prod@abuse.test');
        expect((await production.gql(`{ me { email __typename } }`, {}, token)).data).toEqual({ me: { email: 'prod@abuse.test', __typename: 'User' } });
      } finally {
        await production.close();
      }
    });

    test.each(['test', 'development'])('are on when NODE_ENV=%s', async (nodeEnv) => {
      const app = await startTestApp({ NODE_ENV: nodeEnv, JWT_SECRET: SECRET });
      try {
        for (const query of INTROSPECTION) {
          const response = await post(app, query, {});
          expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
        }
        const types = (await post(app, INTROSPECTION[0], {})).data!.__schema.types.map((t: { name: string }) => t.name);
        expect(types).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Placement', 'ShiftPosting']));
        const graphiql = await fetch(`${app.url}/graphiql`);
        expect(graphiql.status).toBe(200);
        expect(await graphiql.text()).toContain('GraphiQL');
      } finally {
        await app.close();
      }
    });
  });
});
