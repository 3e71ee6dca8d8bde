//! What every resolver reads from its context: the application state, the request's metadata and the caller.
//!
//! The HTTP handler and the WebSocket `connection_init` put a [`Caller`] and a [`RequestMeta`] into the context
//! once; resolvers use [`ContextExt`] and never parse headers themselves.

use std::sync::Arc;

use async_graphql::Context;

use super::{error::ApiError, ws::SocketSession};
use crate::{
    audit::Origin,
    platform::{
        auth::{Actor, Permission},
        request::RequestMeta,
    },
    state::AppState,
};

/// Who is calling, as established by the transport.
#[derive(Clone)]
pub enum Caller {
    /// An HTTP request: no token, a verified actor, or a token that was refused (and why).
    Http(Result<Option<Actor>, ApiError>),
    /// A WebSocket connection whose identity may be renewed while it is open.
    Socket(Arc<SocketSession>),
}

impl Caller {
    /// The signed-in actor, or `UNAUTHENTICATED` with the reason the token was refused.
    pub fn actor(&self) -> Result<Actor, ApiError> {
        match self {
            Self::Http(Ok(Some(actor))) => Ok(actor.clone()),
            Self::Http(Err(refused)) => Err(refused.clone()),
            Self::Socket(session) => session.current_actor(),
            Self::Http(Ok(None)) => Err(not_signed_in()),
        }
    }
}

fn not_signed_in() -> ApiError {
    ApiError::unauthenticated("sign in to use this operation")
}

/// Typed access to request state for resolvers.
pub trait ContextExt {
    /// The application's services.
    fn state(&self) -> &AppState;
    /// The request's metadata.
    fn meta(&self) -> RequestMeta;
    /// The signed-in actor, or `UNAUTHENTICATED`.
    fn actor(&self) -> Result<Actor, ApiError>;
    /// The signed-in actor holding `permission`, or `UNAUTHENTICATED` / `FORBIDDEN`.
    fn require(&self, permission: Permission) -> Result<Actor, ApiError>;
    /// The actor if any, for operations open to everyone (such as `signIn`).
    fn optional_actor(&self) -> Option<Actor>;
    /// Who did it and from where, for the usage history.
    fn origin(&self) -> Origin;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> &AppState {
        self.data_unchecked::<AppState>()
    }

    fn meta(&self) -> RequestMeta {
        self.data_opt::<RequestMeta>().cloned().unwrap_or_default()
    }

    fn actor(&self) -> Result<Actor, ApiError> {
        self.data_opt::<Caller>()
            .map_or_else(|| Err(not_signed_in()), Caller::actor)
    }

    fn require(&self, permission: Permission) -> Result<Actor, ApiError> {
        let actor = self.actor()?;
        if actor.can(permission) {
            Ok(actor)
        } else {
            Err(ApiError::forbidden(permission))
        }
    }

    fn optional_actor(&self) -> Option<Actor> {
        self.actor().ok()
    }

    fn origin(&self) -> Origin {
        Origin::new(self.optional_actor().as_ref(), self.meta())
    }
}
