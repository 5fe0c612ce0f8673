import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { EventStore, RecordedEvent } from '@blue-ocean/event-store';
import { DateTimeScalar } from './scalars';

/** One event of an object's stream, as `history` fields return it. */
@ObjectType('DomainEvent')
export class DomainEventType {
  @Field(() => ID) id: string;
  @Field() stream: string;
  @Field(() => Int, { description: 'position within the stream, from 0' }) revision: number;
  @Field({ description: 'e.g. "ShiftPosted", "WorkerPlaced"' }) type: string;
  @Field(() => DateTimeScalar) occurredAt: Date;
  @Field(() => ID, { nullable: true, description: 'user id that caused it, null for the system' }) actor: string | null;
  @Field({ description: "the event's payload as JSON text" }) data: string;
}

/**
 * A stream's events, oldest first, for a `history` field. `secrets` names payload fields that
 * must never leave the server (e.g. a claim code's hash); they are left out of `data`.
 */
export async function readHistory(store: EventStore, streamId: string, secrets: readonly string[] = []): Promise<DomainEventType[]> {
  const events = await store.readStream(streamId);
  return events.map((event) => toDomainEvent(event, secrets));
}

function toDomainEvent(event: RecordedEvent, secrets: readonly string[]): DomainEventType {
  const data = Object.fromEntries(Object.entries(event.data).filter(([field]) => !secrets.includes(field)));
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    type: event.type,
    occurredAt: new Date(event.metadata.occurredAt),
    actor: event.metadata.actor ?? null,
    data: JSON.stringify(data),
  };
}
