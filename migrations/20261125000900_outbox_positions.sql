-- Publish positions: the relay numbers events 1, 2, 3... in the order it publishes them (one relay at a time,
-- under an advisory lock). Subscribers use the number to keep live events in order and to resume after the last
-- event they saw; published events are kept for the replay window and then pruned (never the newest one, so
-- numbering continues).
ALTER TABLE outbox_events ADD COLUMN position bigint UNIQUE;

CREATE INDEX outbox_events_published_at_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL;
