//! The live event stream behind every subscription: this instance's events, filtered, for as long as the
//! caller stays signed in and keeps the permission (checked again for every event pushed).

use std::sync::Arc;

use async_graphql::Context;
use futures::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use super::context::{Caller, ContextExt};
use crate::platform::{auth::Permission, events::CloudEvent};

/// Events that pass `wanted`, while the caller is signed in (and holds `permission`, when given).
pub fn events_for<W>(
    ctx: &Context<'_>,
    permission: Option<Permission>,
    wanted: W,
) -> async_graphql::Result<impl Stream<Item = Arc<CloudEvent>> + use<W>>
where
    W: Fn(&CloudEvent) -> bool + Send + 'static,
{
    match permission {
        Some(permission) => ctx.require(permission)?,
        None => ctx.actor()?,
    };
    let caller = ctx.data_opt::<Caller>().cloned();
    let receiver = ctx.state().hub.listen();
    Ok(BroadcastStream::new(receiver).filter_map(move |received| {
        let allowed = caller
            .as_ref()
            .and_then(|caller| caller.actor().ok())
            .is_some_and(|actor| permission.is_none_or(|permission| actor.can(permission)));
        std::future::ready(received.ok().filter(|event| allowed && wanted(event)))
    }))
}
