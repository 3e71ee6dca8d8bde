-- Usage history: append-only records of every mutation, sign-in and security event.
CREATE TABLE audit_log (
    id                uuid        PRIMARY KEY,
    occurred_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_user_id     uuid,
    actor_session_id  uuid,
    action            text        NOT NULL CHECK (length(action) BETWEEN 1 AND 120),
    entity_type       text,
    entity_id         text,
    before_state      jsonb,
    after_state       jsonb,
    details           jsonb,
    outcome           text        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    error_code        text,
    ip                text,
    user_agent        text,
    request_id        text
);

CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at DESC);

-- The database itself refuses to change history, whoever asks.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
