import {
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * A schema-aware GraphQL fuzzer (issue 7, part 4): from the served schema it makes operations over
 * every Query and Mutation field, with valid-ish and invalid arguments (as variables or literals),
 * random selections, deep nesting, alias bombs, big lists, malformed documents and malformed HTTP
 * requests. Everything is drawn from a seeded PRNG, so a seed replays the same requests (the ids
 * in them are picked by position from the caller's pool of known ids).
 */

// ───────────────────────────── deterministic randomness ─────────────────────────────

/** sfc32: small, fast, good enough, and the same sequence on every platform for a seed. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** [0, 1) */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [w, value] of choices) {
      if ((x -= w) < 0) return value;
    }
    return choices[choices.length - 1][1];
  }

  /** A random (version 4) UUID from this generator. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[this.int(0, 3)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

// ───────────────────────────── nasty values ─────────────────────────────

export const HUGE_STRING_LENGTH = 100_000;

/** Strings chosen to break things; none contains a word the leak check looks for. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t\n  ',
  'a',
  '\u0000',
  'nul\u0000inside',
  '\u0000'.repeat(8),
  '😀🔥👩‍👩‍👧‍👦🏳️‍🌈',
  '\u202Eevil\u202C right-to-left override',
  'مرحبا بالعالم',
  'שלום עולם',
  '你好，世界',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͕̑',
  '\uFEFFbom',
  '\u200B\u200C\u200D zero width',
  '\uD800 lone surrogate',
  '\uDFFF\uD800',
  '\r\n\r\n',
  "'; DROP TABLE events; --",
  "1' OR '1'='1",
  '" OR ""="',
  '$where: 1',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%0a%0d',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  'NaN',
  'Infinity',
  '-0',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  '\\',
  '\\u0000',
  'a'.repeat(1000),
];

export const NASTY_IDS: readonly string[] = [
  'not-an-id',
  '',
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000',
  '00000000-0000-4000-8000-0000000000000',
  '{00000000-0000-4000-8000-000000000000}',
  ' 00000000-0000-4000-8000-000000000000',
  '00000000-0000-4000-8000-000000000000\u0000',
  "' OR 1=1 --",
  '%',
  '_',
  '*',
  '😀',
];

const NASTY_INTS: readonly number[] = [0, -1, 1, 2, 5, 59, 60, 61, 100, 101, 500, 501, 960, 1440, 1441, 2147483647, -2147483648, 2147483648, -2147483649, 9007199254740991, 1.5, -0.5, 1e21];
const NASTY_FLOATS: readonly number[] = [0, -0, 36.5, 37.2999, 37.3, 42, -273.15, 1e-300, 5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 90, 90.000001, -90, 180, 180.5, -180.000001, 31.2304, 121.4737, 1e21, 12345678.9];
const NASTY_DECIMALS: readonly string[] = ['30.00', '0', '0.00', '-1', '-0.01', '25', '25.001', '999999999999999', '999999999999999.9999999999', '1000000000000000', '1e5', '0x10', 'NaN', 'Infinity', '', ' 30 ', '30,00', '3.', '.5', '١٢٣', '30.00\u0000'];
const NASTY_DATE_TIMES: readonly string[] = [
  '1970-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30T08:00:00Z',
  '2026-13-01T08:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T23:59:60Z',
  '2026-03-02T08:00:00+25:00',
  '2026-03-02T08:00:00',
  '2026-03-02',
  '2026-03-02T08:00:00.123456789Z',
  '+275760-09-13T00:00:00Z',
  'yesterday',
  '',
  '2026-03-02T08:00:00Z\u0000',
];
const NASTY_DATES: readonly string[] = ['2026-02-30', '2026-02-29', '2024-02-29', '0000-01-01', '9999-12-31', '2026-3-2', '2026-03-02T00:00:00Z', '', 'today', '99999-01-01'];

/** Values of the wrong JSON type for any input. */
const WRONG_TYPES: readonly unknown[] = [true, false, 0, -1, 3.14, 'str', [], [1, 2], {}, { a: 1 }, [[[]]], { __proto__: { x: 1 } }];

// ───────────────────────────── requests ─────────────────────────────

export type FuzzKind = 'field' | 'multi' | 'deep' | 'aliases' | 'bigList' | 'malformed' | 'transport' | 'introspection';

