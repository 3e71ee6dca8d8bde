//! Live user events for administrators.

use async_graphql::{Context, Json, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use futures::Stream;
use uuid::Uuid;

use crate::{
    graphql::live::{events_for, items},
    platform::auth::Permission,
    users::events,
};

/// A change to a user, as it happened.
#[derive(Debug, Clone, SimpleObject)]
pub struct UserEvent {
    /// Event id (unique; the same as in Kafka and webhooks).
    pub event_id: Uuid,
    /// Versioned event type, e.g. `klang.users.user_created.v1`.
    pub event_type: String,
    /// The user concerned.
    pub user_id: Option<Uuid>,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// The event body.
    pub data: Json<serde_json::Value>,
}

/// User subscriptions.
#[derive(Default)]
pub struct UserSubscription;

#[Subscription]
impl UserSubscription {
    /// Every change to users, live. Needs `user:read`, checked again for every event pushed.
    async fn user_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Resume after this event id: first every later event, then live ones.")]
        after: Option<Uuid>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<UserEvent>> + use<>> {
        let stream = events_for(ctx, Some(Permission::UserRead), &[events::TOPIC], after).await?;
        Ok(items(stream, |event| {
            Some(UserEvent {
                event_id: event.id,
                event_type: event.event_type.clone(),
                user_id: event.subject.parse().ok(),
                occurred_at: event.time,
                data: Json(event.data.clone()),
            })
        }))
    }
}
