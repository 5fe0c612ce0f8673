import {
  DocumentNode,
  FragmentDefinitionNode,
  getLocation,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Location,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValueNode,
  visit,
} from 'graphql';

/**
 * What the gateway refuses before running anything (issue 7): queries nested too deeply, too
 * long or too expensive (alias bombs, pages of pages), subscriptions over HTTP, documents that
 * are not GraphQL text, and text PostgreSQL cannot store. Wired in graphql.options.ts; every
 * refusal is BAD_USER_INPUT with a plain message.
 */

export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_TOKENS = 10_000;
/** The most fields one request may resolve, counted as `queryCost` does (the heaviest query of the e2e suites: about 6,700). */
export const MAX_QUERY_COST = 10_000;
/** What one root field of a mutation counts for (a command each), on top of its selection. */
const MUTATION_FIELD_COST = 100;
/** A list field without a `first` argument (sites, lines, history…) is reckoned at this many items. */
const UNPAGED_LIST_ITEMS = 10;
/** `first` is refused above this by every list (libs/api pagination), so no page counts for more. */
const MAX_PAGE_ITEMS = 100;

/**
 * The cost of an operation: every field counts 1 (each alias separately), and the fields under a
 * list count once per item. A page's size is its `first` (a literal; a variable counts as its
 * default in the operation or else as 100; left out, the argument's default of 20 or 50), at most
 * 100; it applies to a list with `first` itself (ledger) or to the list under a connection (edges).
 * Any other list (sites, lines, history…) counts 10 items. Introspection (`__schema`, `__type`) is
 * answered from memory and counts 1. Each root field of a mutation counts 100 more.
 */
export function queryCost(context: Pick<ValidationContext, 'getSchema' | 'getFragment'>, operation: OperationDefinitionNode): number {
  const schema = context.getSchema();
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, v.defaultValue as ValueNode]),
  );
  // A variable's value is not known while validating (the result is cached per query text): it
  // counts as its default in the operation, or as the largest page.
  const pageSize = (value: ValueNode | undefined, argumentDefault: unknown): number => {
    const given = value?.kind === Kind.VARIABLE ? variableDefaults.get(value.name.value) : value;
    const items = given ? (given.kind === Kind.INT ? Number(given.value) : MAX_PAGE_ITEMS) : typeof argumentDefault === 'number' ? argumentDefault : MAX_PAGE_ITEMS;
    return Math.min(Math.max(items, 1), MAX_PAGE_ITEMS);
  };
  const fragmentCosts = new Map<string, number>();
  /** `page`: the size of the page a connection field above asked for, for its list (edges). */
  const costOf = (selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType | null | undefined, visiting: Set<string>, page?: number): number => {
    let cost = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += costOf(selection.selectionSet, on, visiting, page);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue; // unknown or cyclic: other rules refuse it
        // Once per fragment (and page): spreads of spreads would otherwise take exponential time to count.
        const key = `${fragment.name.value}:${page ?? ''}`;
        if (!fragmentCosts.has(key)) {
          const on = schema.getType(fragment.typeCondition.name.value);
          fragmentCosts.set(key, costOf(fragment.selectionSet, on, new Set([...visiting, fragment.name.value]), page));
        }
        cost += fragmentCosts.get(key)!;
      } else {
        const name = selection.name.value;
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
        if (!field || name.startsWith('__')) {
          cost += 1; // __typename, introspection, or an unknown field (refused by another rule)
          continue;
        }
        const isList = isListType(getNullableType(field.type));
        const firstArgument = field.args.find((arg) => arg.name === 'first');
        const asked = firstArgument ? pageSize(selection.arguments?.find((arg) => arg.name.value === 'first')?.value, firstArgument.defaultValue) : undefined;
        const items = isList ? (asked ?? page ?? UNPAGED_LIST_ITEMS) : 1;
        cost += 1 + items * costOf(selection.selectionSet, getNamedType(field.type), visiting, isList ? undefined : asked);
      }
    }
    return cost;
  };
  const cost = costOf(operation.selectionSet, root, new Set());
  if (operation.operation !== 'mutation') return cost;
  // Each mutation field is a command (reads, a decision, an append, the projections awaited) and
  // they run one after another: 100 aliases of a mutation are refused, not run for seconds.
  return cost + (MUTATION_FIELD_COST - 1) * countRootFields(operation.selectionSet, context, new Set(), new Map());
}

