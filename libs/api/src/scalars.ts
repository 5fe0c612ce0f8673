import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function refuse(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;

/** Exact decimal as a string ("123.45"); never a float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'exact decimal as a string, e.g. "123.45"; never a float',
  serialize: (value) => String(value),
  parseValue(value) {
    if (typeof value !== 'string' || !DECIMAL.test(value.trim())) refuse('A Decimal is a string such as "123.45".');
    return value.trim();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !DECIMAL.test(ast.value.trim())) refuse('A Decimal is a string such as "123.45".');
    return ast.value.trim();
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value)) refuse('A Date is a calendar date such as "2026-03-02".');
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) refuse(`${value} is not a real date.`);
  return value;
}

/** ISO-8601 calendar date "2026-03-02". */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO-8601 calendar date "2026-03-02"',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    refuse('A DateTime is an ISO-8601 instant with an offset, such as "2026-03-02T08:00:00+08:00".');
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) refuse(`${value} is not a real instant.`);
  return parsed;
}

/** ISO-8601 instant with offset; returned in UTC ("…Z"). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 instant with offset, e.g. "2026-03-02T08:00:00+08:00"; returned in UTC',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
