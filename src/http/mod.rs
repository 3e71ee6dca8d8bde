//! The HTTP surface: routes, and the layers every request passes (request id, tracing span, metrics, body
//! limit).

pub mod auth;
pub mod cookie;
mod graphql;
mod health;
mod media;
mod metrics;
mod refusals;
mod request;

use std::sync::Arc;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, Request},
    middleware,
    routing::{get, post},
};
use metrics_exporter_prometheus::PrometheusHandle;
pub use refusals::RefusalGuard;
use tokio_util::sync::CancellationToken;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use crate::{
    graphql::{KlangSchema, persisted::PersistedDocuments},
    products::images::MAX_IMAGE_BYTES,
    state::AppState,
};

/// The request-id header, read from clients and always returned.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler can reach.
#[derive(Clone)]
pub struct HttpState {
    /// The services.
    pub app: AppState,
    /// The GraphQL schema.
    pub schema: KlangSchema,
    /// The persisted documents (resolved early for `GET`, to refuse mutations by hash too).
    pub documents: Arc<PersistedDocuments>,
    /// The Prometheus recorder's handle.
    pub metrics: PrometheusHandle,
    /// The penalty box for addresses that send mostly refused requests.
    pub refusals: RefusalGuard,
    /// Cancelled when the server shuts down (open WebSockets close with 1001 so that clients reconnect elsewhere).
    pub shutdown: CancellationToken,
}

/// Builds the router with all layers.
pub fn router(http: HttpState) -> Router {
    let body_limit = http.app.config.graphql.max_body_bytes;
    let client_address =
        middleware::from_fn_with_state(http.clone(), request::resolve_client_address);
    let graphql_routes = Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphql/ws", get(graphql::websocket))
        .route_layer(middleware::from_fn_with_state(
            http.clone(),
            refusals::guard,
        ));
    Router::new()
        .merge(graphql_routes)
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(metrics::render))
        .route(
            "/media/{*key}",
            get(media::download)
                .put(media::upload)
                .layer(DefaultBodyLimit::max(MAX_IMAGE_BYTES as usize)),
        )
        .with_state(http)
        .layer(DefaultBodyLimit::max(body_limit))
        .route_layer(middleware::from_fn(metrics::track))
        .layer(client_address)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let request_id = request
                        .extensions()
                        .get::<RequestId>()
                        .and_then(|id| id.header_value().to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        "http.request.id" = request_id,
                        "trace.id" = request_id,
                        "http.request.method" = %request.method(),
                        "url.path" = request.uri().path(),
                        "user.id" = tracing::field::Empty,
                        "graphql.operation.name" = tracing::field::Empty,
                        "event.outcome" = tracing::field::Empty,
                        "error.code" = tracing::field::Empty,
                    )
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