export interface FuzzRequest {
  kind: FuzzKind;
  /** What was generated, for failure reports. */
  label: string;
  /** The operation type sent (null for a request that is not a GraphQL operation). */
  operation: 'query' | 'mutation' | 'subscription' | null;
  /** Root fields of the operation (mutations are checked for events written). */
  rootFields: string[];
  /** The raw HTTP request. */
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Set when the generator expects a refusal with BAD_USER_INPUT (depth, cost, malformed…). */
  expectRefusal?: boolean;
}

/** Kinds of objects whose real ids the fuzzer is given; an argument's name says which it wants. */
export type IdKind = 'organization' | 'site' | 'worker' | 'offer' | 'shift' | 'placement' | 'settlement' | 'user';

export interface FuzzContextValues {
  /** Real ids of the scene, by kind. */
  ids: Partial<Record<IdKind, readonly string[]>>;
  /** The scene's "now", for valid-ish instants. */
  now: Date;
  /** E-mails of existing users (logIn, addMember). */
  emails: readonly string[];
}

interface BuildState {
  variables: Record<string, unknown>;
  definitions: string[];
  /** Raw JSON replacements: placeholders in the JSON body swapped for text JSON.stringify cannot write (1e400). */
  rawNumbers: Map<string, string>;
}

/** Makes requests from a schema; one `FuzzRequest` per call. */
export class SchemaFuzzer {
  private readonly queryFields: GraphQLField<unknown, unknown>[];
  private readonly mutationFields: GraphQLField<unknown, unknown>[];

