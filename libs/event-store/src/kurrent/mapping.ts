/** Conversions between the port's types and the KurrentDB client's. */
import {
  ANY, ErrorType, NO_STREAM, STREAM_EXISTS, jsonEvent,
  type AllStreamResolvedEvent, type AppendStreamState, type EventData, type Position, type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.port';
import { decodePosition, encodePosition } from '../position';

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no_stream': return NO_STREAM;
    case 'any': return ANY;
    case 'stream_exists': return STREAM_EXISTS;
  }
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
  return BigInt(expected);
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: encodeMetadata(event.metadata) });
}

/**
 * Metadata is written as string values only: the multi-stream append accepts nothing else, and
 * both append paths must read back alike. A missing `actor` means the system (null).
 */
export function encodeMetadata(metadata: EventMetadata): Record<string, string> {
  const encoded: Record<string, string> = {
    occurredAt: metadata.occurredAt,
    schemaVersion: String(metadata.schemaVersion),
  };
  if (metadata.actor !== null) encoded.actor = metadata.actor;
  if (metadata.correlationId !== undefined) encoded.correlationId = metadata.correlationId;
  return encoded;
}

export function decodeMetadata(raw: unknown): EventMetadata {
  const fields = (raw && typeof raw === 'object' && !(raw instanceof Uint8Array) ? raw : {}) as Record<string, unknown>;
  const metadata: EventMetadata = {
    actor: typeof fields.actor === 'string' ? fields.actor : null,
    occurredAt: String(fields.occurredAt ?? ''),
    schemaVersion: Number(fields.schemaVersion ?? 1),
  };
  if (typeof fields.correlationId === 'string') metadata.correlationId = fields.correlationId;
  return metadata;
}

export function toPortPosition(position: Position): string {
  return encodePosition(position.commit, position.prepare);
}

export function toKurrentPosition(position: string): Position {
  const [commit, prepare] = decodePosition(position);
  return { commit, prepare };
}

/** The event in our terms; undefined for unresolved links and KurrentDB's own ($-prefixed) events. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const position = event.position
    ? toPortPosition(event.position)
    : encodePosition(resolved.commitPosition ?? 0n, resolved.commitPosition ?? 0n);
  const data = event.isJson ? event.data : JSON.parse(Buffer.from(event.data).toString('utf8'));
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    data: data as Record<string, unknown>,
    metadata: decodeMetadata(event.metadata),
    position,
  };
}

/** The client's WrongExpectedVersionError in our terms; undefined for any other error. */
export function asWrongExpectedRevision(
  error: unknown,
  expectedOf: (streamId: string) => ExpectedRevision,
): WrongExpectedRevision | undefined {
  const candidate = error as { type?: unknown; streamName?: string; actualState?: unknown };
  if (candidate?.type !== ErrorType.WRONG_EXPECTED_VERSION || candidate.streamName === undefined) return undefined;
  const actual = typeof candidate.actualState === 'bigint' ? Number(candidate.actualState) : 'no_stream';
  return new WrongExpectedRevision(candidate.streamName, expectedOf(candidate.streamName), actual);
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown })?.type === ErrorType.STREAM_NOT_FOUND;
}
