-- Webhooks: outside subscribers (n8n first) register a URL and the event types they want; every numbered outbox
-- event is fanned out into one delivery per matching active subscription, and each delivery is POSTed, signed,
-- retried with backoff, and kept for inspection and replay.

-- Time-ordered ids for rows created in SQL (PostgreSQL 15 has no uuidv7()): the v4 random bits with the first
-- 48 bits replaced by the Unix time in milliseconds and the version nibble set to 7.
CREATE FUNCTION klang_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
    SELECT encode(
        set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
        'hex')::uuid
$$;

CREATE TABLE webhook_subscriptions (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    url         text        NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    -- Exact types (`klang.inventory.stock_changed.v1`) or prefixes ending in `*` (`klang.inventory.*`).
    event_types text[]      NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
    -- The HMAC key deliveries are signed with; shown to the administrator once, never logged or recorded.
    secret      text        NOT NULL,
    is_active   boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id               uuid        PRIMARY KEY DEFAULT klang_uuid_v7(),
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    -- The CloudEvents envelope exactly as it is POSTed.
    payload          jsonb       NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status_code integer,
    last_error       text        CHECK (length(last_error) <= 500),
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);

-- The delivery workers' claim: due pending deliveries, soonest first.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
-- The administrators' list: newest first, optionally per subscription.
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at DESC, id DESC);

-- The last outbox position fanned out. One row; the fan-out locks it (FOR UPDATE SKIP LOCKED), so one instance at
-- a time fans out and the cursor moves in the same transaction as the deliveries it produced. It starts at the
-- newest numbered event: subscribers get what happens after webhooks exist, not the replay window's history.
CREATE TABLE webhook_fanout_cursor (
    id            boolean     PRIMARY KEY DEFAULT true CHECK (id),
    last_position bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO webhook_fanout_cursor (last_position) SELECT coalesce(max(position), 0) FROM outbox_events;

-- Wake the fan-out as soon as the relay numbers events (it also polls in case a notification is missed).
-- PostgreSQL folds the identical notifications of one transaction into one.
CREATE FUNCTION outbox_events_numbered_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('klang_webhook_events', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_events_numbered_notify
AFTER UPDATE OF position ON outbox_events
FOR EACH ROW WHEN (OLD.position IS NULL AND NEW.position IS NOT NULL)
EXECUTE FUNCTION outbox_events_numbered_notify();
