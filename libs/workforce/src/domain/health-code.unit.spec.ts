import { addDays, emptyHealthRecord, type HealthAnswers, type HealthRecord, healthStatus, isClean } from './health-code';

const SHANGHAI = 'Asia/Shanghai';
const TODAY = '2026-03-15';
const NOW = new Date('2026-03-15T04:00:00Z'); // noon in Shanghai
const ENROLLED_AT = '2026-01-01T00:00:00.000Z';

const cleanAnswers: HealthAnswers = {
  hasSymptoms: false,
  householdHasSymptoms: false,
  contactWithConfirmedCase: false,
  temperatureCelsius: 36.6,
};

/** A declaration made at 09:00 Shanghai time on `date`. */
function declaration(date: string, answers: Partial<HealthAnswers> = {}) {
  return { date, clean: isClean({ ...cleanAnswers, ...answers }), at: `${date}T01:00:00.000Z` };
}

/** Clean declarations on `days` consecutive dates ending `lastDate`. */
function cleanDays(days: number, lastDate = TODAY) {
  return Array.from({ length: days }, (_, i) => declaration(addDays(lastDate, i - days + 1)));
}

function record(facts: Partial<Omit<HealthRecord, 'enrolledAt'>>): HealthRecord {
  return { ...emptyHealthRecord(ENROLLED_AT), ...facts };
}

const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 24 * 3600 * 1000).toISOString();

describe('a clean declaration', () => {
  it('has no symptoms, none at home, no contact and no fever', () => {
    expect(isClean(cleanAnswers)).toBe(true);
    expect(isClean({ ...cleanAnswers, temperatureCelsius: null })).toBe(true);
    expect(isClean({ ...cleanAnswers, temperatureCelsius: 37.2 })).toBe(true);
    expect(isClean({ ...cleanAnswers, temperatureCelsius: 37.3 })).toBe(false);
    expect(isClean({ ...cleanAnswers, hasSymptoms: true })).toBe(false);
    expect(isClean({ ...cleanAnswers, householdHasSymptoms: true })).toBe(false);
    expect(isClean({ ...cleanAnswers, contactWithConfirmedCase: true })).toBe(false);
  });
});

describe('the self-declared code', () => {
  it('is AMBER with source NONE when nothing is recorded', () => {
    expect(healthStatus(record({}), NOW, SHANGHAI)).toEqual({
      code: 'AMBER',
      cleanDaysInRow: 0,
      validUntil: null,
      source: 'NONE',
      updatedAt: ENROLLED_AT,
    });
  });

  it('is AMBER after 13 clean days', () => {
    const status = healthStatus(record({ declarations: cleanDays(13) }), NOW, SHANGHAI);
    expect(status).toMatchObject({ code: 'AMBER', source: 'SELF_DECLARATION', cleanDaysInRow: 13 });
  });

  it('is GREEN after 14 clean days, today included', () => {
    const status = healthStatus(record({ declarations: cleanDays(14) }), NOW, SHANGHAI);
    expect(status).toEqual({
      code: 'GREEN',
      cleanDaysInRow: 14,
      validUntil: null,
      source: 'SELF_DECLARATION',
      updatedAt: `${TODAY}T01:00:00.000Z`,
    });
  });

  it('counts clean days beyond 14', () => {
    expect(healthStatus(record({ declarations: cleanDays(20) }), NOW, SHANGHAI).cleanDaysInRow).toBe(20);
  });

  it('is not GREEN when a date is missing', () => {
    const declarations = cleanDays(14).filter((d) => d.date !== addDays(TODAY, -5));
    expect(healthStatus(record({ declarations }), NOW, SHANGHAI)).toMatchObject({ code: 'AMBER', cleanDaysInRow: 5 });
  });

  it('has cleanDaysInRow 0 when today has no declaration', () => {
    const status = healthStatus(record({ declarations: cleanDays(13, addDays(TODAY, -1)) }), NOW, SHANGHAI);
    expect(status).toMatchObject({ code: 'AMBER', cleanDaysInRow: 0 });
  });

  it.each([
    ['a fever', { temperatureCelsius: 38.1 }],
    ['a household symptom', { householdHasSymptoms: true }],
    ['a contact with a confirmed case', { contactWithConfirmedCase: true }],
  ])('stays RED with %s 10 days ago', (_, answers) => {
    const declarations = cleanDays(14).map((d) => (d.date === addDays(TODAY, -10) ? declaration(d.date, answers) : d));
    expect(healthStatus(record({ declarations }), NOW, SHANGHAI)).toMatchObject({
      code: 'RED',
      source: 'SELF_DECLARATION',
      cleanDaysInRow: 10,
    });
  });

  it('forgets an unclean declaration 15 days ago', () => {
    const declarations = [declaration(addDays(TODAY, -14), { hasSymptoms: true }), ...cleanDays(14)];
    expect(healthStatus(record({ declarations }), NOW, SHANGHAI)).toMatchObject({ code: 'GREEN', cleanDaysInRow: 14 });
  });

  it('does not let a later clean declaration on the same date wash out an unclean one', () => {
    const declarations = [...cleanDays(14), declaration(TODAY, { hasSymptoms: true }), declaration(TODAY)];
    expect(healthStatus(record({ declarations }), NOW, SHANGHAI)).toMatchObject({ code: 'RED', cleanDaysInRow: 0 });
  });

  it('dates the days in the employer time zone: 23:30 UTC is already tomorrow in Shanghai', () => {
    const lateEvening = new Date('2026-03-14T23:30:00Z'); // 07:30 on 15 March in Shanghai
    const declarations = cleanDays(14).map((d) =>
      d.date === TODAY ? { ...d, at: '2026-03-14T23:00:00.000Z' } : d,
    );
    expect(healthStatus(record({ declarations }), lateEvening, SHANGHAI).code).toBe('GREEN');
    // In UTC it is still the 14th: the 15th's declaration does not count yet and the 1st is missing.
    expect(healthStatus(record({ declarations }), lateEvening, 'UTC')).toMatchObject({ code: 'AMBER', cleanDaysInRow: 13 });
  });

  it('reports NONE when every declaration is older than 14 days', () => {
    const declarations = cleanDays(5, addDays(TODAY, -14));
    expect(healthStatus(record({ declarations }), NOW, SHANGHAI)).toMatchObject({
      code: 'AMBER',
      source: 'NONE',
      cleanDaysInRow: 0,
      updatedAt: declarations.at(-1)!.at,
    });
  });

  it('ignores facts recorded after now', () => {
    const status = healthStatus(record({ declarations: cleanDays(14) }), new Date(`${addDays(TODAY, -1)}T04:00:00Z`), SHANGHAI);
    expect(status).toMatchObject({ code: 'AMBER', cleanDaysInRow: 13 });
  });
});

