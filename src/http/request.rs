//! Reading who and where from an HTTP request, once, for the GraphQL context and the usage history.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, header, request::Parts},
};
use tower_http::request_id::RequestId;

use crate::{
    graphql::{context::Caller, error::ApiError},
    platform::request::RequestMeta,
    state::AppState,
};

/// Extracts the request's metadata (request id, peer address, user agent) in any handler.
impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok());
        Ok(RequestMeta::new(request_id, peer, user_agent))
    }
}

/// The caller named by the `Authorization: Bearer` header, if any.
pub async fn caller(state: &AppState, headers: &HeaderMap) -> Caller {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Caller::Http(Ok(None));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|text| text.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(token) = token else {
        return Caller::Http(Err(ApiError::unauthenticated(
            "the Authorization header must be `Bearer <access token>`",
        )));
    };
    match state.authenticate(token).await {
        Ok(verified) => {
            tracing::Span::current().record("user.id", verified.actor.user_id.to_string());
            Caller::Http(Ok(Some(verified.actor)))
        }
        Err(refused) => Caller::Http(Err(refused)),
    }
}
