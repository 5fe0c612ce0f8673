import { Forbidden, InvalidInput, NotFound } from '@blue-ocean/kernel';
import { given } from '../../../../test/support/given';
import { hashClaimCode } from './claim-code';
import type { LendingOfferMade, WorkerEvent } from './events';
import type { AttestHealth, EnrollWorker, OfferWorker, WorkerCommand } from './commands';
import { activeOffers, healthOf, worker } from './worker.decider';

const workerId = 'worker-1';
const lender = 'user-lender';
const theWorker = 'user-worker';
const admin = 'user-admin';
const AT = '2026-03-02T02:00:00.000Z';
const CLAIM_CODE = 'K7MQ2XPA9RTB';

const enroll: EnrollWorker = {
  type: 'EnrollWorker',
  workerId,
  at: AT,
  actor: lender,
  employerId: 'org-1',
  employerTimeZone: 'Asia/Shanghai',
  fullName: '  Li Wei ',
  phone: '+86 138 0013 8000',
  skills: ['PICKER', 'COURIER', 'PICKER'],
  homeLocation: { lat: 31.23, lng: 121.47 },
  claimCodeHash: hashClaimCode(CLAIM_CODE),
};

const enrolled: WorkerEvent = {
  type: 'WorkerEnrolled',
  data: {
    workerId,
    employerId: 'org-1',
    fullName: 'Li Wei',
    phone: '+86 138 0013 8000',
    skills: ['PICKER', 'COURIER'],
    homeLocation: { lat: 31.23, lng: 121.47 },
    maxHoursPerWeek: 40,
    employerTimeZone: 'Asia/Shanghai',
    claimCodeHash: hashClaimCode(CLAIM_CODE),
    at: AT,
  },
};

const claimed: WorkerEvent = { type: 'WorkerProfileClaimed', data: { workerId, userId: theWorker, at: AT } };

const offer: OfferWorker = {
  type: 'OfferWorker',
  workerId,
  at: AT,
  actor: lender,
  offerId: 'offer-1',
  availableFrom: '2026-03-03T00:00:00+08:00',
  availableUntil: '2026-03-10T00:00:00+08:00',
  roles: ['PICKER'],
  minHourlyRate: '25',
  maxTravelKm: 15,
  autoApprove: true,
  lenderVerified: true,
};

const offerMade: LendingOfferMade = {
  type: 'LendingOfferMade',
  data: {
    workerId,
    offerId: 'offer-1',
    availableFrom: '2026-03-02T16:00:00.000Z',
    availableUntil: '2026-03-09T16:00:00.000Z',
    roles: ['PICKER'],
    minHourlyRate: '25.00',
    maxTravelKm: 15,
    autoApprove: true,
    at: AT,
  },
};

/** The error `decide` throws, for refusals that are not DomainErrors. */
function refusal(history: WorkerEvent[], command: WorkerCommand): unknown {
  try {
    given(worker, history).when(command).events();
  } catch (error) {
    return error;
  }
  throw new Error('expected the command to be refused');
}

function refusedField(history: WorkerEvent[], command: WorkerCommand): string | undefined {
  const error = refusal(history, command);
  expect(error).toBeInstanceOf(InvalidInput);
  return (error as InvalidInput).field;
}

describe('enrolling a worker', () => {
  it('records the profile, trimmed, with 40 hours a week by default', () => {
    given(worker, []).when(enroll).then([enrolled]);
  });

  it('keeps a chosen weekly limit', () => {
    const [event] = given(worker, []).when({ ...enroll, maxHoursPerWeek: 60 }).events();
    expect(event.data).toMatchObject({ maxHoursPerWeek: 60 });
  });

  it('refuses to enroll the same worker twice', () => {
    given(worker, [enrolled]).when(enroll).thenRefuses('ALREADY_EXISTS');
  });

  it.each<[string, Partial<EnrollWorker>]>([
    ['fullName', { fullName: '   ' }],
    ['fullName', { fullName: 'x'.repeat(201) }],
    ['phone', { phone: 'call me' }],
    ['phone', { phone: '123' }],
    ['skills', { skills: [] }],
    ['skills', { skills: ['JUGGLER'] }],
    ['homeLocation', { homeLocation: { lat: 90.5, lng: 0 } }],
    ['homeLocation', { homeLocation: { lat: 0, lng: -180.1 } }],
    ['homeLocation', { homeLocation: { lat: Number.NaN, lng: 0 } }],
    ['maxHoursPerWeek', { maxHoursPerWeek: 0 }],
    ['maxHoursPerWeek', { maxHoursPerWeek: 61 }],
    ['maxHoursPerWeek', { maxHoursPerWeek: 7.5 }],
  ])('refuses a bad %s: %j', (field, change) => {
    expect(refusedField([], { ...enroll, ...change })).toBe(field);
  });

  it('accepts the edges of the map', () => {
    given(worker, []).when({ ...enroll, homeLocation: { lat: -90, lng: 180 } }).events();
  });
});

