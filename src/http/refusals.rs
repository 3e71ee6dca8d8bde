//! A penalty box for addresses that keep sending requests the service refuses (malformed bodies, batches,
//! documents over a limit, unknown persisted hashes, bodies over the size limit).
//!
//! Each refusal costs little, but a client that sends nothing else, as fast as it can, still takes CPU from
//! everyone else. Once an address has had more than `GRAPHQL_REFUSALS_PER_ADDRESS` refusals in
//! `GRAPHQL_REFUSAL_WINDOW_SECONDS`, every request from it is answered `429 RATE_LIMITED` for
//! `GRAPHQL_REFUSAL_PENALTY_SECONDS` without reading its body or running anything, and only after
//! `GRAPHQL_REFUSAL_TARPIT_MS`, during which the waiting request costs a timer, not a core: a client that
//! sends its next request only after the last answer slows to one request per tarpit. The box is per instance,
//! in memory, because what it protects is this instance's CPU.

use std::{net::IpAddr, time::Duration};

use axum::{
    Extension,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::{HttpState, request::ClientAddress};
use crate::{config::GraphqlLimits, graphql::error::ErrorCode, platform::kv::MemoryStore};

/// Marks a response as a refusal of the whole request (set by the GraphQL handlers).
#[derive(Debug, Clone, Copy)]
pub struct Refused;

/// The refusal counts and penalties of one instance.
#[derive(Clone)]
pub struct RefusalGuard {
    store: MemoryStore,
    limit: u64,
    window: Duration,
    penalty: Duration,
    tarpit: Duration,
}

impl RefusalGuard {
    /// A guard with the configured limit (0 turns it off), window, penalty and tarpit.
    pub fn new(limits: &GraphqlLimits) -> Self {
        Self {
            store: MemoryStore::default(),
            limit: limits.refusals_per_address,
            window: limits.refusal_window,
            penalty: limits.refusal_penalty,
            tarpit: limits.refusal_tarpit,
        }
    }

    fn is_penalised(&self, address: IpAddr) -> bool {
        self.store.has_flag(&penalty_key(address))
    }

    fn count_refusal(&self, address: IpAddr) {
        let count = self
            .store
            .hit(&format!("refusals:{address}"), 1, self.window);
        if count.count == self.limit + 1 {
            self.store.set_flag(&penalty_key(address), self.penalty);
            metrics::counter!("klang_graphql_penalties_total").increment(1);
            tracing::warn!(
                client.address = %address,
                refusals = count.count,
                penalty_seconds = self.penalty.as_secs(),
                "address sends mostly refused requests: answering it 429 for a while"
            );
        }
    }
}

fn penalty_key(address: IpAddr) -> String {
    format!("penalised:{address}")
}

/// Answers penalised addresses early and slowly; counts the refusals of everyone else.
pub async fn guard(
    State(http): State<HttpState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    request: Request,
    next: Next,
) -> Response {
    let guard = &http.refusals;
    if guard.limit == 0 {
        return next.run(request).await;
    }
    if guard.is_penalised(address) {
        metrics::counter!("klang_graphql_penalised_requests_total").increment(1);
        // Dropping the request unread: its body is never read, and the connection closes after the answer.
        drop(request);
        tokio::time::sleep(guard.tarpit).await;
        return penalised(guard.penalty);
    }
    let response = next.run(request).await;
    if response.extensions().get::<Refused>().is_some() {
        guard.count_refusal(address);
    }
    response
}

fn penalised(penalty: Duration) -> Response {
    let seconds = penalty.as_secs().max(1);
    let body = json!({"errors": [{
        "message": format!("too many refused requests from this address: try again in {seconds} s"),
        "extensions": {"code": ErrorCode::RateLimited.as_str(), "retryAfterSeconds": seconds},
    }]});
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
