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
) -> async_graphql::Result<impl Stream<Item = Result<Arc<CloudEvent>, ApiError>> + use<>> {
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
    let events = stream::iter(replayed.into_iter().map(|event| Ok(Arc::new(event))))
        .chain(live_after(receiver, replayed_up_to));
    let open = OpenSubscription::new();
    Ok(events.filter(move |event| {
        let _counted = &open;
        let Ok(event) = event else {
            return std::future::ready(true);
        };
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

/// Turns each event a subscription resolver wants into its item; an error (a subscriber that fell behind) is
/// passed on and ends the subscription.
pub fn items<T, F>(
    events: impl Stream<Item = Result<Arc<CloudEvent>, ApiError>>,
    item: F,
) -> impl Stream<Item = async_graphql::Result<T>>
where
    F: Fn(&CloudEvent) -> Option<T>,
{
    events.filter_map(move |event| {
        std::future::ready(match event {
            Ok(event) => item(&event).map(Ok),
            Err(error) => Some(Err(error.into())),
        })
    })
}

/// Live events after `up_to` (when resuming). A subscriber that falls more than the hub's buffer behind gets
/// one `SUBSCRIBER_TOO_SLOW` error and its stream ends: the server never queues for a slow reader, and the
/// client can resume after the last event it saw.
fn live_after(
    receiver: tokio::sync::broadcast::Receiver<Arc<CloudEvent>>,
    up_to: Option<i64>,
) -> impl Stream<Item = Result<Arc<CloudEvent>, ApiError>> {
    BroadcastStream::new(receiver)
        .map(|received| {
            received.map_err(|_lagged| {
                ApiError::new(
                    ErrorCode::SubscriberTooSlow,
                    "this subscription fell too far behind and was ended: subscribe again with `after` set to \
                     the last event id received",
                )
            })
        })
        .scan(false, |ended, item| {
            // Stop after the first error.
            if *ended {
                return std::future::ready(None);
            }
            *ended = item.is_err();
            std::future::ready(Some(item))
        })
        .filter(move |item| {
            let fresh = match item {
                Ok(event) => up_to.is_none_or(|up_to| event.position.is_none_or(|position| position > up_to)),
                Err(_) => true,
            };
            std::future::ready(fresh)
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{bus::LiveHub, events::NewEvent};

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_gets_one_error_and_its_stream_ends() {
        let hub = LiveHub::new();
        let events = live_after(hub.listen(), None);
        for index in 0..2_000 {
            hub.deliver(
                NewEvent {
                    topic: "klang.inventory",
                    event_type: "klang.inventory.stock_changed.v1",
                    subject: index.to_string(),
                    data: serde_json::json!({}),
                }
                .into_cloud_event(),
            );
        }
        let received: Vec<_> = events.collect().await;
        assert_eq!(received.len(), 1, "nothing after the error");
        let error = received[0].as_ref().expect_err("fell behind");
        assert_eq!(error.code(), ErrorCode::SubscriberTooSlow);
    }
}
