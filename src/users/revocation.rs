//! Whether an access token's session is still alive, answered without a database round trip when possible.
//!
//! Revoking a session commits in PostgreSQL (the truth), then sets a flag in the shared key-value store
//! (Redis) and, through the `session_revoked` event, in every instance's memory. A check looks at memory, then
//! Redis; only when Redis cannot answer does it ask PostgreSQL. So sign-out is immediate everywhere, and a Redis
//! outage neither signs anyone out nor lets a revoked token back in.
//!
//! Roles work the same way without ending the session: when a user's roles change, access tokens issued before
//! that millisecond stop being accepted (the client refreshes and gets a token with the new roles). The instance that
//! made the change knows at once; the others learn it from the `roles_assigned` event, so a demoted user keeps
//! old rights for the event's latency at most, and never past the access token's lifetime (if Kafka is down).

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::repo;
use crate::platform::kv::{KeyValueStore, MemoryStore};

/// The revoked-session registry.
#[derive(Clone)]
pub struct Revocations {
    shared: KeyValueStore,
    local: MemoryStore,
    pool: PgPool,
    remember_for: Duration,
}

impl Revocations {
    /// Flags live for `remember_for`: long enough to outlive any access token issued for the session.
    pub fn new(shared: KeyValueStore, pool: PgPool, remember_for: Duration) -> Self {
        Self {
            shared,
            local: MemoryStore::default(),
            pool,
            remember_for,
        }
    }

    /// Marks sessions revoked (after the revocation has committed in PostgreSQL).
    pub async fn mark(&self, session_ids: &[Uuid]) {
        for session_id in session_ids {
            let key = key(*session_id);
            self.local.set_flag(&key, self.remember_for);
            if let Err(error) = self.shared.set_flag(&key, self.remember_for).await {
                tracing::warn!(error = %error, "revocation flag not shared; other instances learn it from the event");
            }
        }
    }

    /// Records revocations announced by another instance.
    pub fn mark_locally(&self, session_ids: &[Uuid]) {
        for session_id in session_ids {
            self.local.set_flag(&key(*session_id), self.remember_for);
        }
    }

    /// Records that `user_id`'s roles changed at `at`: their access tokens issued before it are stale.
    pub fn mark_roles_changed(&self, user_id: Uuid, at: DateTime<Utc>) {
        self.local.set(
            &roles_key(user_id),
            &at.timestamp_millis().to_string(),
            self.remember_for,
        );
    }

    /// Whether a token of `user_id` issued at `issued_at` still carries the user's current roles.
    pub fn roles_current(&self, user_id: Uuid, issued_at: DateTime<Utc>) -> bool {
        self.local
            .get(&roles_key(user_id))
            .and_then(|changed| changed.parse::<i64>().ok())
            .is_none_or(|changed| issued_at.timestamp_millis() >= changed)
    }

    /// Whether `session_id` may still be used.
    pub async fn is_active(&self, session_id: Uuid) -> bool {
        let key = key(session_id);
        if self.local.has_flag(&key) {
            return false;
        }
        match self.shared.has_flag(&key).await {
            Ok(revoked) => !revoked,
            Err(_) => match self.pool.acquire().await {
                Ok(mut connection) => repo::session_is_active(&mut connection, session_id)
                    .await
                    .unwrap_or(false),
                Err(_) => false,
            },
        }
    }
}

fn key(session_id: Uuid) -> String {
    format!("revoked-session:{session_id}")
}

fn roles_key(user_id: Uuid) -> String {
    format!("roles-changed:{user_id}")
}

/// Learns revocations and role changes made by other instances from the live `session_revoked` and
/// `roles_assigned` events.
pub async fn follow_revocations(
    hub: crate::platform::bus::LiveHub,
    revocations: Revocations,
    shutdown: tokio_util::sync::CancellationToken,
) {
    hub.follow(shutdown, |event| {
        if event.event_type == super::events::SESSION_REVOKED {
            revocations.mark_locally(&super::events::revoked_session_ids(&event.data));
        } else if event.event_type == super::events::ROLES_ASSIGNED
            && let Ok(user_id) = event.subject.parse()
        {
            revocations.mark_roles_changed(user_id, event.time);
        }
        std::future::ready(())
    })
    .await;
}
