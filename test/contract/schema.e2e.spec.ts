import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { BreakingChangeType, buildSchema, DangerousChangeType, findBreakingChanges, findDangerousChanges, GraphQLObjectType } from 'graphql';
import { startTestApp, TestApp } from '../support/app';

// A copy of ../shared/contract/schema.graphql, kept in the repository so a clean checkout can test
// against it; where the shared folder is beside the project, the copy must still equal it.
const CONTRACT = join(__dirname, 'contract.graphql');
const SHARED_CONTRACT = join(__dirname, '../../../shared/contract/schema.graphql');

/**
 * The served schema must be a superset of the contract: findBreakingChanges(contract, served)
 * is empty. The test also prints any contract operation not served, to say what is missing.
 */
describe('the served schema against the contract', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('the copy of the contract is the shared one', () => {
    if (!existsSync(SHARED_CONTRACT)) return console.log('../shared is not beside this checkout: using the copy in test/contract');
    expect(readFileSync(CONTRACT, 'utf8')).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
  });

  test('the served schema is a superset of the contract (no breaking change)', () => {
    const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
    const served = app.app.get(GraphQLSchemaHost).schema;
    const changes = findBreakingChanges(contract, served);

    const notYetServed = changes.filter((c) => c.type === BreakingChangeType.FIELD_REMOVED || c.type === BreakingChangeType.TYPE_REMOVED);
    const changedDefaults = findDangerousChanges(contract, served).filter((c) => c.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE);
    expect(changedDefaults.map((c) => c.description)).toEqual([]);

    const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
      const type = contract.getType(root) as GraphQLObjectType;
      const servedRoot = served.getType(root) as GraphQLObjectType | undefined;
      return Object.keys(type.getFields())
        .filter((name) => !servedRoot?.getFields()[name])
        .map((name) => `${root}.${name}`);
    });
    console.log(
      `Contract operations not yet served (${operations.length}): ${operations.join(', ') || 'none'}\n` +
        `Other contract fields and types not yet served (${notYetServed.length - operations.length}).`,
    );
    expect(changes.map((c) => `${c.type}: ${c.description}`)).toEqual([]);
  });
});