  constructor(
    schema: GraphQLSchema,
    private readonly rng: Rng,
    private readonly values: FuzzContextValues,
    private readonly limits: { depth: number; hugeBodyBytes: number },
  ) {
    this.queryFields = Object.values(schema.getQueryType()!.getFields());
    this.mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});
  }

  /** Every root field with arguments, for the report of what was covered. */
  rootFieldNames(): string[] {
    return [...this.queryFields, ...this.mutationFields].map((f) => f.name);
  }

  next(): FuzzRequest {
    const kind = this.rng.weighted<FuzzKind>([
      [62, 'field'],
      [5, 'multi'],
      [4, 'deep'],
      [4, 'aliases'],
      [3, 'bigList'],
      [11, 'malformed'],
      [8, 'transport'],
      [3, 'introspection'],
    ]);
    switch (kind) {
      case 'field':
        return this.fieldRequest();
      case 'multi':
        return this.multiRequest();
      case 'deep':
        return this.deepRequest();
      case 'aliases':
        return this.aliasRequest();
      case 'bigList':
        return this.fieldRequest({ bigLists: true });
      case 'malformed':
        return this.malformedRequest();
      case 'transport':
        return this.transportRequest();
      case 'introspection':
        return this.introspectionRequest();
    }
  }

  // ───────── operations over root fields ─────────

  private pickRoot(): { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> } {
    const mutation = this.rng.chance(0.5);
    return mutation ? { operation: 'mutation', field: this.rng.pick(this.mutationFields) } : { operation: 'query', field: this.rng.pick(this.queryFields) };
  }

  private fieldRequest(options: { bigLists?: boolean } = {}): FuzzRequest {
    const { operation, field } = this.pickRoot();
    const state: BuildState = { variables: {}, definitions: [], rawNumbers: new Map() };
    const invalidRate = this.rng.pick([0, 0.05, 0.15, 0.4]);
    const selection = this.fieldSelection(field, state, { invalidRate, bigLists: !!options.bigLists, depth: this.rng.int(1, 3) });
    return this.operationRequest(options.bigLists ? 'bigList' : 'field', operation, [field.name], selection, state, `${operation} ${field.name} (invalid ${invalidRate})`);
  }

  private multiRequest(): FuzzRequest {
    const operation = this.rng.chance(0.5) ? 'mutation' : 'query';
    const fields = operation === 'mutation' ? this.mutationFields : this.queryFields;
    const state: BuildState = { variables: {}, definitions: [], rawNumbers: new Map() };
    const picked = Array.from({ length: this.rng.int(2, 4) }, () => this.rng.pick(fields));
    const selections = picked.map((field, i) => `f${i}: ${this.fieldSelection(field, state, { invalidRate: 0.1, bigLists: false, depth: 2 })}`);
    return this.operationRequest('multi', operation, picked.map((f) => f.name), selections.join('\n'), state, `${operation} ${picked.map((f) => f.name).join('+')}`);
  }

  /** Nesting past the depth limit along object fields (lists included). */
  private deepRequest(): FuzzRequest {
    const state: BuildState = { variables: {}, definitions: [], rawNumbers: new Map() };
    const { operation, field } = this.pickRoot();
    const target = this.limits.depth + this.rng.int(1, 8);
    const args = this.argumentsFor(field.args, state, { invalidRate: 0, bigLists: false }, field.name);
    const inner = this.deepSelection(getNamedType(field.type), target - 1);
    const selection = inner === null ? null : `${field.name}${args}${inner}`;
    if (selection === null) return this.fieldRequest();
    return { ...this.operationRequest('deep', operation, [field.name], selection, state, `${operation} ${field.name} nested ${target} deep`), expectRefusal: true };
  }

  private deepSelection(type: GraphQLNamedType, remaining: number): string | null {
    if (remaining <= 0) return isLeafType(type) ? '' : null;
    if (!(isObjectType(type) || isInterfaceType(type))) return null;
    const fields = Object.values(type.getFields());
    const objectFields = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    for (let attempt = 0; attempt < 6 && objectFields.length; attempt++) {
      const next = this.rng.pick(objectFields);
      const inner = this.deepSelection(getNamedType(next.type), remaining - 1);
      if (inner !== null) return ` { ${next.name}${this.safeArgs(next)}${inner} }`;
    }
    if (remaining === 1) {
      const leaf = fields.find((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)));
      return leaf ? ` { ${leaf.name} }` : null;
    }
    return null;
  }

  /** Arguments that pass validation (for nested fields with required arguments). */
  private safeArgs(field: GraphQLField<unknown, unknown>): string {
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (!required.length) return '';
    return `(${required.map((a) => `${a.name}: ${this.literal(this.validValue(a.type as GraphQLInputType, a.name), a.type as GraphQLInputType)}`).join(', ')})`;
  }

  /** Many aliases of one field: an alias bomb, or a merely wide query. */
  private aliasRequest(): FuzzRequest {
    const state: BuildState = { variables: {}, definitions: [], rawNumbers: new Map() };
    const { operation, field } = this.pickRoot();
    const count = this.rng.pick([20, 100, 400, 1200]);
    const one = this.fieldSelection(field, state, { invalidRate: 0, bigLists: false, depth: 2 });
    const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${one}`).join('\n');
    return this.operationRequest('aliases', operation, Array.from({ length: count }, () => field.name), aliases, state, `${operation} ${count} aliases of ${field.name}`);
  }

  private operationRequest(kind: FuzzKind, operation: 'query' | 'mutation', rootFields: string[], selection: string, state: BuildState, label: string): FuzzRequest {
    const name = this.rng.chance(0.3) ? ` Fuzz${this.rng.int(0, 999)}` : '';
    const definitions = state.definitions.length ? `(${state.definitions.join(', ')})` : '';
    const head = operation === 'query' && !name && !definitions && this.rng.chance(0.5) ? '' : `${operation}${name}${definitions} `;
    const query = `${head}{\n${selection}\n}`;
    const payload: Record<string, unknown> = { query };
    if (Object.keys(state.variables).length || this.rng.chance(0.1)) payload.variables = state.variables;
    if (name && this.rng.chance(0.5)) payload.operationName = name.trim();
    let body = JSON.stringify(payload);
    for (const [placeholder, raw] of state.rawNumbers) body = body.replace(JSON.stringify(placeholder), raw);
    return { kind, label, operation, rootFields, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body };
  }

  /** `name(args) { selection }` for a field (arguments as variables or literals). */
  private fieldSelection(field: GraphQLField<unknown, unknown>, state: BuildState, options: { invalidRate: number; bigLists: boolean; depth: number }): string {
    const args = this.argumentsFor(field.args, state, options, field.name);
    return `${field.name}${args}${this.selectionSet(field.type, options.depth, state, options.invalidRate)}`;
  }

  private argumentsFor(args: readonly GraphQLArgument[], state: BuildState, options: { invalidRate: number; bigLists: boolean }, fieldName: string): string {
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type);
      const invalid = this.rng.chance(options.invalidRate);
      if (!required && !invalid && this.rng.chance(0.35)) continue; // optional: often left out
      if (required && invalid && this.rng.chance(0.15)) continue; // a required argument missing
      const asVariable = this.rng.chance(0.6);
      const value = invalid ? this.invalidValue(arg.type, arg.name) : this.validValue(arg.type, arg.name, options.bigLists);
      if (asVariable) {
        const variable = `v${Object.keys(state.variables).length + state.definitions.length}`;
        // Sometimes declared with the wrong type, or not at all.
        const declared = invalid && this.rng.chance(0.2) ? this.rng.pick(['String', 'Int', 'Boolean', 'ID!', '[String]', 'Float!', 'JobRole']) : String(arg.type);
        if (!(invalid && this.rng.chance(0.05))) state.definitions.push(`$${variable}: ${declared}`);
        if (value !== undefined) state.variables[variable] = this.maybeRawNumber(value, state);
        parts.push(`${arg.name}: $${variable}`);
      } else {
        parts.push(`${arg.name}: ${this.literal(value, arg.type)}`);
      }
    }
    if (this.rng.chance(options.invalidRate * 0.2)) parts.push(`${this.rng.pick(['unknownArg', 'id', 'input', fieldName])}: ${this.rng.pick(['1', '"x"', 'null', '[]', '{}'])}`);
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** Numbers JSON cannot carry (infinities, underflow) go into the body as raw text. */
  private maybeRawNumber(value: unknown, state: BuildState): unknown {
    if (typeof value !== 'number' || !this.rng.chance(0.1)) return value;
    const placeholder = `__raw_number_${state.rawNumbers.size}__`;
    state.rawNumbers.set(placeholder, this.rng.pick(['1e400', '-1e400', '1e-400', '-0', '123456789012345678901234567890', '0.0000000000000000000000000001']));
    return placeholder;
  }

  private selectionSet(type: GraphQLOutputType, depth: number, state: BuildState, invalidRate: number): string {
    const named = getNamedType(type);
    if (isLeafType(named)) {
      return this.rng.chance(invalidRate * 0.3) ? ' { id }' : ''; // a selection on a leaf: invalid
    }
    const object = named as GraphQLObjectType;
    const fields = Object.values(object.getFields());
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const count = this.rng.int(1, Math.min(6, fields.length));
    for (let i = 0; i < count; i++) chosen.add(this.rng.pick(fields));
    const parts: string[] = [];
    for (const field of chosen) {
      const leaf = isLeafType(getNamedType(field.type));
      if (!leaf && depth <= 1) {
        const leafFields = Object.values((getNamedType(field.type) as GraphQLObjectType).getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.length);
        if (!leafFields.length) continue;
        parts.push(`${field.name}${this.safeArgs(field)} { ${this.rng.pick(leafFields).name} }`);
        continue;
      }
      const args = field.args.length ? this.argumentsFor(field.args, state, { invalidRate: invalidRate / 2, bigLists: false }, field.name) : '';
      parts.push(`${field.name}${args}${leaf ? '' : this.selectionSet(field.type, depth - 1, state, invalidRate)}`);
    }
    if (this.rng.chance(0.1)) parts.push('__typename');
    if (this.rng.chance(invalidRate * 0.2)) parts.push(this.rng.pick(['doesNotExist', 'password', 'passwordHash', 'claimCodeHash', '__schema { types { name } }']));
    if (!parts.length) parts.push('__typename');
    return ` { ${parts.join(' ')} }`;
  }

  // ───────── values ─────────

  /** A value of the right type, mostly one the domain may accept. */
  validValue(type: GraphQLInputType, name: string, bigLists = false): unknown {
    if (isNonNullType(type)) return this.validValue(type.ofType, name, bigLists);
    if (isListType(type)) {
      const length = bigLists ? this.rng.pick([1000, 5000, 20000]) : this.rng.int(0, 3);
      return Array.from({ length }, () => this.validValue(type.ofType, name));
    }
    if (isEnumType(type)) return this.rng.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (!isNonNullType(field.type) && this.rng.chance(0.3)) continue;
        object[field.name] = this.validValue(field.type, field.name, bigLists && this.rng.chance(0.5));
      }
      return object;
    }
    return this.scalarValue(type.name, name);
  }

  /** A value of the right GraphQL type that a resolver or the domain should accept or refuse cleanly. */
  private scalarValue(scalar: string, name: string): unknown {
    const now = this.values.now.getTime();
    const hour = 3_600_000;
    const lower = name.toLowerCase();
    const nasty = this.rng.chance(0.25);
    switch (scalar) {
      case 'ID': {
        if (nasty) return this.rng.chance(0.5) ? this.rng.pick(NASTY_IDS) : this.rng.uuid();
        const all = Object.values(this.values.ids).flat() as string[];
        const wanted = this.values.ids[idKindOf(lower)] ?? [];
        const pool = wanted.length && this.rng.chance(0.85) ? wanted : all;
        return pool.length ? pool[this.rng.int(0, pool.length - 1)] : this.rng.uuid();
      }
      case 'Int':
        if (lower === 'first') return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(1, 100);
        if (lower === 'days') return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(1, 30);
        if (lower === 'stars') return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(1, 5);
        if (lower === 'slots') return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(1, 5);
        if (lower.includes('minutes')) return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(0, 600);
        if (lower.includes('radius')) return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(10, 1000);
        if (lower.includes('hours')) return nasty ? this.rng.pick(NASTY_INTS) : this.rng.int(1, 60);
        return this.rng.pick(NASTY_INTS.filter((n) => Number.isInteger(n) && Math.abs(n) <= 2147483647));
      case 'Float':
        // Around the scene's site in Shanghai: mostly within a check-in radius (200 m), else a few km off.
        if (lower === 'lat') return nasty ? this.rng.pick(NASTY_FLOATS) : 31.2304 + (this.rng.next() - 0.5) * (this.rng.chance(0.7) ? 0.002 : 0.04);
        if (lower === 'lng') return nasty ? this.rng.pick(NASTY_FLOATS) : 121.4737 + (this.rng.next() - 0.5) * (this.rng.chance(0.7) ? 0.002 : 0.04);
        if (lower.includes('temperature')) return nasty ? this.rng.pick(NASTY_FLOATS) : this.rng.pick([36.2, 36.6, 37.0, 37.3, 38.5]);
        if (lower.includes('km')) return nasty ? this.rng.pick(NASTY_FLOATS) : this.rng.int(1, 50);
        return this.rng.pick(NASTY_FLOATS);
      case 'Boolean':
        return this.rng.chance(0.5);
      case 'Decimal':
        return nasty ? this.rng.pick(NASTY_DECIMALS) : `${this.rng.int(0, 80)}.${String(this.rng.int(0, 99)).padStart(2, '0')}`;
      case 'DateTime': {
        if (nasty) return this.rng.pick(NASTY_DATE_TIMES);
        const offset = this.rng.pick([-30 * 24, -1, 0, 1, 2, 26, 48, 49, 24 * 7, 24 * 29, 24 * 400]) * hour + (lower.includes('until') || lower.includes('ends') ? 8 * hour : 0);
        const at = new Date(now + offset);
        return this.rng.chance(0.2) ? at.toISOString().replace('Z', '+08:00') : at.toISOString();
      }
      case 'Date': {
        if (nasty) return this.rng.pick(NASTY_DATES);
        return new Date(now + this.rng.int(-40, 40) * 24 * hour).toISOString().slice(0, 10);
      }
      case 'String':
      default:
        if (nasty) return this.nastyString();
        return this.plausibleString(lower);
    }
  }

  private plausibleString(name: string): string {
    if (name === 'email') {
      return this.rng.chance(0.4) && this.values.emails.length ? this.rng.pick(this.values.emails) : `fuzz-${this.rng.int(0, 1e9)}@fuzz.test`;
    }
    if (name === 'password') return this.rng.pick(['correct horse battery', 'wrong password!', 'short']);
    if (name === 'timezone') return this.rng.pick(['Asia/Shanghai', 'UTC', 'Europe/London', 'Mars/Olympus', 'Etc/GMT+14']);
    if (name === 'currency') return this.rng.pick(['CNY', 'USD', 'cny', 'XXXX']);
    if (name === 'phone') return `+86 138 ${this.rng.int(1000, 9999)} ${this.rng.int(1000, 9999)}`;
    if (name === 'claimcode') return this.rng.pick(['ABCD-1234', 'not a code', '']);
    if (name === 'after') return this.rng.pick(['eyJ4IjoxfQ', 'WyIyMDI2LTAzLTAyVDAwOjAwOjAwLjAwMFoiLCJub3QtYS11dWlkIl0', 'not a cursor', '']);
    if (name === 'idempotencykey') return `key-${this.rng.int(0, 20)}`;
    return this.rng.pick(['Morning pickers', 'Lianhua Supermarket', 'Shanghai', 'Sick', 'ICBC-20260302-0001', 'ok', 'Fuzz text']);
  }

  private nastyString(): string {
    const roll = this.rng.next();
    if (roll < 0.08) return 'x'.repeat(HUGE_STRING_LENGTH);
    if (roll < 0.12) return '😀'.repeat(HUGE_STRING_LENGTH / 4);
    if (roll < 0.14) return '\u0000'.repeat(1000);
    return this.rng.pick(NASTY_STRINGS);
  }

  /** A value GraphQL or the API should refuse: null for non-null, wrong types, bad enums, huge numbers… */
  invalidValue(type: GraphQLInputType, name: string): unknown {
    const nullable = getNullableType(type) as GraphQLInputType;
    const roll = this.rng.next();
    if (isNonNullType(type) && roll < 0.2) return null;
    if (roll < 0.4) return this.rng.pick(WRONG_TYPES);
    if (isEnumType(nullable)) return this.rng.pick(['', 'picker', 'NOT_A_VALUE', 'GREEN ', 'ADMIN\u0000', 1, true]);
    if (isListType(nullable)) return this.rng.chance(0.5) ? [null, null] : [this.invalidValue(nullable.ofType, name)];
    if (isInputObjectType(nullable)) {
      const object = this.validValue(nullable, name) as Record<string, unknown>;
      const fields = Object.values(nullable.getFields());
      const field = this.rng.pick(fields);
      if (this.rng.chance(0.2)) object[`unknown${this.rng.int(0, 9)}`] = 1;
      else if (this.rng.chance(0.3)) delete object[field.name];
      else object[field.name] = this.invalidValue(field.type, field.name);
      return object;
    }
    if (isScalarType(nullable)) {
      switch (nullable.name) {
        case 'Int':
          return this.rng.pick([2147483648, -2147483649, 1.5, 1e21, 'five', '5', Number.MAX_SAFE_INTEGER + 2]);
        case 'Float':
          return this.rng.pick(['NaN', 'Infinity', '-Infinity', '1e400', '36.6', 1e308 * 10 /* Infinity: JSON null */]);
        case 'Boolean':
          return this.rng.pick(['true', 0, 1, 'yes']);
        case 'ID':
          return this.rng.pick([1.5, true, { id: 1 }, ['x']]);
        default:
          return this.rng.pick([12, 1.5, true, { a: 1 }, this.nastyString()]);
      }
    }
    return null;
  }

  /** A GraphQL literal for a value (strings escaped by JSON rules, which GraphQL shares). */
  literal(value: unknown, type?: GraphQLInputType): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') {
      const enumType = type && getNamedType(type);
      if (enumType && isEnumType(enumType) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && !['true', 'false', 'null'].includes(value)) return value;
      return JSON.stringify(value);
    }
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : this.rng.pick(['NaN', 'Infinity', '1e400']);
    if (typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) {
      const itemType = type && isListType(getNullableType(type)) ? ((getNullableType(type) as { ofType: GraphQLInputType }).ofType) : undefined;
      return `[${value.map((v) => this.literal(v, itemType)).join(', ')}]`;
    }
    const objectType = type && getNamedType(type);
    const fields = objectType && isInputObjectType(objectType) ? objectType.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, v]) => `${key}: ${this.literal(v, fields[key]?.type)}`)
      .join(', ')} }`;
  }

  // ───────── malformed documents and requests ─────────

  private malformedRequest(): FuzzRequest {
    const { field } = this.pickRoot();
    const documents: (() => string)[] = [
      () => '',
      () => '{',
      () => '}',
      () => `{ ${field.name}`,
      () => `query { ${field.name}(`,
      () => 'query query query',
      () => '{ me { id } } trailing garbage ¿',
      () => `{ doesNotExist }`,
      () => `{ me { id doesNotExist } }`,
      () => `{ me(id: 1) { id } }`,
      () => `mutation { ${this.rng.pick(this.queryFields).name} }`,
      () => `query { ${this.rng.pick(this.mutationFields).name} { __typename } }`,
      () => `{ me { id } } { me { email } }`,
      () => `query A { me { id } } query A { me { id } }`,
      () => `query($x: Int) { me { id } }`,
      () => `{ shift(id: $undeclared) { id } }`,
      () => `query($x: NoSuchType) { me { id } }`,
      () => `{ me { ...Missing } }`,
      () => `fragment A on User { ...B } fragment B on User { ...A } { me { ...A } }`,
      () => `fragment F on Organization { id } { me { ...F } }`,
      () => `{ me @skip { id } }`,
      () => `{ me @unknownDirective { id } }`,
      () => `{ me @include(if: "yes") { id } }`,
      () => `{ shift(id: "1", id: "2") { id } }`,
      () => `{ me { id } __schema { queryType { name } } }`,
      () => `subscription { shiftOffered { id } }`,
      () => `subscription { placementChanged { id status } }`,
      () => `{ a: me { id } a: me { email } }`,
      () => `{ me { worker { placements(first: "x") { totalCount } } } }`,
      () => `"""doc""" query { me { id } }`,
      () => `{ me { id } } # comment \u0000`,
      () => `{ "me" }`,
      () => '\uFEFF{ me { id } }',
      () => `{ ${'me { '.repeat(40)}id${' }'.repeat(40)} }`,
      () => `{ ${'['.repeat(5000)} }`,
      () => `query(${Array.from({ length: 300 }, (_, i) => `$v${i}: Int`).join(', ')}) { me { id } }`,
      () => `{ me { ${Array.from({ length: 60 }, () => `...on User { id }`).join(' ')} } }`,
      () => Array.from({ length: 50 }, (_, i) => `query Q${i} { me { id } }`).join('\n'),
      () => `{ me { id } }`.split('').reverse().join(''),
      () => String.fromCharCode(...Array.from({ length: 60 }, () => this.rng.int(0, 0xffff))),
    ];
    const query = this.rng.pick(documents)();
    const payload: Record<string, unknown> = { query };
    if (this.rng.chance(0.2)) payload.operationName = this.rng.pick(['Q1', 'Nope', '', null, 5]);
    if (this.rng.chance(0.2)) payload.variables = this.rng.pick([{ x: 1 }, null, {}, { v0: '\u0000' }]);
    const operation = /^\s*mutation/.test(query) ? 'mutation' : /^\s*subscription/.test(query) ? 'subscription' : 'query';
    return { kind: 'malformed', label: `malformed: ${query.slice(0, 60)}`, operation, rootFields: [], method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
  }

  private transportRequest(): FuzzRequest {
    const simple = JSON.stringify({ query: '{ me { id } }' });
    type Raw = Omit<FuzzRequest, 'kind' | 'operation' | 'rootFields'>;
    const json = { 'content-type': 'application/json' };
    const choices: (() => Raw)[] = [
      () => ({ label: 'body not JSON', method: 'POST', path: '/graphql', headers: json, body: 'not json at all' }),
      () => ({ label: 'body truncated', method: 'POST', path: '/graphql', headers: json, body: simple.slice(0, 10) }),
      () => ({ label: 'body empty', method: 'POST', path: '/graphql', headers: json, body: '' }),
      () => ({ label: 'body null', method: 'POST', path: '/graphql', headers: json, body: 'null' }),
      () => ({ label: 'body array (batch)', method: 'POST', path: '/graphql', headers: json, body: `[${simple},${simple}]` }),
      () => ({ label: 'body string', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify('{ me { id } }') }),
      () => ({ label: 'query a number', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: 5 }) }),
      () => ({ label: 'query an object', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: { kind: 'Document', definitions: [] } }) }),
      () => ({ label: 'query JSON text', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: this.rng.pick(['null', '[]', '123', '"x"', '{"kind":"Document"}', '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query"}]}']) }) }),
      () => ({ label: 'no query', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ variables: {} }) }),
      () => ({ label: 'variables a string', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: '{ me { id } }', variables: '{"a":1}' }) }),
      () => ({ label: 'variables an array', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: '{ me { id } }', variables: [1, 2] }) }),
      () => ({ label: 'extensions junk', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }) }),
      () => ({ label: 'proto pollution', method: 'POST', path: '/graphql', headers: json, body: '{"query":"{ me { id } }","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' }),
      () => ({ label: 'deeply nested JSON', method: 'POST', path: '/graphql', headers: json, body: `{"query":"{ me { id } }","variables":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}` }),
      () => ({ label: 'text/plain', method: 'POST', path: '/graphql', headers: { 'content-type': 'text/plain' }, body: simple }),
      () => ({ label: 'no content-type', method: 'POST', path: '/graphql', headers: {}, body: simple }),
      () => ({ label: 'form content-type', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B+me+%7B+id+%7D+%7D' }),
      () => ({ label: 'application/graphql', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/graphql' }, body: '{ me { id } }' }),
      () => ({ label: 'charset latin1', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json; charset=latin1' }, body: simple }),
      () => ({ label: 'GET query', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ me { id } }')}`, headers: {} }),
      () => ({ label: 'GET mutation', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { logIn(email: "a@b.c", password: "x") { token } }')}`, headers: {} }),
      () => ({ label: 'GET bad variables', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ me { id } }')}&variables=%7B`, headers: {} }),
      () => ({ label: 'GET bad extensions', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ me { id } }')}&extensions=%5B%5B`, headers: {} }),
      () => ({ label: 'GET no query', method: 'GET', path: '/graphql', headers: {} }),
      () => ({ label: 'GET two queries', method: 'GET', path: '/graphql?query=a&query=b', headers: {} }),
      () => ({ label: 'GET percent garbage', method: 'GET', path: '/graphql?query=%E0%A4%A', headers: {} }),
      () => ({ label: 'huge body', method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: `{ me { id } } #${'x'.repeat(this.limits.hugeBodyBytes)}` }) }),
      () => ({ label: 'bearer garbage', method: 'POST', path: '/graphql', headers: { ...json, authorization: this.rng.pick(['Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', 'bearer  x', `Bearer ${'a'.repeat(8000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Bearer \u00e9']) }, body: simple }),
      () => ({ label: 'x-forwarded-for garbage', method: 'POST', path: '/graphql', headers: { ...json, 'x-forwarded-for': this.rng.pick(['', ',,,', 'not-an-ip', '999.999.999.999', '::ffff:1.2.3.4, 1.1.1.1', 'a'.repeat(4000)]) }, body: simple }),
      () => ({ label: 'unknown path', method: 'GET', path: `/graphql/${encodeURIComponent(this.rng.pick(['x', '..', '%00', 'graphiql']))}`, headers: {} }),
    ];
    const raw = this.rng.pick(choices)();
    return { kind: 'transport', operation: null, rootFields: [], ...raw };
  }

  private introspectionRequest(): FuzzRequest {
    const queries = [
      '{ __schema { types { name kind } } }',
      '{ __type(name: "Mutation") { fields { name args { name type { name kind ofType { name } } } } } }',
      `{ __type(name: ${JSON.stringify(this.rng.pick(['User', 'Placement', '', 'NoSuchType', '\u0000']))}) { name fields { name } } }`,
      '{ __typename }',
      '{ __schema { queryType { name } mutationType { name } subscriptionType { name } directives { name } } }',
    ];
    const query = this.rng.pick(queries);
    return { kind: 'introspection', label: query, operation: 'query', rootFields: [], method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
  }
}

/** The kind of id an argument or input field wants, from its name (`shiftId`, `employerId`, `id`…). */
function idKindOf(name: string): IdKind {
  if (name.includes('shift')) return 'shift';
  if (name.includes('placement')) return 'placement';
  if (name.includes('worker')) return 'worker';
  if (name.includes('offer')) return 'offer';
  if (name.includes('settlement')) return 'settlement';
  if (name.includes('site')) return 'site';
  if (name.includes('organization') || name.includes('employer') || name.includes('retailer') || name.includes('lender')) return 'organization';
  return 'organization';
}
