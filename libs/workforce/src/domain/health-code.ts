import { localDate } from '@blue-ocean/kernel';

import type { HealthCode } from '@blue-ocean/kernel';
export type { HealthCode };
export type HealthSource = 'SELF_DECLARATION' | 'AUTHORITY_ATTESTATION' | 'CHECK_IN_SCREENING' | 'NONE';

export interface HealthStatus {
  code: HealthCode;
  cleanDaysInRow: number;
  validUntil: string | null;
  source: HealthSource;
  updatedAt: string;
}

export const HEALTH_CODES: readonly HealthCode[] = ['GREEN', 'AMBER', 'RED'];

/** A temperature at or above this is a fever. */
export const FEVER_CELSIUS = 37.3;
/** Clean declarations on this many consecutive dates, today included, earn GREEN. */
export const CLEAN_DAYS_FOR_GREEN = 14;
/** How long a fever at check-in keeps the code RED. */
export const SCREENING_RED_DAYS = 14;

export interface HealthAnswers {
  hasSymptoms: boolean;
  householdHasSymptoms: boolean;
  contactWithConfirmedCase: boolean;
  temperatureCelsius: number | null;
}

export function isClean(answers: HealthAnswers): boolean {
  return (
    !answers.hasSymptoms &&
    !answers.householdHasSymptoms &&
    !answers.contactWithConfirmedCase &&
    (answers.temperatureCelsius === null || answers.temperatureCelsius < FEVER_CELSIUS)
  );
}

/** Everything the worker's stream knows about their health, oldest first. */
export interface HealthRecord {
  enrolledAt: string;
  declarations: { date: string; clean: boolean; at: string }[];
  attestations: { code: HealthCode; validUntil: string; at: string }[];
  screenings: { redUntil: string; at: string }[];
}

export function emptyHealthRecord(enrolledAt: string): HealthRecord {
  return { enrolledAt, declarations: [], attestations: [], screenings: [] };
}

interface Verdict {
  code: HealthCode;
  source: HealthSource;
  validUntil: string | null;
}

const SEVERITY: Record<HealthCode, number> = { GREEN: 0, AMBER: 1, RED: 2 };

/**
 * The worker's code at `now`: the most severe of the attestation in force, a screening RED and
 * the self-declared code. On equal severity the source reported is the attestation, then the
 * screening, then the self-declaration. Facts recorded after `now` are ignored.
 */
export function healthStatus(record: HealthRecord, now: Date, timeZone: string): HealthStatus {
  const nowMs = now.getTime();
  const happened = <F extends { at: string }>(facts: F[]) => facts.filter((fact) => ms(fact.at) <= nowMs);
  const today = localDate(now, timeZone);

  const declarations = happened(record.declarations);
  const cleanByDate = cleanDates(declarations);
  const recentDeclarations = declarations.filter(
    (declaration) => declaration.date > addDays(today, -CLEAN_DAYS_FOR_GREEN) && declaration.date <= today,
  );

  // The latest attestation replaces earlier ones (an authority may lift its own RED);
  // once it expires, no attestation counts.
  const attestation = happened(record.attestations).at(-1);
  const attestationInForce = attestation && nowMs < ms(attestation.validUntil) ? attestation : undefined;

  const screenings = happened(record.screenings).filter((screening) => nowMs < ms(screening.redUntil));
  const selfDeclared = selfDeclaredCode(cleanByDate, today);

  const verdicts: Verdict[] = [];
  if (attestationInForce) {
    verdicts.push({ code: attestationInForce.code, source: 'AUTHORITY_ATTESTATION', validUntil: attestationInForce.validUntil });
  }
  if (screenings.length > 0) {
    const lastRedUntil = screenings.map((screening) => screening.redUntil).sort((a, b) => ms(a) - ms(b)).at(-1)!;
    verdicts.push({ code: 'RED', source: 'CHECK_IN_SCREENING', validUntil: lastRedUntil });
  }
  // A self-declared AMBER only says "not yet 14 clean days": it is no evidence of illness, so
  // it does not pull an authority's GREEN down. It is reported only when nothing else counts.
  if (selfDeclared === 'RED' || selfDeclared === 'GREEN') {
    verdicts.push({ code: selfDeclared, source: 'SELF_DECLARATION', validUntil: null });
  }
  const fallback: Verdict = {
    code: 'AMBER',
    source: selfDeclared === 'AMBER' ? 'SELF_DECLARATION' : 'NONE',
    validUntil: null,
  };
  // `verdicts` is in tie-break order, so the first of the most severe wins.
  const winner = verdicts.reduce<Verdict | undefined>(
    (best, verdict) => (best && SEVERITY[best.code] >= SEVERITY[verdict.code] ? best : verdict),
    undefined,
  ) ?? fallback;

  const counted = [...recentDeclarations, ...(attestationInForce ? [attestationInForce] : []), ...screenings];
  const everything = [...declarations, ...happened(record.attestations), ...happened(record.screenings)];
  return {
    ...winner,
    cleanDaysInRow: cleanDaysInRow(cleanByDate, today),
    updatedAt: latestAt(counted) ?? latestAt(everything) ?? record.enrolledAt,
  };
}

/**
 * Whether each declared date was clean. Every declaration counts, as the rule says "any
 * declaration": a later clean declaration on the same date does not wash out an unclean one.
 */
function cleanDates(declarations: HealthRecord['declarations']): Map<string, boolean> {
  const clean = new Map<string, boolean>();
  for (const declaration of declarations) {
    clean.set(declaration.date, (clean.get(declaration.date) ?? true) && declaration.clean);
  }
  return clean;
}

/** Over the 14 dates ending today; null when none of them has a declaration. */
function selfDeclaredCode(cleanByDate: Map<string, boolean>, today: string): HealthCode | null {
  const window = Array.from({ length: CLEAN_DAYS_FOR_GREEN }, (_, back) => cleanByDate.get(addDays(today, -back)));
  if (window.every((clean) => clean === undefined)) return null;
  if (window.some((clean) => clean === false)) return 'RED';
  if (window.every((clean) => clean === true)) return 'GREEN';
  return 'AMBER';
}

function cleanDaysInRow(cleanByDate: Map<string, boolean>, today: string): number {
  let days = 0;
  while (cleanByDate.get(addDays(today, -days)) === true) days += 1;
  return days;
}

/** Calendar arithmetic on "YYYY-MM-DD" dates. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function latestAt(facts: { at: string }[]): string | undefined {
  return facts.map((fact) => fact.at).sort((a, b) => ms(a) - ms(b)).at(-1);
}

function ms(iso: string): number {
  return Date.parse(iso);
}