describe('claiming the profile', () => {
  const claim: WorkerCommand = { type: 'ClaimProfile', workerId, at: AT, actor: theWorker, claimCode: CLAIM_CODE };

  it('links the user who has the code', () => {
    given(worker, [enrolled]).when(claim).then([claimed]);
  });

  it('accepts the code typed in lower case with dashes', () => {
    given(worker, [enrolled]).when({ ...claim, claimCode: 'k7mq-2xpa-9rtb' }).then([claimed]);
  });

  it('refuses a wrong code', () => {
    expect(refusedField([enrolled], { ...claim, claimCode: 'AAAAAAAAAAAA' })).toBe('claimCode');
  });

  it('changes nothing when the same user claims again', () => {
    given(worker, [enrolled, claimed]).when(claim).then([]);
  });

  it('refuses a second user once claimed', () => {
    given(worker, [enrolled, claimed]).when({ ...claim, actor: 'user-other' }).thenRefuses('INVALID_TRANSITION');
  });

  it('finds no worker before enrolment', () => {
    expect(refusal([], claim)).toBeInstanceOf(NotFound);
  });
});

describe('declaring health', () => {
  const declare: WorkerCommand = {
    type: 'DeclareHealth',
    workerId,
    at: AT,
    actor: theWorker,
    hasSymptoms: false,
    householdHasSymptoms: false,
    contactWithConfirmedCase: false,
    temperatureCelsius: 36.6,
  };

  it("records today's date in the employer's time zone and whether it is clean", () => {
    given(worker, [enrolled, claimed]).when(declare).then([
      {
        type: 'HealthDeclared',
        data: {
          workerId,
          date: '2026-03-02',
          hasSymptoms: false,
          householdHasSymptoms: false,
          contactWithConfirmedCase: false,
          temperatureCelsius: 36.6,
          clean: true,
          at: AT,
        },
      },
    ]);
  });

  it('dates a declaration at 23:30 UTC on the next day in Shanghai', () => {
    const [event] = given(worker, [enrolled, claimed]).when({ ...declare, at: '2026-03-02T23:30:00.000Z' }).events();
    expect(event.data).toMatchObject({ date: '2026-03-03' });
  });

  it('marks a fever or a household symptom as not clean', () => {
    const fever = given(worker, [enrolled, claimed]).when({ ...declare, temperatureCelsius: 37.3 }).events();
    const household = given(worker, [enrolled, claimed]).when({ ...declare, householdHasSymptoms: true }).events();
    expect(fever[0].data).toMatchObject({ clean: false });
    expect(household[0].data).toMatchObject({ clean: false });
  });

  it('records no temperature when none is given', () => {
    const [event] = given(worker, [enrolled, claimed]).when({ ...declare, temperatureCelsius: undefined }).events();
    expect(event.data).toMatchObject({ temperatureCelsius: null, clean: true });
  });

  it('refuses an impossible temperature', () => {
    expect(refusedField([enrolled, claimed], { ...declare, temperatureCelsius: 3.66 })).toBe('temperatureCelsius');
  });

  it('is for the worker alone', () => {
    expect(refusal([enrolled, claimed], { ...declare, actor: lender })).toBeInstanceOf(Forbidden);
    expect(refusal([enrolled], declare)).toBeInstanceOf(Forbidden);
  });
});

describe('attesting health', () => {
  const attest: AttestHealth = {
    type: 'AttestHealth',
    workerId,
    at: AT,
    actor: admin,
    code: 'GREEN',
    validUntil: '2026-04-01T00:00:00+08:00',
    reference: ' CERT-2026-0042 ',
  };

  it('records the code, until when, the reference and who recorded it', () => {
    given(worker, [enrolled]).when(attest).then([
      {
        type: 'HealthAttested',
        data: {
          workerId,
          code: 'GREEN',
          validUntil: '2026-03-31T16:00:00.000Z',
          reference: 'CERT-2026-0042',
          by: admin,
          at: AT,
        },
      },
    ]);
  });

  it.each<[string, Partial<AttestHealth>]>([
    ['validUntil', { validUntil: '2026-03-01T00:00:00Z' }],
    ['validUntil', { validUntil: 'next week' }],
    ['reference', { reference: '' }],
    ['code', { code: 'BLUE' as AttestHealth['code'] }],
  ])('refuses a bad %s: %j', (field, change) => {
    expect(refusedField([enrolled], { ...attest, ...change })).toBe(field);
  });
});

