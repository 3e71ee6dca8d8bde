//! The live event stream behind every subscription: this instance's events, filtered, for as long as the
//! caller stays signed in and keeps the permission (checked again for every event pushed).
//!
//! A subscription may resume: given the id of the last event the client saw (`after`), it first replays every
//! later event of its types from the outbox's replay window, in publish order, then goes on live. The live
//! stream is opened before the replay is read and live events already replayed are dropped by position, so
//! nothing falls between the two and nothing comes twice.

use std::sync::Arc;

use async_graphql::Context;
use futures::{Stream, StreamExt, stream};
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

use super::{
    context::{Caller, ContextExt},
    error::{ApiError, ErrorCode},
};
use crate::platform::{
    auth::Permission,
    events::CloudEvent,
    replay::{self, Replay},
};

/// Events whose type starts with one of `type_prefixes`, while the caller is signed in (and holds
/// `permission`, when given); first the kept events that followed `after`, when given.
pub async fn events_for(
    ctx: &Context<'_>,
    permission: Option<Permission>,
    type_prefixes: &'static [&'static str],
    after: Option<Uuid>,
) -> async_graphql::Result<impl Stream<Item = Arc<CloudEvent>> + use<>> {
    match permission {
        Some(permission) => ctx.require(permission)?,
        None => ctx.actor()?,
    };
    let caller = ctx.data_opt::<Caller>().cloned();
    let receiver = ctx.state().hub.listen();
    let (replayed, replayed_up_to) = match after {
        None => (Vec::new(), None),
        Some(after) => match replay::events_after(&ctx.state().pool, after, type_prefixes)
            .await
            .map_err(ApiError::internal)?
        {
            Replay::NotRetained => {
                return Err(ApiError::new(
                    ErrorCode::EventNotRetained,
                    "the events after this one are no longer kept: reload the current state and subscribe \
                     again without `after`",
                )
                .into());
            }
            Replay::Events { events, up_to } => (events, Some(up_to)),
        },
    };
    let live = BroadcastStream::new(receiver).filter_map(move |received| {
        let fresh = received.ok().filter(|event| {
            replayed_up_to
                .is_none_or(|up_to| event.position.is_none_or(|position| position > up_to))
        });
        std::future::ready(fresh)
    });
    let events = stream::iter(replayed.into_iter().map(Arc::new)).chain(live);
    let open = OpenSubscription::new();
    Ok(events.filter(move |event| {
        let _counted = &open;
        let allowed = caller
            .as_ref()
            .and_then(|caller| caller.actor().ok())
            .is_some_and(|actor| permission.is_none_or(|permission| actor.can(permission)));
        let of_type = type_prefixes
            .iter()
            .any(|prefix| event.event_type.starts_with(prefix));
        std::future::ready(allowed && of_type)
    }))
}

/// Counts an open subscription in `klang_graphql_subscriptions` for as long as its stream lives.
struct OpenSubscription;

impl OpenSubscription {
    fn new() -> Self {
        metrics::gauge!("klang_graphql_subscriptions").increment(1.0);
        Self
    }
}

impl Drop for OpenSubscription {
    fn drop(&mut self) {
        metrics::gauge!("klang_graphql_subscriptions").decrement(1.0);
    }
}
