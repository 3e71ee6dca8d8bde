-- Tamper evidence for the usage history. A sealer chains audit rows, in the order it seals them, into a SHA-256
-- hash chain: hash(n) = sha256(hash(n-1) || audit_canonical_v1(row)); `klang audit-verify` recomputes it. A row
-- changed or removed behind the service's back (triggers disabled by someone with the database's keys) breaks the
-- chain from that row on. The head is also written to the log, so rewriting the whole chain shows there.

-- The canonical text of one audit row. Never change it: hashes already sealed depend on it (a new form would be
-- a new function, `audit_canonical_v2`, used from a recorded sequence number on).
CREATE FUNCTION audit_canonical_v1(entry audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_array(
        entry.id, (extract(epoch FROM entry.occurred_at) * 1000000)::bigint, entry.actor_user_id, entry.actor_session_id,
        entry.action, entry.entity_type, entry.entity_id, entry.before_state, entry.after_state, entry.details,
        entry.outcome, entry.error_code, entry.ip, entry.user_agent, entry.request_id
    )::text
$$;

CREATE TABLE audit_seals (
    seq        bigint      PRIMARY KEY CHECK (seq > 0),
    audit_id   uuid        NOT NULL UNIQUE REFERENCES audit_log (id),
    hash       bytea       NOT NULL CHECK (length(hash) = 32),
    sealed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER audit_seals_no_update_delete
BEFORE UPDATE OR DELETE ON audit_seals
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_seals_no_truncate
BEFORE TRUNCATE ON audit_seals
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