describe('screening at check-in', () => {
  const screen: WorkerCommand = {
    type: 'RecordScreening',
    workerId,
    at: AT,
    actor: theWorker,
    temperatureCelsius: 37.3,
    placementId: 'placement-1',
  };

  it('records a fever as RED for 14 days', () => {
    given(worker, [enrolled, claimed]).when(screen).then([
      {
        type: 'ScreeningFailed',
        data: { workerId, temperatureCelsius: 37.3, placementId: 'placement-1', redUntil: '2026-03-16T02:00:00.000Z', at: AT },
      },
    ]);
  });

  it('records nothing below the fever line', () => {
    given(worker, [enrolled, claimed]).when({ ...screen, temperatureCelsius: 37.2 }).then([]);
  });
});

describe('offering the worker for lending', () => {
  it('records the offer with the rate to two decimals and instants in UTC', () => {
    given(worker, [enrolled]).when(offer).then([offerMade]);
  });

  it.each<[string, Partial<OfferWorker>]>([
    ['availableUntil', { availableUntil: offer.availableFrom }],
    ['availableUntil', { availableFrom: '2026-02-01T00:00:00Z', availableUntil: '2026-03-01T00:00:00Z' }],
    ['availableFrom', { availableFrom: 'tomorrow' }],
    ['roles', { roles: [] }],
    ['roles', { roles: ['ASTRONAUT'] }],
    ['minHourlyRate', { minHourlyRate: '-1' }],
    ['minHourlyRate', { minHourlyRate: '12.345' }],
    ['minHourlyRate', { minHourlyRate: 'twenty' }],
    ['maxTravelKm', { maxTravelKm: 0 }],
    ['maxTravelKm', { maxTravelKm: 501 }],
  ])('refuses a bad %s: %j', (field, change) => {
    expect(refusedField([enrolled], { ...offer, ...change })).toBe(field);
  });

  it('refuses while the employer is not verified', () => {
    given(worker, [enrolled]).when({ ...offer, lenderVerified: false }).thenRefuses('INVALID_TRANSITION');
  });

  it('refuses the same offer twice', () => {
    given(worker, [enrolled, offerMade]).when(offer).thenRefuses('ALREADY_EXISTS');
  });
});

describe('withdrawing an offer', () => {
  const withdraw: WorkerCommand = { type: 'WithdrawOffer', workerId, at: AT, actor: lender, offerId: 'offer-1' };
  const withdrawn: WorkerEvent = { type: 'LendingOfferWithdrawn', data: { workerId, offerId: 'offer-1', at: AT } };

  it('records the withdrawal', () => {
    given(worker, [enrolled, offerMade]).when(withdraw).then([withdrawn]);
  });

  it('finds no unknown offer', () => {
    expect(refusal([enrolled], withdraw)).toBeInstanceOf(NotFound);
  });

  it('refuses to withdraw twice', () => {
    given(worker, [enrolled, offerMade, withdrawn]).when(withdraw).thenRefuses('INVALID_TRANSITION');
  });
});

describe('reading the state', () => {
  it('lists the offers not withdrawn whose window has not ended', () => {
    const second: WorkerEvent = {
      type: 'LendingOfferMade',
      data: { ...offerMade.data, offerId: 'offer-2', availableUntil: '2026-03-20T00:00:00.000Z' },
    };
    const withdrawnFirst: WorkerEvent = { type: 'LendingOfferWithdrawn', data: { workerId, offerId: 'offer-1', at: AT } };
    const state = given(worker, [enrolled, offerMade, second]).state!;
    expect(activeOffers(state, new Date('2026-03-05T00:00:00Z')).map((o) => o.offerId)).toEqual(['offer-1', 'offer-2']);
    expect(activeOffers(state, new Date('2026-03-12T00:00:00Z')).map((o) => o.offerId)).toEqual(['offer-2']);
    const afterWithdrawal = given(worker, [enrolled, offerMade, second, withdrawnFirst]).state!;
    expect(activeOffers(afterWithdrawal, new Date('2026-03-05T00:00:00Z')).map((o) => o.offerId)).toEqual(['offer-2']);
  });

  it('derives the health code from the stream', () => {
    const fever: WorkerEvent = {
      type: 'ScreeningFailed',
      data: { workerId, temperatureCelsius: 38, placementId: null, redUntil: '2026-03-16T02:00:00.000Z', at: AT },
    };
    const state = given(worker, [enrolled, claimed]).state!;
    expect(healthOf(state, new Date(AT))).toMatchObject({ code: 'AMBER', source: 'NONE', updatedAt: AT });
    const sick = given(worker, [enrolled, claimed, fever]).state!;
    expect(healthOf(sick, new Date(AT))).toMatchObject({ code: 'RED', source: 'CHECK_IN_SCREENING' });
  });
});
