//! SQL for users, roles, sessions and refresh tokens. Every function takes the caller's connection, so the
//! service decides what runs in one transaction.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{SessionInfo, UserAccount};
use crate::{graphql::pagination::PageRequest, platform::auth::Role};

/// An account with what only sign-in may see.
pub struct Credentials {
    /// The account.
    pub account: UserAccount,
    /// Its argon2id password hash.
    pub password_hash: String,
}

/// A refresh token with its session, as found at refresh time.
pub struct RefreshTokenRow {
    /// The session (family) the token belongs to.
    pub session_id: Uuid,
    /// The session's user.
    pub user_id: Uuid,
    /// When this token expires.
    pub token_expires_at: DateTime<Utc>,
    /// Whether the token was already exchanged.
    pub rotated: bool,
    /// Whether the session was revoked.
    pub session_revoked: bool,
    /// When the session expires.
    pub session_expires_at: DateTime<Utc>,
}

/// Finds the account signing in with `email`.
pub async fn credentials_by_email(
    connection: &mut PgConnection,
    email: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT id, email::text AS \"email!\", display_name, is_active, created_at, updated_at, password_hash
         FROM users WHERE email = $1::text::citext",
        email
    )
    .fetch_optional(connection)
    .await?;
    Ok(row.map(|row| Credentials {
        account: UserAccount {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            is_active: row.is_active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        },
        password_hash: row.password_hash,
    }))
}

/// The password hash of a user.
pub async fn password_hash(
    connection: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", user_id)
        .fetch_optional(connection)
        .await
}

/// Accounts by id, in no particular order; missing ids are left out.
pub async fn accounts_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<UserAccount>, sqlx::Error> {
    sqlx::query_as!(
        UserAccount,
        "SELECT id, email::text AS \"email!\", display_name, is_active, created_at, updated_at
         FROM users WHERE id = ANY($1)",
        ids
    )
    .fetch_all(connection)
    .await
}

/// One account, locked for update.
pub async fn account_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<UserAccount>, sqlx::Error> {
    sqlx::query_as!(
        UserAccount,
        "SELECT id, email::text AS \"email!\", display_name, is_active, created_at, updated_at
         FROM users WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Role codes per user, for the given users.
pub async fn roles_by_user_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, Role)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT user_id, role_code FROM user_roles WHERE user_id = ANY($1) ORDER BY role_code",
        ids
    )
    .fetch_all(connection)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| Role::from_code(&row.role_code).map(|role| (row.user_id, role)))
        .collect())
}

/// The roles of one user.
pub async fn roles_of(connection: &mut PgConnection, id: Uuid) -> Result<Vec<Role>, sqlx::Error> {
    Ok(roles_by_user_ids(connection, &[id])
        .await?
        .into_iter()
        .map(|(_, role)| role)
        .collect())
}

/// Inserts a user; `Ok(None)` when the email is taken.
pub async fn insert_user(
    connection: &mut PgConnection,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<Option<UserAccount>, sqlx::Error> {
    sqlx::query_as!(
        UserAccount,
        "INSERT INTO users (id, email, display_name, password_hash)
         VALUES ($1, $2::text::citext, $3, $4)
         ON CONFLICT (email) DO NOTHING
         RETURNING id, email::text AS \"email!\", display_name, is_active, created_at, updated_at",
        Uuid::now_v7(),
        email,
        display_name,
        password_hash
    )
    .fetch_optional(connection)
    .await
}

/// Changes name and email; `Ok(None)` when the email is taken by someone else.
pub async fn update_profile(
    connection: &mut PgConnection,
    id: Uuid,
    email: &str,
    display_name: &str,
) -> Result<Option<UserAccount>, sqlx::Error> {
    let taken = sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM users WHERE email = $1::text::citext AND id <> $2) AS \"taken!\"",
        email,
        id
    )
    .fetch_one(&mut *connection)
    .await?;
    if taken {
        return Ok(None);
    }
    sqlx::query_as!(
        UserAccount,
        "UPDATE users SET email = $2::text::citext, display_name = $3, updated_at = now() WHERE id = $1
         RETURNING id, email::text AS \"email!\", display_name, is_active, created_at, updated_at",
        id,
        email,
        display_name
    )
    .fetch_optional(connection)
    .await
}

/// Activates or deactivates a user.
pub async fn set_active(
    connection: &mut PgConnection,
    id: Uuid,
    active: bool,
) -> Result<UserAccount, sqlx::Error> {
    sqlx::query_as!(
        UserAccount,
        "UPDATE users SET is_active = $2, updated_at = now() WHERE id = $1
         RETURNING id, email::text AS \"email!\", display_name, is_active, created_at, updated_at",
        id,
        active
    )
    .fetch_one(connection)
    .await
}

