-- Event store (see DESIGN.md, "Event store"): the global log of events and one row per stream
-- whose conditional update is the optimistic concurrency guard.

-- One row per stream: the revision of its last event (revisions start at 0).
CREATE TABLE streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL
);

-- No foreign key to streams: the append function writes both under the stream row's lock,
-- and a key check per event would only cost time.
CREATE TABLE events (
  position bigserial NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  -- Readers of the global log order by (transaction_id, position) and only read below the oldest
  -- running transaction: a sequence number alone would skip an event whose transaction commits late.
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_id, revision),
  UNIQUE (stream_id, event_id)
);

CREATE INDEX events_global_order ON events (transaction_id, position);

-- If the given events already follow first_revision in the stream (same ids, same order), this is a
-- retry of an append that succeeded: returns the transaction and position of the last of them.
-- No row otherwise.
CREATE FUNCTION find_appended_events(
  p_stream_id text, p_first_revision bigint, p_events jsonb,
  OUT last_transaction_id xid8, OUT last_position bigint)
LANGUAGE sql STABLE AS $$
  WITH wanted AS (
    SELECT p_first_revision + x.i - 1 AS revision, (x.event->>'id')::uuid AS event_id
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, i)
  ), found AS (
    SELECT e.revision, e.transaction_id, e.position
    FROM wanted w
    JOIN events e ON e.stream_id = p_stream_id AND e.revision = w.revision AND e.event_id = w.event_id
  )
  SELECT f.transaction_id, f.position FROM found f
  WHERE (SELECT count(*) FROM found) = jsonb_array_length(p_events)
  ORDER BY f.revision DESC
  LIMIT 1
$$;

-- Appends events to one stream if the expectation holds, in one call (one round trip).
-- p_expected uses EventStoreDB's codes: -1 no stream, -2 any, -4 stream exists, >= 0 the exact last revision.
-- p_events: [{ "id": uuid, "type": text, "data": {...}, "metadata": {...} }, ...]
-- Returns ok = false and the actual revision (-1: no stream) when the expectation does not hold;
-- otherwise the stream's new last revision and the transaction id and position of its last event
-- (both null when the stream is still empty).
CREATE FUNCTION append_to_stream(
  p_stream_id text, p_expected bigint, p_events jsonb,
  OUT ok boolean, OUT next_revision bigint, OUT last_transaction_id xid8, OUT last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n int := jsonb_array_length(p_events);
  current_revision bigint;
  first_revision bigint;
BEGIN
  IF n = 0 THEN
    -- Nothing to write: only the expectation is checked.
    SELECT s.revision INTO current_revision FROM streams s WHERE s.stream_id = p_stream_id;
    ok := CASE p_expected
      WHEN -2 THEN true
      WHEN -1 THEN current_revision IS NULL
      WHEN -4 THEN current_revision IS NOT NULL
      ELSE coalesce(current_revision = p_expected, false)
    END;
    next_revision := coalesce(current_revision, -1);
    SELECT e.transaction_id, e.position INTO last_transaction_id, last_position
    FROM events e WHERE e.stream_id = p_stream_id AND e.revision = current_revision;
    RETURN;
  END IF;

  IF p_expected IN (-2, -4) THEN
    -- 'any' and 'stream_exists' give no revision to compare: a retry is recognised by its first id.
    SELECT e.revision INTO first_revision FROM events e
    WHERE e.stream_id = p_stream_id AND e.event_id = (p_events->0->>'id')::uuid;
    IF first_revision IS NOT NULL THEN
      SELECT f.last_transaction_id, f.last_position INTO last_transaction_id, last_position
      FROM find_appended_events(p_stream_id, first_revision, p_events) f;
      ok := last_position IS NOT NULL;
      next_revision := CASE WHEN ok THEN first_revision + n - 1
        ELSE (SELECT s.revision FROM streams s WHERE s.stream_id = p_stream_id) END;
      RETURN;
    END IF;
    IF p_expected = -2 THEN
      INSERT INTO streams AS s (stream_id, revision) VALUES (p_stream_id, n - 1)
      ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + n
      RETURNING s.revision - n + 1 INTO first_revision;
    ELSE
      UPDATE streams s SET revision = s.revision + n WHERE s.stream_id = p_stream_id
      RETURNING s.revision - n + 1 INTO first_revision;
    END IF;
  ELSIF p_expected = -1 THEN
    INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, n - 1)
    ON CONFLICT (stream_id) DO NOTHING;
    IF FOUND THEN first_revision := 0; END IF;
  ELSE
    -- The concurrency guard: concurrent writers with the same expectation queue on the row lock,
    -- and all but the first find the revision moved on.
    UPDATE streams s SET revision = p_expected + n
    WHERE s.stream_id = p_stream_id AND s.revision = p_expected;
    IF FOUND THEN first_revision := p_expected + 1; END IF;
  END IF;

  IF first_revision IS NULL THEN
    -- The expectation does not hold; it is still a success if these very events already follow it.
    IF p_expected >= -1 THEN
      SELECT f.last_transaction_id, f.last_position INTO last_transaction_id, last_position
      FROM find_appended_events(p_stream_id, p_expected + 1, p_events) f;
    END IF;
    ok := last_position IS NOT NULL;
    next_revision := CASE WHEN ok THEN p_expected + n
      ELSE coalesce((SELECT s.revision FROM streams s WHERE s.stream_id = p_stream_id), -1) END;
    RETURN;
  END IF;

  -- ORDER BY keeps the positions (drawn from the sequence row by row) in revision order.
  INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
  SELECT p_stream_id, first_revision + x.i - 1, (x.event->>'id')::uuid, x.event->>'type',
         x.event->'data', x.event->'metadata'
  FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(event, i)
  ORDER BY x.i;

  ok := true;
  next_revision := first_revision + n - 1;
  last_transaction_id := pg_current_xact_id();
  last_position := currval('events_position_seq');
END
$$;

-- Appends to several streams atomically: every append or none. p_appends:
-- [{ "streamId": text, "expected": bigint (codes as above), "events": [...] }, ...]
-- Returns one row per append, in the order given. A failed expectation raises SQLSTATE BO409
-- with DETAIL {"index": <0-based append>, "actual": <revision, -1: no stream>}, which rolls back
-- the whole call.
CREATE FUNCTION append_to_streams(p_appends jsonb)
RETURNS TABLE (next_revision bigint, last_transaction_id xid8, last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  a record;
  r record;
BEGIN
  FOR a IN SELECT x.item, x.i FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(item, i) ORDER BY x.i LOOP
    SELECT * INTO r FROM append_to_stream(a.item->>'streamId', (a.item->>'expected')::bigint, a.item->'events');
    IF NOT r.ok THEN
      RAISE EXCEPTION 'Stream %: wrong expected revision', a.item->>'streamId'
        USING ERRCODE = 'BO409', DETAIL = json_build_object('index', a.i - 1, 'actual', r.next_revision)::text;
    END IF;
    next_revision := r.next_revision;
    last_transaction_id := r.last_transaction_id;
    last_position := r.last_position;
    RETURN NEXT;
  END LOOP;
END
$$;
