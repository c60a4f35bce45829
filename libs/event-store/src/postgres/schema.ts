/**
 * DDL of the PostgreSQL event store. Idempotent: `migrate` runs it under an advisory lock
 * at every start.
 *
 * Ordering guarantee. `global_position` comes from a sequence, so a transaction can take a
 * lower number and commit after a higher one. Readers of the global log therefore order by
 * `(transaction_id, global_position)` and only look at transactions older than the read
 * horizon (`es_horizon()`): below it no transaction that could still write the log is in
 * progress, so nothing can appear later behind a reader's cursor. The append function also
 * refuses (with ES003, retried by the adapter) to write a stream whose previous events carry
 * a newer transaction id than its own, so the global order never contradicts stream order.
 *
 * The horizon. `pg_snapshot_xmin(pg_current_snapshot())` is the oldest transaction in progress
 * in the whole server: a transaction left open in ANOTHER database would hold every reader
 * back although it can never write this log. Only this database's transactions (and prepared
 * transactions of this database) count: `es_horizon()` is the oldest in-progress transaction
 * id of the reader's snapshot that is not proven to belong to another database (by
 * `pg_stat_activity`, or `pg_prepared_xacts` for prepared ones), or the snapshot's xmax when
 * there is none. An id it cannot place (its transaction ended meanwhile) counts as this
 * database's: the horizon may stay low for one more poll, never move too far. The lookup costs
 * about a tenth of a millisecond, so it runs only when the snapshot's xmin actually holds a
 * committed event back.
 *
 * Declared readers. Projections and other consumers commit each batch in a transaction that
 * writes read models and a checkpoint, so it holds a transaction id while it runs; left in the
 * horizon, every such batch would hold back every other reader (the process manager included)
 * for as long as it lasts. A transaction that will never append says so first, with
 * `es_declare_reader()`, and the horizon leaves its id out as it leaves out other databases'.
 * The declaration:
 *   1. is refused (ES005) once the transaction has an id: before it, it cannot have appended;
 *   2. takes the shared transaction-level advisory lock `READER_LOCK` (0x4553, 0x5244), which
 *      `pg_advisory_unlock` cannot release: only the transaction's end does;
 *   3. sets the transaction-local `es.reader`, and `es_append` refuses (ES004) while it is set,
 *      so nothing appends after it either.
 * `es_horizon()` leaves out an id of its snapshot when a granted lock of that id (the
 * ExclusiveLock each transaction holds on its own id) and the declared lock share a virtual
 * transaction in `pg_locks`. Why no event can then appear behind a reader's cursor:
 *   - an id left out never writes `es_events`: not before its declaration (1), not after (3),
 *     and the declaration ends only with the transaction (2, and 3 is reset with it);
 *   - ids are never reused, so a left-out id stays one that never writes the log;
 *   - `pg_locks` is read after the snapshot was taken: a declared transaction that ended in
 *     between is no longer found and counts as this database's (the horizon stays lower for one
 *     read, never too far), and an id in the snapshot's list already existed when the snapshot
 *     was taken, so its transaction cannot declare itself in between (1);
 *   - an id whose transaction holds no declared lock is counted as before: an undeclared writer
 *     still holds the horizon, whatever it writes elsewhere;
 *   - a subtransaction's id is not in the snapshot's list (pg_current_snapshot lists top-level
 *     ids, and events carry the top-level id, pg_current_xact_id).
 * What this assumes, as the rest of this file assumes that events are written only through
 * `es_append`: the declaration is the transaction's first statement at its top level (the
 * consumer runner sends it in the same round trip as BEGIN), not inside a savepoint that is
 * rolled back later (that would end the declaration while the transaction goes on with an id the
 * horizon may already have passed), and `es.reader` is not reset by hand.
 */
export const SCHEMA_VERSION = 3;

/** Key of the transaction-level advisory lock a declared reader holds (two-int form: 'ES', 'RD'). */
export const READER_LOCK = [0x4553, 0x5244] as const;

export const schemaSql = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};

CREATE TABLE IF NOT EXISTS ${schema}.es_streams (
  stream_id        text PRIMARY KEY,
  revision         bigint  NOT NULL,
  truncate_before  bigint  NOT NULL DEFAULT 0,
  tombstoned       boolean NOT NULL DEFAULT false,
  last_tx          xid8    NOT NULL
);

CREATE TABLE IF NOT EXISTS ${schema}.es_events (
  global_position  bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id   xid8   NOT NULL DEFAULT pg_current_xact_id(),
  stream_id        text   NOT NULL,
  stream_revision  bigint NOT NULL,
  event_id         uuid   NOT NULL,
  event_type       text   NOT NULL,
  data             jsonb  NOT NULL,
  metadata         jsonb  NOT NULL,
  created          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transaction_id, global_position)
);
CREATE UNIQUE INDEX IF NOT EXISTS es_events_stream ON ${schema}.es_events (stream_id, stream_revision);
DROP INDEX IF EXISTS ${schema}.es_events_event_id;

