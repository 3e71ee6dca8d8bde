//! SQL for the usage history.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::NewRecord;
use crate::graphql::pagination::PageRequest;

/// Appends one record.
pub(super) async fn insert(
    connection: &mut PgConnection,
    record: &NewRecord<'_>,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO audit_log (id, actor_user_id, actor_session_id, action, entity_type, entity_id,
                                before_state, after_state, details, outcome, error_code, ip, user_agent,
                                request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        id,
        record.origin.user_id,
        record.origin.session_id,
        record.action,
        record.entity_type,
        record.entity_id,
        record.before,
        record.after,
        record.details,
        record.outcome.as_str(),
        record.error_code,
        record.origin.meta.ip,
        record.origin.meta.user_agent,
        record.origin.meta.request_id,
    )
    .execute(connection)
    .await?;
    Ok(id)
}

/// A stored record.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<Uuid>,
    pub actor_session_id: Option<Uuid>,
    pub action: String,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub before_state: Option<Value>,
    pub after_state: Option<Value>,
    pub details: Option<Value>,
    pub outcome: String,
    pub error_code: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

/// What to search for; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct AuditSearch {
    pub actor_user_id: Option<Uuid>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
}

/// Newest first, one page.
pub(super) async fn search(
    connection: &mut PgConnection,
    search: &AuditSearch,
    page: &PageRequest,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as!(
        AuditRow,
        "SELECT id, occurred_at, actor_user_id, actor_session_id, action, entity_type, entity_id,
                before_state, after_state, details, outcome, error_code, ip, user_agent, request_id
         FROM audit_log
         WHERE ($1::uuid IS NULL OR actor_user_id = $1)
           AND ($2::text IS NULL OR action = $2)
           AND ($3::text IS NULL OR entity_type = $3)
           AND ($4::text IS NULL OR entity_id = $4)
           AND ($5::timestamptz IS NULL OR occurred_at >= $5)
           AND ($6::timestamptz IS NULL OR occurred_at < $6)
           AND ($7::text IS NULL OR outcome = $7)
           AND ($8::timestamptz IS NULL OR (occurred_at, id) < ($8, $9::uuid))
         ORDER BY occurred_at DESC, id DESC
         LIMIT $10",
        search.actor_user_id,
        search.action,
        search.entity_type,
        search.entity_id,
        search.from,
        search.to,
        search.outcome,
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit(),
    )
    .fetch_all(connection)
    .await
}
