//! Reading who and where from an HTTP request, once, for the GraphQL context and the usage history.

use std::net::SocketAddr;

use axum::http::{HeaderMap, header};
use tower_http::request_id::RequestId;

use crate::{
    graphql::{context::Caller, error::ApiError},
    platform::request::RequestMeta,
    state::AppState,
};

/// The request's metadata from its headers and peer address.
pub fn meta(
    headers: &HeaderMap,
    request_id: Option<&RequestId>,
    peer: Option<SocketAddr>,
) -> RequestMeta {
    let request_id = request_id
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or_default()
        .to_owned();
    RequestMeta::new(
        request_id,
        peer.map(|address| address.ip().to_string()),
        headers
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok()),
    )
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
