//! `GET /metrics` in Prometheus text format, and the HTTP RED metrics middleware.

use std::time::{Duration, Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::Response,
};

use super::HttpState;

/// How long the pool probe waits for a connection before reporting the wait as this long.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Renders every metric; pool gauges, the pool probe and process metrics are read at scrape time.
pub async fn render(State(http): State<HttpState>) -> String {
    let pool = &http.app.pool;
    let started = Instant::now();
    // The probe's connection goes straight back to the pool.
    let _ = tokio::time::timeout(PROBE_TIMEOUT, pool.acquire()).await;
    metrics::gauge!("klang_db_pool_acquire_probe_seconds").set(started.elapsed().as_secs_f64());
    crate::platform::metrics::collect_process_metrics();
    let idle = pool.num_idle() as f64;
    metrics::gauge!("klang_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("klang_db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.size()) - idle);
    metrics::gauge!("klang_db_pool_max_connections")
        .set(f64::from(pool.options().get_max_connections()));
    http.metrics.render()
}

/// Counts requests and their latency by route template (never the raw path), method and status.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("klang_http_requests_total", "route" => route.clone(), "method" => method.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("klang_http_request_duration_seconds", "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    response
}