describe('attestations and screenings', () => {
  const attested = (code: 'GREEN' | 'AMBER' | 'RED', validUntil: string, at = daysFromNow(-1)) => ({ code, validUntil, at });
  const screened = (at: string) => ({ at, redUntil: new Date(Date.parse(at) + 14 * 24 * 3600 * 1000).toISOString() });

  it('takes the code of an attestation in force, with its validUntil', () => {
    const status = healthStatus(record({ attestations: [attested('GREEN', daysFromNow(30))] }), NOW, SHANGHAI);
    expect(status).toEqual({
      code: 'GREEN',
      cleanDaysInRow: 0,
      validUntil: daysFromNow(30),
      source: 'AUTHORITY_ATTESTATION',
      updatedAt: daysFromNow(-1),
    });
  });

  it('lets a GREEN attestation stand over an unfinished run of clean days', () => {
    const status = healthStatus(
      record({ attestations: [attested('GREEN', daysFromNow(30))], declarations: cleanDays(3) }),
      NOW,
      SHANGHAI,
    );
    expect(status).toMatchObject({ code: 'GREEN', source: 'AUTHORITY_ATTESTATION', cleanDaysInRow: 3 });
  });

  it('stops counting an expired attestation', () => {
    const status = healthStatus(
      record({ attestations: [attested('RED', daysFromNow(-1), daysFromNow(-5))], declarations: cleanDays(14) }),
      NOW,
      SHANGHAI,
    );
    expect(status).toMatchObject({ code: 'GREEN', source: 'SELF_DECLARATION', validUntil: null });
  });

  it('reports NONE when only an expired attestation is recorded', () => {
    const expired = attested('GREEN', daysFromNow(-1), daysFromNow(-5));
    expect(healthStatus(record({ attestations: [expired] }), NOW, SHANGHAI)).toMatchObject({
      code: 'AMBER',
      source: 'NONE',
      updatedAt: expired.at,
    });
  });

  it('lets a RED attestation beat GREEN declarations', () => {
    const status = healthStatus(
      record({ attestations: [attested('RED', daysFromNow(10))], declarations: cleanDays(14) }),
      NOW,
      SHANGHAI,
    );
    expect(status).toMatchObject({ code: 'RED', source: 'AUTHORITY_ATTESTATION', validUntil: daysFromNow(10) });
  });

  it('lets unclean declarations beat a GREEN attestation', () => {
    const status = healthStatus(
      record({ attestations: [attested('GREEN', daysFromNow(10))], declarations: [declaration(TODAY, { hasSymptoms: true })] }),
      NOW,
      SHANGHAI,
    );
    expect(status).toMatchObject({ code: 'RED', source: 'SELF_DECLARATION', validUntil: null });
  });

  it('replaces an earlier attestation with a later one', () => {
    const attestations = [attested('RED', daysFromNow(10), daysFromNow(-3)), attested('GREEN', daysFromNow(20), daysFromNow(-1))];
    expect(healthStatus(record({ attestations }), NOW, SHANGHAI)).toMatchObject({ code: 'GREEN', validUntil: daysFromNow(20) });
  });

  it('lets a screening RED beat a GREEN attestation, until 14 days after it', () => {
    const screening = screened(daysFromNow(-2));
    const facts = record({ attestations: [attested('GREEN', daysFromNow(60), daysFromNow(-3))], screenings: [screening] });
    expect(healthStatus(facts, NOW, SHANGHAI)).toMatchObject({
      code: 'RED',
      source: 'CHECK_IN_SCREENING',
      validUntil: screening.redUntil,
      updatedAt: screening.at,
    });
    expect(healthStatus(facts, new Date(screening.redUntil), SHANGHAI)).toMatchObject({
      code: 'GREEN',
      source: 'AUTHORITY_ATTESTATION',
    });
  });

  it('reports the attestation when it is as severe as the screening', () => {
    const facts = record({ attestations: [attested('RED', daysFromNow(3))], screenings: [screened(daysFromNow(-1))] });
    expect(healthStatus(facts, NOW, SHANGHAI)).toMatchObject({ code: 'RED', source: 'AUTHORITY_ATTESTATION' });
  });

  it('reports the screening when it is as severe as the declarations', () => {
    const facts = record({ declarations: [declaration(TODAY, { hasSymptoms: true })], screenings: [screened(daysFromNow(-1))] });
    expect(healthStatus(facts, NOW, SHANGHAI)).toMatchObject({ code: 'RED', source: 'CHECK_IN_SCREENING' });
  });
});