function countRootFields(
  selectionSet: SelectionSetNode,
  context: Pick<ValidationContext, 'getFragment'>,
  visiting: Set<string>,
  fragmentCounts: Map<string, number>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, visiting, fragmentCounts);
    else if (!visiting.has(selection.name.value)) {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (fragment && !fragmentCounts.has(name)) fragmentCounts.set(name, countRootFields(fragment.selectionSet, context, new Set([...visiting, name]), fragmentCounts));
      count += fragmentCounts.get(name) ?? 0;
    }
  }
  return count;
}

/** Refuses an operation whose `queryCost` is over MAX_QUERY_COST: alias bombs, pages of pages of pages. */
export function queryCostLimit(context: ValidationContext) {
  return {
    OperationDefinition(node: OperationDefinitionNode) {
      const cost = queryCost(context, node);
      if (cost > MAX_QUERY_COST) {
        context.reportError(
          new GraphQLError(
            `The query is too expensive: its cost is ${cost}, at most ${MAX_QUERY_COST} is allowed (each field counts 1, once per list item; each mutation 100). Ask for fewer fields, aliases or smaller pages (first).`,
            { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } },
          ),
        );
      }
    },
  };
}

/**
 * Subscriptions are served over graphql-ws only. Over HTTP a subscription operation would run its
 * field's resolver, which returns nothing: an INTERNAL_SERVER_ERROR the fuzzer found. (The
 * graphql-ws path does not run these validation rules.)
 */
export function subscriptionsOverWebSocketOnly(context: ValidationContext) {
  return {
    OperationDefinition(node: OperationDefinitionNode) {
      if (node.operation === 'subscription') {
        context.reportError(
          new GraphQLError('Subscriptions are served over graphql-ws on this path, not over HTTP.', { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }),
        );
      }
    },
  };
}

/**
 * Mercurius takes a `query` that is not GraphQL text but parses as JSON (`"null"`, `"[]"`,
 * `{"kind":"Document"}`), or is not a string at all, for a ready-made AST, which can crash
 * validation: an INTERNAL_SERVER_ERROR the fuzzer found. Only documents parsed from GraphQL text
 * (whose root carries graphql-js's own Location) go on.
 */
export async function onlyParsedDocuments(_schema: GraphQLSchema, document: DocumentNode): Promise<void> {
  if (!(document?.loc instanceof Location)) {
    throw new GraphQLError('The query must be GraphQL text, e.g. "{ me { id } }".', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * Text input must be well-formed Unicode without U+0000: PostgreSQL cannot store a NUL (in text
 * or jsonb) and refuses a lone surrogate in jsonb, which surfaced as INTERNAL_SERVER_ERROR (the
 * fuzzer found both: a NUL in logIn's e-mail, a lone surrogate in signUp's displayName). Checked
 * once here, before any resolver, for variables and for string literals (a literal can only
 * carry a NUL, as the escape \u0000).
 */
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export async function onlyStorableText(_schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown> | null): Promise<void> {
  const refuse = (where: string): never => {
    throw new GraphQLError(`Text must be well-formed Unicode without NUL characters (U+0000): ${where}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  };
  const badText = (text: string) => UNSTORABLE_TEXT.test(text);
  // The declared variables only (GraphQL ignores the others), walked without recursion: a JSON
  // body may nest arrays thousands deep.
  const declared = new Set(
    document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value) : [])),
  );
  const pending: [unknown, string][] = Object.entries(variables ?? {}).filter(([name]) => declared.has(name)).map(([name, value]) => [value, `$${name}`]);
  while (pending.length) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (badText(value)) refuse(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, `${path}[${i}]`]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push([item, `${path}.${key}`]);
    }
  }
  if (document.loc?.source.body.includes('\\u')) {
    visit(document, {
      StringValue(node) {
        if (badText(node.value)) refuse(`the string at line ${node.loc ? getLocation(node.loc.source, node.loc.start).line : '?'}`);
      },
    });
  }
}

/**
 * A request-level refusal that Mercurius raises as a plain Error (the depth limit, a body of the
 * wrong shape), in plain words: `String(error)` would have prefixed the class name and internal
 * code ("FastifyError [MER_ERR_GQL_QUERY_DEPTH]: …").
 */
export function requestErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const depth = /query depth \((\d+)\) exceeds the query depth limit of (\d+)/.exec(message);
  if (depth) return `The query is nested too deeply: depth ${depth[1]}, at most ${depth[2]} levels are allowed.`;
  return message;
}
