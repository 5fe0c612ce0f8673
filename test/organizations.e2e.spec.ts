import { refusal, signUp, startTestApp, TestApp } from './support/app';

const REGISTER = `mutation($input: RegisterOrganizationInput!) {
  registerOrganization(input: $input) { id name kinds industry city timezone verification createdAt sites { id } }
}`;
const VERIFY = `mutation($id: ID!, $approve: Boolean!) { verifyOrganization(organizationId: $id, approve: $approve) { id verification } }`;
const ADD_SITE = `mutation($input: AddSiteInput!) { addSite(input: $input) { id name address location { lat lng } checkInRadiusMeters organization { id } } }`;
const ADD_MEMBER = `mutation($org: ID!, $email: String!, $role: MemberRole!) { addMember(organizationId: $org, email: $email, role: $role) { role organization { id } } }`;

const hotel = (licence: string) => ({
  name: 'Jin Jiang Hotel',
  kinds: ['LENDER'],
  industry: 'HOTEL',
  city: 'Shanghai',
  timezone: 'Asia/Shanghai',
  businessLicenceNumber: licence,
});

describe('organizations over HTTP', () => {
  let app: TestApp;
  let owner: { token: string; userId: string };
  let stranger: { token: string; userId: string };
  let admin: { token: string; userId: string };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signUp(app, 'owner@hotel.test');
    stranger = await signUp(app, 'stranger@elsewhere.test');
    admin = await signUp(app, 'admin@blue-ocean.test');
  });
  afterAll(() => app.close());

  async function register(licence: string, token = owner.token) {
    const result = await app.gql(REGISTER, { input: hotel(licence) }, token);
    expect(result.errors).toBeUndefined();
    return result.data.registerOrganization.id as string;
  }

  test('registering makes the caller ADMIN of a PENDING organization', async () => {
    const result = await app.gql(REGISTER, { input: hotel('LIC-1') }, owner.token);
    const { businessLicenceNumber: _licence, ...visible } = hotel('LIC-1');
    expect(result.data.registerOrganization).toMatchObject({ ...visible, verification: 'PENDING', sites: [] });
    const me = await app.gql(`{ me { memberships { role organization { id } } } }`, {}, owner.token);
    expect(me.data.me.memberships).toEqual([{ role: 'ADMIN', organization: { id: result.data.registerOrganization.id } }]);
  });

  test('a pending organization is NOT_FOUND for others, visible once verified', async () => {
    const id = await register('LIC-2');
    const query = `query($id: ID!) { organization(id: $id) { id name verification } }`;
    expect(refusal(await app.gql(query, { id }, stranger.token))?.code).toBe('NOT_FOUND');
    expect((await app.gql(query, { id }, admin.token)).data.organization.id).toBe(id);

    const verified = await app.gql(VERIFY, { id, approve: true }, admin.token);
    expect(verified.data.verifyOrganization.verification).toBe('VERIFIED');
    expect((await app.gql(query, { id }, stranger.token)).data.organization).toMatchObject({ id, verification: 'VERIFIED' });
  });

  test('only platform admins verify; rejecting makes it REJECTED; deciding twice is INVALID_TRANSITION', async () => {
    const id = await register('LIC-3');
    expect(refusal(await app.gql(VERIFY, { id, approve: true }, owner.token))?.code).toBe('FORBIDDEN');
    expect((await app.gql(VERIFY, { id, approve: false }, admin.token)).data.verifyOrganization.verification).toBe('REJECTED');
    expect(refusal(await app.gql(VERIFY, { id, approve: true }, admin.token))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
  });

  test('a business licence registers once', async () => {
    await register('LIC-DUP');
    const again = await app.gql(REGISTER, { input: hotel('LIC-DUP') }, stranger.token);
    expect(refusal(again)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
  });

  test('admins add sites (default radius 200); others are FORBIDDEN; bad input names its field', async () => {
    const id = await register('LIC-4');
    const site = { organizationId: id, name: 'Bund store', address: '1 Zhongshan Rd', location: { lat: 31.24, lng: 121.49 } };
    const added = await app.gql(ADD_SITE, { input: site }, owner.token);
    expect(added.data.addSite).toMatchObject({ name: 'Bund store', location: { lat: 31.24, lng: 121.49 }, checkInRadiusMeters: 200, organization: { id } });

    await app.gql(VERIFY, { id, approve: true }, admin.token);
    expect(refusal(await app.gql(ADD_SITE, { input: site }, stranger.token))?.code).toBe('FORBIDDEN');
    expect(refusal(await app.gql(ADD_SITE, { input: { ...site, location: { lat: 91, lng: 0 } } }, owner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'location',
    });
    expect(refusal(await app.gql(ADD_SITE, { input: { ...site, checkInRadiusMeters: -5 } }, owner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'checkInRadiusMeters',
    });
    const org = await app.gql(`query($id: ID!) { organization(id: $id) { sites { name } } }`, { id }, stranger.token);
    expect(org.data.organization.sites).toEqual([{ name: 'Bund store' }]);
  });

  test('admins add members by e-mail; staff may not; adding twice is ALREADY_EXISTS; unknown e-mail NOT_FOUND', async () => {
    const id = await register('LIC-5');
    const staff = await signUp(app, 'staff@hotel.test');
    const added = await app.gql(ADD_MEMBER, { org: id, email: 'staff@hotel.test', role: 'STAFF' }, owner.token);
    expect(added.data.addMember).toEqual({ role: 'STAFF', organization: { id } });
    expect(refusal(await app.gql(ADD_MEMBER, { org: id, email: 'stranger@elsewhere.test', role: 'STAFF' }, staff.token))?.code).toBe('FORBIDDEN');
    expect(refusal(await app.gql(ADD_MEMBER, { org: id, email: 'staff@hotel.test', role: 'ADMIN' }, owner.token))).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_EXISTS',
    });
    expect(refusal(await app.gql(ADD_MEMBER, { org: id, email: 'ghost@hotel.test', role: 'STAFF' }, owner.token))?.code).toBe('NOT_FOUND');
  });

  test('registration input is validated field by field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...hotel('V-1'), name: '' }, 'name'],
      [{ ...hotel('V-2'), kinds: [] }, 'kinds'],
      [{ ...hotel('V-3'), timezone: 'Mars/Olympus' }, 'timezone'],
      [{ ...hotel('V-4'), businessLicenceNumber: '' }, 'businessLicenceNumber'],
    ];
    for (const [input, field] of cases) {
      expect(refusal(await app.gql(REGISTER, { input }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  test('the same idempotency key returns the first result; other input with it is IDEMPOTENCY_KEY_REUSED', async () => {
    const input = { ...hotel('IDEM-1'), idempotencyKey: 'k-1' };
    const [a, b] = await Promise.all([app.gql(REGISTER, { input }, owner.token), app.gql(REGISTER, { input }, owner.token)]);
    expect(a.errors).toBeUndefined();
    expect(b.data.registerOrganization.id).toBe(a.data.registerOrganization.id);
    const reused = await app.gql(REGISTER, { input: { ...input, name: 'Another' } }, owner.token);
    expect(refusal(reused)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  test('every mutation needs a token', async () => {
    expect(refusal(await app.gql(REGISTER, { input: hotel('ANON') }))?.code).toBe('UNAUTHENTICATED');
  });
});
