//! The usage-history API: `auditLog` for holders of `audit:read`.

use async_graphql::{Context, InputObject, Json, Object, SimpleObject, connection::Connection};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    model::AuditOutcome,
    repo::{AuditRow, AuditSearch},
    service,
};
use crate::{
    graphql::{
        context::ContextExt,
        error::ApiError,
        loaders::Loaders,
        pagination::{Cursor, PageRequest},
    },
    platform::auth::Permission,
    users::graphql::User,
};

/// Filters for `auditLog`; all optional and combined with AND.
#[derive(Debug, Default, InputObject)]
pub struct AuditLogFilter {
    /// Only what this user did.
    pub actor: Option<Uuid>,
    /// Only this action, e.g. `createUser` or `signIn`.
    pub action: Option<String>,
    /// Only this entity type, e.g. `User`.
    pub entity_type: Option<String>,
    /// Only this entity id.
    pub entity_id: Option<String>,
    /// From this time (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive).
    pub to: Option<DateTime<Utc>>,
    /// Only successes or only failures.
    pub outcome: Option<AuditOutcome>,
}

/// One usage-history record.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct AuditEntry {
    /// Record id.
    pub id: Uuid,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// The acting user's id, when signed in.
    pub actor_id: Option<Uuid>,
    /// The session the user acted through.
    pub session_id: Option<Uuid>,
    /// The operation or security event.
    pub action: String,
    /// The kind of entity concerned.
    pub entity_type: Option<String>,
    /// The entity's id.
    pub entity_id: Option<String>,
    /// The entity before the change.
    pub before: Option<Json<serde_json::Value>>,
    /// The entity after the change.
    pub after: Option<Json<serde_json::Value>>,
    /// Extra context, such as a failed mutation's redacted arguments.
    pub details: Option<Json<serde_json::Value>>,
    /// Success or failure.
    pub outcome: AuditOutcome,
    /// The error code returned, for failures.
    pub error_code: Option<String>,
    /// Client address.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Request id, to find the request in the logs.
    pub request_id: Option<String>,
}

#[async_graphql::ComplexObject]
impl AuditEntry {
    /// The acting user.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let Some(actor_id) = self.actor_id else {
            return Ok(None);
        };
        Ok(Loaders::of(ctx).user_by_id.load_one(actor_id).await?)
    }
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        Self {
            id: row.id,
            occurred_at: row.occurred_at,
            actor_id: row.actor_user_id,
            session_id: row.actor_session_id,
            action: row.action,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            before: row.before_state.map(Json),
            after: row.after_state.map(Json),
            details: row.details.map(Json),
            outcome: AuditOutcome::from_stored(&row.outcome),
            error_code: row.error_code,
            ip: row.ip,
            user_agent: row.user_agent,
            request_id: row.request_id,
        }
    }
}

/// Usage-history queries.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The usage history, newest first. Needs `audit:read`.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, AuditEntry>> {
        ctx.require(Permission::AuditRead)?;
        let page = PageRequest::new(first, after)?;
        let filter = filter.unwrap_or_default();
        let search = AuditSearch {
            actor_user_id: filter.actor,
            action: filter.action,
            entity_type: filter.entity_type,
            entity_id: filter.entity_id,
            from: filter.from,
            to: filter.to,
            outcome: filter.outcome.map(|outcome| outcome.as_str().to_owned()),
        };
        let rows = service::history(&ctx.state().pool, &search, &page)
            .await
            .map_err(ApiError::from)?;
        let entries = rows.into_iter().map(AuditEntry::from).collect();
        Ok(page.connection(entries, |entry: &AuditEntry| Cursor {
            time: entry.occurred_at,
            id: entry.id,
        }))
    }
}