-- Appends a batch to one stream in a single statement (one round trip, one commit).
-- p_kind: 0 any, 1 no_stream, 2 stream_exists, 3 exact (p_expected).
-- Raises ES001 (wrong expected version, DETAIL = actual revision or 'no_stream'),
-- ES002 (stream tombstoned), ES003 (transaction older than the stream's last one: retry).
-- A soft-deleted stream keeps its revision, as in EventStoreDB: no_stream, any and the exact
-- last revision append after it (recreating it); stream_exists fails with 'no_stream'.
CREATE OR REPLACE FUNCTION ${schema}.es_append(
  p_stream text, p_kind smallint, p_expected bigint, p_events jsonb
) RETURNS TABLE (next_revision bigint, tx xid8, pos bigint)
LANGUAGE plpgsql AS $$
DECLARE
  s          ${schema}.es_streams%ROWTYPE;
  is_new     boolean := false;
  visible    boolean;
  current    bigint;
  n          int := jsonb_array_length(p_events);
  first_id   uuid := (p_events->0->>'id')::uuid;
  dup_rev    bigint;
  my_tx      xid8;
BEGIN
  -- A declared reader is left out of the read horizon: it must never append (see the top of schema.ts).
  IF current_setting('es.reader', true) = 'on' THEN
    RAISE EXCEPTION USING ERRCODE = 'ES004', MESSAGE = 'append refused: the transaction declared itself a reader (es_declare_reader)';
  END IF;
  my_tx := pg_current_xact_id();
  LOOP
    SELECT * INTO s FROM ${schema}.es_streams WHERE stream_id = p_stream FOR UPDATE;
    EXIT WHEN FOUND;
    -- A new stream: create its row already at its final revision, unless another
    -- transaction created it meanwhile (then lock that row instead).
    IF p_kind IN (2, 3) THEN
      RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = 'wrong expected version', DETAIL = 'no_stream';
    END IF;
    INSERT INTO ${schema}.es_streams (stream_id, revision, last_tx) VALUES (p_stream, n - 1, my_tx)
      ON CONFLICT (stream_id) DO NOTHING;
    IF FOUND THEN
      is_new := true;
      s.revision := -1;
      s.truncate_before := 0;
      EXIT;
    END IF;
  END LOOP;
  IF s.tombstoned THEN
    RAISE EXCEPTION USING ERRCODE = 'ES002', MESSAGE = 'stream deleted', DETAIL = p_stream;
  END IF;
  current := s.revision;
  visible := current >= 0 AND current >= s.truncate_before;

  IF NOT is_new THEN
    -- Idempotent re-append: the batch's first event is already where this expectation put it
    -- (exact, no_stream), or among the stream's recent events (any, stream_exists).
    IF p_kind = 3 AND p_expected < current THEN
      dup_rev := p_expected + 1;
    ELSIF p_kind = 1 AND visible THEN
      dup_rev := s.truncate_before;
    ELSIF p_kind IN (0, 2) THEN
      SELECT e.stream_revision INTO dup_rev FROM ${schema}.es_events e
       WHERE e.stream_id = p_stream AND e.stream_revision > current - 1000 AND e.event_id = first_id;
    END IF;
    IF dup_rev IS NOT NULL THEN
      IF (SELECT count(*) FROM ${schema}.es_events e
            JOIN jsonb_array_elements(p_events) WITH ORDINALITY AS b(ev, i)
              ON e.event_id = (b.ev->>'id')::uuid AND e.stream_revision = dup_rev + b.i - 1
           WHERE e.stream_id = p_stream) = n THEN
        RETURN QUERY SELECT e.stream_revision, e.transaction_id, e.global_position
          FROM ${schema}.es_events e WHERE e.stream_id = p_stream AND e.stream_revision = dup_rev + n - 1;
        RETURN;
      END IF;
      -- The first event is written but the batch is not the one written with it: not a
      -- re-append, and appending it would store that event twice (EventStoreDB answers
      -- WrongExpectedVersion too: a "corrupted idempotency").
      IF p_kind IN (0, 2) THEN
        RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = 'wrong expected version', DETAIL = current::text;
      END IF;
    END IF;

    IF (p_kind = 1 AND visible) OR (p_kind = 2 AND NOT visible) OR (p_kind = 3 AND current <> p_expected) THEN
      RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = 'wrong expected version',
        DETAIL = CASE WHEN p_kind = 2 OR current < 0 THEN 'no_stream' ELSE current::text END;
    END IF;
    IF s.last_tx > my_tx THEN
      RAISE EXCEPTION USING ERRCODE = 'ES003', MESSAGE = 'older transaction than the stream head';
    END IF;
    UPDATE ${schema}.es_streams SET revision = current + n, last_tx = my_tx WHERE stream_id = p_stream;
  END IF;

  -- No pg_notify here: a transaction that notifies takes a lock at commit that PostgreSQL holds
  -- through the commit's WAL flush, so concurrent appends would commit one at a time. The
  -- appending process notifies after the commit (PostgresEventStore.annunciaAppend).
  RETURN QUERY
  WITH ins AS (
    INSERT INTO ${schema}.es_events (stream_id, stream_revision, event_id, event_type, data, metadata)
    SELECT p_stream, current + b.i, (b.ev->>'id')::uuid, b.ev->>'type', b.ev->'data', b.ev->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b(ev, i)
    RETURNING stream_revision, transaction_id, global_position
  )
  SELECT ins.stream_revision, ins.transaction_id, ins.global_position
    FROM ins ORDER BY ins.stream_revision DESC LIMIT 1;
END;
$$;

-- Creates many streams in one statement (bulk loads): each item {"s": stream, "e": events} is
-- appended with expectation no_stream, so an item already written with the same events is a
-- no-op. Returns one row per item, in order: ok false when its stream has another history
-- (only that item is rolled back). Any other error aborts the statement.
CREATE OR REPLACE FUNCTION ${schema}.es_append_new_streams(p_items jsonb)
RETURNS TABLE (item int, ok boolean)
LANGUAGE plpgsql AS $$
DECLARE
  k int := 0;
  it jsonb;
BEGIN
  FOR it IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    item := k;
    BEGIN
      PERFORM 1 FROM ${schema}.es_append(it->>'s', 1::smallint, NULL, it->'e');
      ok := true;
    EXCEPTION WHEN SQLSTATE 'ES001' THEN
      ok := false;
    END;
    RETURN NEXT;
    k := k + 1;
  END LOOP;
END;
$$;

-- A transaction that will never append declares it as its first statement (see the top of
-- schema.ts): the read horizon then leaves it out.
CREATE OR REPLACE FUNCTION ${schema}.es_declare_reader() RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'ES005', MESSAGE = 'es_declare_reader must come before the transaction''s first write';
  END IF;
  PERFORM pg_advisory_xact_lock_shared(${READER_LOCK[0]}, ${READER_LOCK[1]});
  PERFORM set_config('es.reader', 'on', true);
END;
$$;

-- The read horizon (see the top of schema.ts). STABLE, so that it runs in the caller's snapshot:
-- pg_current_snapshot() is the snapshot the calling query reads the log with.
CREATE OR REPLACE FUNCTION ${schema}.es_horizon() RETURNS xid8
LANGUAGE plpgsql STABLE AS $$
DECLARE
  snap    pg_snapshot := pg_current_snapshot();
  lowest  xid8 := pg_snapshot_xmin(snap);
  upper   xid8 := pg_snapshot_xmax(snap);
  candidates xid8[];
  ours    xid8;
BEGIN
  -- Every committed event is below xmax; none between xmin and xmax: xmin holds nothing back.
  IF lowest = upper OR NOT EXISTS (
       SELECT 1 FROM ${schema}.es_events e WHERE e.transaction_id >= lowest AND e.transaction_id < upper) THEN
    RETURN lowest;
  END IF;
  -- This database's transactions in progress, then those of them that are not declared readers
  -- (pg_locks is read only when there is any: it costs more than the activity list).
  SELECT array_agg(x) INTO candidates FROM pg_snapshot_xip(snap) AS x
   WHERE x::xid NOT IN (
     SELECT a.backend_xid FROM pg_stat_get_activity(NULL) a
      WHERE a.backend_xid IS NOT NULL
        AND a.datid <> (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
     UNION ALL
     SELECT p.transaction FROM pg_prepared_xacts p WHERE p.database <> current_database());
  IF candidates IS NULL THEN
    RETURN upper;
  END IF;
  -- Declared readers: the transaction's own id and the declared lock in one virtual transaction.
  SELECT min(x) INTO ours FROM unnest(candidates) AS x
   WHERE x::xid NOT IN (
     SELECT l.transactionid FROM pg_locks r JOIN pg_locks l ON l.virtualtransaction = r.virtualtransaction
      WHERE r.locktype = 'advisory' AND r.classid = ${READER_LOCK[0]} AND r.objid = ${READER_LOCK[1]} AND r.objsubid = 2 AND r.granted
        AND l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted AND l.transactionid IS NOT NULL);
  RETURN coalesce(ours, upper);
END;
$$;
`;
