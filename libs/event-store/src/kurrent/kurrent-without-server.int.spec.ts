import { createServer, type Server, type Socket } from 'node:net';
import { WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevision, type EventMetadata } from '../event-store.port';
import { event } from '../contract/event-store.contract';
import { KurrentEventStore } from './kurrent-event-store';
import { asWrongExpectedRevision, decodeMetadata, encodeMetadata, toKurrentPosition, toPortPosition } from './mapping';
import { EventStoreTimeout } from './with-timeout';

// What can be checked of the KurrentDB adapter without a server; the contract suite needs one.

describe('KurrentDB adapter against a port that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let store: KurrentEventStore;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket.on('error', () => undefined));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    store = new KurrentEventStore(`kurrentdb://127.0.0.1:${port}?tls=false`, { timeoutMs: 300 });
  });
  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  test('ping and append fail with our timeout instead of hanging', async () => {
    const started = Date.now();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreTimeout);
    await expect(store.append('s', [event()], 'any')).rejects.toBeInstanceOf(EventStoreTimeout);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('KurrentDB adapter mapping', () => {
  test('metadata survives the string-only encoding', () => {
    const full: EventMetadata = { actor: 'user-1', occurredAt: '2026-01-02T03:04:05.000Z', schemaVersion: 3, correlationId: 'c' };
    const system: EventMetadata = { actor: null, occurredAt: '2026-01-02T03:04:05.000Z', schemaVersion: 1 };
    expect(decodeMetadata(encodeMetadata(full))).toEqual(full);
    expect(decodeMetadata(encodeMetadata(system))).toEqual(system);
    // A multi-stream append reads back with the server's own keys added.
    expect(decodeMetadata({ ...encodeMetadata(full), '$schema.name': 'T', '$schema.format': 'Json' })).toEqual(full);
  });

  test('positions sort as strings in log order and convert back', () => {
    const positions = [{ commit: 9n, prepare: 9n }, { commit: 10n, prepare: 10n }, { commit: 10n, prepare: 11n }];
    const encoded = positions.map(toPortPosition);
    expect([...encoded].sort()).toEqual(encoded);
    expect(encoded.map(toKurrentPosition)).toEqual(positions);
  });

  test("the client's WrongExpectedVersionError becomes WrongExpectedRevision", () => {
    const existing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 3n });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
    expect(asWrongExpectedRevision(existing, () => 0)).toEqual(new WrongExpectedRevision('s', 0, 3));
    expect(asWrongExpectedRevision(missing, () => 'stream_exists')).toMatchObject({ actual: 'no_stream' });
    expect(asWrongExpectedRevision(new Error('other'), () => 0)).toBeUndefined();
  });
});
