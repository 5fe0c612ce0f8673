/**
 * The event store port. Semantics follow EventStoreDB so both adapters agree:
 * revisions start at 0; an append states what it expects; a wrong expectation throws
 * WrongExpectedRevision; positions are opaque strings that sort in commit order.
 */

/** What an append expects of its stream: no stream yet, anything, an existing stream, or an exact last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export interface EventMetadata {
  /** The user who caused the event; null for the system (timers, process managers). */
  actor: string | null;
  /** ISO-8601 instant at which the event happened, from the command's clock. */
  occurredAt: string;
  /** Version of the event's data schema; old versions are upcast when read. */
  schemaVersion: number;
  /** Correlates the events of one command (e.g. the idempotency key or a request id). */
  correlationId?: string;
}

export interface NewEvent {
  /** A UUID; appending the same ids again at the same expectation is a success, not a duplicate. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Opaque, sortable (plain string comparison) global position. */
  position: string;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextRevision: number;
  /** The global position of the last event written. */
  position: string;
}

export interface StreamAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: NewEvent[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (forwards: from it upwards; backwards: from it downwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  after?: string;
  maxCount?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once the handler will not be called again. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: resume strictly after it. */
  after?: string;
  /** Called for each event, one at a time, in order; the next waits for the promise. */
  onEvent(event: RecordedEvent): Promise<void>;
  onError?(error: Error): void;
}

export interface EventStore {
  /** Appends to one stream. Throws WrongExpectedRevision when `expected` does not hold. */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Appends to several streams atomically: all are written or none. Results in the order given. */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in commit order, only what is safe to read (no later commit can land before it). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Live delivery of the global log from a checkpoint: every event once, in order. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Resolves when the store answers (used by /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected ${String(expected)}, found ${String(actual)}.`);
    this.name = 'WrongExpectedRevision';
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');
