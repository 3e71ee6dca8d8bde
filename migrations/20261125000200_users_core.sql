-- Users, roles, sessions and refresh tokens.
CREATE EXTENSION IF NOT EXISTS citext;

-- Role codes; each role's names and permissions are defined in code (src/platform/auth/permission.rs).
CREATE TABLE roles (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]*$')
);

INSERT INTO roles (code) VALUES ('ADMIN'), ('MANAGER'), ('WAREHOUSE_STAFF'), ('DISPATCHER'), ('VIEWER');

CREATE TABLE users (
    id             uuid        PRIMARY KEY,
    email          citext      NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    password_hash  text        NOT NULL,
    is_active      boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX users_created_at_idx ON users (created_at, id);

CREATE TABLE user_roles (
    user_id    uuid NOT NULL REFERENCES users (id),
    role_code  text NOT NULL REFERENCES roles (code),
    PRIMARY KEY (user_id, role_code)
);

-- One row per sign-in: a refresh-token family. Revoking it ends every token it issued.
CREATE TABLE sessions (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoke_reason  text,
    ip             text,
    user_agent     text
);

CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC);

-- Opaque refresh tokens, stored as SHA-256 hashes only; rotated on every use.
CREATE TABLE refresh_tokens (
    token_hash   bytea       PRIMARY KEY,
    session_id   uuid        NOT NULL REFERENCES sessions (id),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    rotated_at   timestamptz
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