/// Replaces a user's password hash.
pub async fn set_password_hash(
    connection: &mut PgConnection,
    id: Uuid,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1",
        id,
        password_hash
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Replaces a user's roles.
pub async fn replace_roles(
    connection: &mut PgConnection,
    id: Uuid,
    roles: &[Role],
) -> Result<(), sqlx::Error> {
    let codes: Vec<String> = roles.iter().map(|role| role.code().to_owned()).collect();
    sqlx::query!("DELETE FROM user_roles WHERE user_id = $1", id)
        .execute(&mut *connection)
        .await?;
    sqlx::query!(
        "INSERT INTO user_roles (user_id, role_code) SELECT $1, unnest($2::text[])",
        id,
        &codes
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Filters for the user list.
#[derive(Debug, Clone, Default)]
pub struct UserSearch {
    /// Part of the email or display name.
    pub text: Option<String>,
    /// Only users with this role.
    pub role: Option<Role>,
    /// Only active or only deactivated users.
    pub is_active: Option<bool>,
}

/// One page of users, oldest first.
pub async fn search_accounts(
    connection: &mut PgConnection,
    search: &UserSearch,
    page: &PageRequest,
) -> Result<Vec<UserAccount>, sqlx::Error> {
    let pattern = search
        .text
        .as_ref()
        .map(|text| format!("%{}%", escape_like(text)));
    sqlx::query_as!(
        UserAccount,
        "SELECT id, email::text AS \"email!\", display_name, is_active, created_at, updated_at
         FROM users u
         WHERE ($1::text IS NULL OR u.email::text ILIKE $1 OR u.display_name ILIKE $1)
           AND ($2::text IS NULL OR EXISTS (
                 SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = $2))
           AND ($3::boolean IS NULL OR u.is_active = $3)
           AND ($4::timestamptz IS NULL OR (u.created_at, u.id) > ($4, $5::uuid))
         ORDER BY u.created_at, u.id
         LIMIT $6",
        pattern,
        search.role.map(Role::code),
        search.is_active,
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit()
    )
    .fetch_all(connection)
    .await
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Starts a session.
pub async fn insert_session(
    connection: &mut PgConnection,
    user_id: Uuid,
    expires_at: DateTime<Utc>,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO sessions (id, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)",
        id,
        user_id,
        expires_at,
        ip,
        user_agent
    )
    .execute(connection)
    .await?;
    Ok(id)
}

/// Stores a refresh token's hash.
pub async fn insert_refresh_token(
    connection: &mut PgConnection,
    token_hash: &[u8],
    session_id: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)",
        token_hash,
        session_id,
        expires_at
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Finds a refresh token and locks it, so that two concurrent uses cannot both rotate it.
pub async fn refresh_token_for_update(
    connection: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<RefreshTokenRow>, sqlx::Error> {
    sqlx::query_as!(
        RefreshTokenRow,
        "SELECT t.session_id, s.user_id, t.expires_at AS token_expires_at,
                t.rotated_at IS NOT NULL AS \"rotated!\", s.revoked_at IS NOT NULL AS \"session_revoked!\",
                s.expires_at AS session_expires_at
         FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
         WHERE t.token_hash = $1
         FOR UPDATE OF t, s",
        token_hash
    )
    .fetch_optional(connection)
    .await
}

/// Marks a refresh token used.
pub async fn mark_rotated(
    connection: &mut PgConnection,
    token_hash: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1",
        token_hash
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Extends a session after a refresh.
pub async fn touch_session(
    connection: &mut PgConnection,
    session_id: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE sessions SET last_used_at = now(), expires_at = $2 WHERE id = $1",
        session_id,
        expires_at
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Revokes the given sessions of a user (all active ones when `only` is `None`), except `keep`; returns the
/// ids actually revoked.
pub async fn revoke_sessions(
    connection: &mut PgConnection,
    user_id: Uuid,
    only: Option<Uuid>,
    keep: Option<Uuid>,
    reason: &str,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE sessions SET revoked_at = now(), revoke_reason = $4
         WHERE user_id = $1 AND revoked_at IS NULL
           AND ($2::uuid IS NULL OR id = $2)
           AND ($3::uuid IS NULL OR id <> $3)
         RETURNING id",
        user_id,
        only,
        keep,
        reason
    )
    .fetch_all(connection)
    .await
}

/// The active sessions of a user, newest first.
pub async fn active_sessions(
    connection: &mut PgConnection,
    user_id: Uuid,
) -> Result<Vec<SessionInfo>, sqlx::Error> {
    sqlx::query_as!(
        SessionInfo,
        "SELECT id, created_at, last_used_at, expires_at, ip, user_agent FROM sessions
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
         ORDER BY created_at DESC",
        user_id
    )
    .fetch_all(connection)
    .await
}

/// Whether a session may still be used.
pub async fn session_is_active(
    connection: &mut PgConnection,
    session_id: Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "SELECT s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active AS \"active!\"
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
        session_id
    )
    .fetch_optional(connection)
    .await?
    .unwrap_or(false))
}
