//! The process-wide Prometheus recorder: installed once, every metric described (so `/metrics` carries
//! `# HELP` lines), and the counters an alert watches created at zero, so that their first increase after a
//! restart is visible to `increase()` rather than lost.

use std::sync::OnceLock;

use metrics::{describe_counter, describe_gauge, describe_histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds, from 5 ms to 10 s.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The recorder's handle, installing the recorder on first use (tests build many apps in one process).
pub fn handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(BUCKETS)
                .map(PrometheusBuilder::build_recorder)
                .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
            let handle = recorder.handle();
            // Another recorder may already be installed (an embedding program); ours still renders.
            if metrics::set_global_recorder(recorder).is_ok() {
                describe();
                start_at_zero();
            }
            handle
        })
        .clone()
}

fn describe() {
    describe_counter!(
        "klang_http_requests_total",
        "HTTP requests by route template, method and status"
    );
    describe_histogram!(
        "klang_http_request_duration_seconds",
        "HTTP request latency by route template and method"
    );
    describe_counter!(
        "klang_graphql_operations_total",
        "GraphQL operations by (bounded) name and outcome"
    );
    describe_histogram!(
        "klang_graphql_operation_duration_seconds",
        "GraphQL operation latency by (bounded) name"
    );
    describe_gauge!(
        "klang_db_pool_connections",
        "PostgreSQL pool connections by state (idle, in_use)"
    );
    describe_gauge!(
        "klang_db_pool_max_connections",
        "The PostgreSQL pool's configured maximum"
    );
    describe_gauge!(
        "klang_outbox_pending_events",
        "Outbox events not yet published"
    );
    describe_gauge!(
        "klang_outbox_oldest_pending_age_seconds",
        "Age of the oldest unpublished outbox event"
    );
    describe_counter!(
        "klang_kafka_publish_failures_total",
        "Kafka publishes that failed (the outbox retries them)"
    );
    describe_counter!(
        "klang_redis_errors_total",
        "Redis commands that failed (callers fall back)"
    );
    describe_counter!(
        "klang_rate_limited_total",
        "Requests refused by a rate limiter, by limiter"
    );
    describe_counter!("klang_sign_in_total", "Sign-in attempts by outcome");
    describe_gauge!(
        "klang_websocket_connections",
        "Open GraphQL WebSocket connections"
    );
    describe_counter!(
        "klang_live_events_total",
        "Distinct events delivered to this instance's subscriptions"
    );
    describe_counter!(
        "klang_live_events_duplicates_total",
        "Redelivered events dropped by id"
    );
    describe_counter!(
        "klang_product_cache_total",
        "Product cache lookups by result (hit, miss)"
    );
    describe_counter!("klang_stock_movements_total", "Stock movements by type");
    describe_counter!(
        "klang_stock_refusals_total",
        "Stock movements refused for insufficient stock, by type"
    );
    describe_counter!(
        "klang_low_stock_crossings_total",
        "Stock levels crossing down to their reorder point"
    );
    describe_gauge!(
        "klang_build_info",
        "Always 1; the version label names the running build"
    );
    describe_counter!(
        "klang_graphql_errors_total",
        "GraphQL errors by (bounded) operation name and error code"
    );
    describe_counter!(
        "klang_graphql_timeouts_total",
        "GraphQL operations stopped at GRAPHQL_TIMEOUT_MS"
    );
    describe_counter!(
        "klang_graphql_penalties_total",
        "Client addresses put in the penalty box for sending too many refused requests"
    );
    describe_counter!(
        "klang_graphql_penalised_requests_total",
        "Requests answered 429 unread because their address is in the penalty box"
    );
    describe_gauge!(
        "klang_graphql_subscriptions",
        "Open GraphQL subscriptions on this instance"
    );
    describe_gauge!(
        "klang_db_pool_acquire_probe_seconds",
        "How long taking a PostgreSQL connection from the pool took at the last scrape (pool pressure)"
    );
    describe_gauge!(
        "klang_dependency_up",
        "1 when a dependency answered the last readiness check (every 10 s), 0 when not"
    );
    describe_gauge!(
        "klang_ready",
        "1 when the instance was ready at the last readiness check (every 10 s)"
    );
    describe_gauge!(
        "klang_kafka_consumer_lag_messages",
        "Messages behind the partition's end after the live consumer's last message, by topic and partition"
    );
    describe_counter!(
        "klang_webhook_deliveries_total",
        "Webhook delivery attempts by outcome (delivered, retry, failed)"
    );
    describe_histogram!(
        "klang_webhook_delivery_duration_seconds",
        "How long one webhook POST took, answered or not"
    );
    describe_gauge!(
        "klang_webhook_pending",
        "Webhook deliveries waiting for an attempt (including those of inactive subscribers)"
    );
    metrics_process::Collector::default().describe();
}

/// Reads the process's CPU, memory, open files and threads into the `process_*` metrics (call at scrape time).
pub fn collect_process_metrics() {
    static COLLECTOR: OnceLock<metrics_process::Collector> = OnceLock::new();
    COLLECTOR
        .get_or_init(metrics_process::Collector::default)
        .collect();
}

fn start_at_zero() {
    metrics::gauge!("klang_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    for outcome in ["success", "failure", "rate_limited"] {
        metrics::counter!("klang_sign_in_total", "outcome" => outcome).absolute(0);
    }
    for outcome in ["delivered", "retry", "failed"] {
        metrics::counter!("klang_webhook_deliveries_total", "outcome" => outcome).absolute(0);
    }
    for name in [
        "klang_kafka_publish_failures_total",
        "klang_redis_errors_total",
        "klang_low_stock_crossings_total",
        "klang_live_events_total",
        "klang_graphql_penalties_total",
        "klang_graphql_penalised_requests_total",
    ] {
        metrics::counter!(name).absolute(0);
    }
}
