//! The Klang scenarios over GraphQL/HTTP: `product(id)` from the cache and from PostgreSQL, a page of products
//! with nested stock levels, and `issueStock` under concurrency (spread over many levels, and all on one).

use std::time::{Duration, Instant};

use redis::AsyncCommands;
use serde_json::json;

use crate::{
    api::{Api, Catalog},
    load::{Row, Window, closed_loop, timed},
};

/// Only fields of the cached product: anything nested (category, stock) would go to PostgreSQL.
const PRODUCT: &str = "query Product($id: UUID!) { product(id: $id) { id sku barcode nameTh nameEn descriptionTh unit isActive version price updatedAt } }";

/// The first page of 50 products, each with its stock levels and their warehouse (DataLoaders).
const PAGE: &str = "query Page { products(first: 50) { edges { node { id sku nameTh price stockLevels { available warehouse { code } } } } } }";

const ISSUE: &str = "mutation Issue($input: MoveStockInput!) { issueStock(input: $input) { movement { id } level { available } } }";

/// Stock received before an issue scenario, far more than it can issue.
const TOP_UP: i64 = 1_000_000;

/// One prepared `product(id)` body per seeded product.
pub fn product_bodies(catalog: &Catalog) -> Vec<String> {
    catalog
        .products
        .iter()
        .map(|id| Api::body(PRODUCT, json!({"id": id})))
        .collect()
}

/// `product(id)` after the cache was filled: every read is a Redis hit (checked with the service's own
/// `klang_product_cache_total` counter).
pub async fn product_cached(
    api: &Api,
    catalog: &Catalog,
    concurrency: usize,
    window: Window,
) -> Result<Row, String> {
    let bodies = product_bodies(catalog);
    for body in &bodies {
        api.send(body.clone()).await?;
    }
    let before = api.metrics().await?;
    let client = api.clone();
    let samples = closed_loop(concurrency, window, move |worker, iteration| {
        let api = client.clone();
        let body = bodies[(worker + iteration as usize * concurrency) % bodies.len()].clone();
        async move { timed(api.send(body)).await }
    })
    .await;
    let mut row = samples.row(
        "product-cached",
        "product(id), cached (Redis hit)",
        concurrency,
    );
    append(&mut row.note, &cache_note(&before, &api.metrics().await?));
    Ok(row)
}

/// `product(id)` with its cache entry deleted just before each read, so every read misses, goes to PostgreSQL
/// and fills the cache again. Each worker owns a disjoint share of the products, so no other worker can
/// refill an entry between the delete and the read. The delete is not timed.
pub async fn product_uncached(
    api: &Api,
    catalog: &Catalog,
    redis_url: &str,
    key_prefix: &str,
    concurrency: usize,
    window: Window,
) -> Result<Row, String> {
    if concurrency > catalog.products.len() {
        return Err("more workers than products: lower BENCH_CONCURRENCY".to_owned());
    }
    let redis = redis::Client::open(redis_url)
        .map_err(|error| error.to_string())?
        .get_connection_manager()
        .await
        .map_err(|error| format!("Redis: {error}"))?;
    let reads: Vec<(String, String)> = catalog
        .products
        .iter()
        .zip(product_bodies(catalog))
        .map(|(id, body)| (format!("{key_prefix}product:{id}"), body))
        .collect();
    let before = api.metrics().await?;
    let client = api.clone();
    let samples = closed_loop(concurrency, window, move |worker, iteration| {
        let api = client.clone();
        let mut redis = redis.clone();
        let owned = (reads.len() - worker).div_ceil(concurrency);
        let (key, body) = reads[worker + (iteration as usize % owned) * concurrency].clone();
        async move {
            redis
                .del::<_, ()>(&key)
                .await
                .map_err(|error| format!("Redis DEL: {error}"))?;
            timed(api.send(body)).await
        }
    })
    .await;
    let mut row = samples.row(
        "product-uncached",
        "product(id), uncached (entry deleted before each read)",
        concurrency,
    );
    append(&mut row.note, &cache_note(&before, &api.metrics().await?));
    Ok(row)
}

/// `products(first: 50)` with `stockLevels { available warehouse { code } }` on each product.
pub async fn products_page(api: &Api, concurrency: usize, window: Window) -> Result<Row, String> {
    let body = Api::body(PAGE, json!({}));
    api.send(body.clone()).await?;
    let client = api.clone();
    let samples = closed_loop(concurrency, window, move |_, _| {
        let api = client.clone();
        let body = body.clone();
        async move { timed(api.send(body)).await }
    })
    .await;
    Ok(samples.row(
        "products-page",
        "products(first: 50) + stockLevels { warehouse { code } }",
        concurrency,
    ))
}

/// `issueStock` of one unit, worker `w` on `levels[w % levels.len()]`, each with its own idempotency key.
/// Every level is topped up first, so no request is refused for lack of stock. Afterwards waits until the
/// outbox backlog has been published to Kafka and notes how long that took.
pub async fn issue_stock(
    api: &Api,
    id: &'static str,
    label: &str,
    levels: Vec<(String, String)>,
    concurrency: usize,
    window: Window,
) -> Result<Row, String> {
    for (product, warehouse) in &levels {
        api.receive(product, warehouse, TOP_UP).await?;
    }
    drain_outbox(api).await?;
    let run = chrono::Utc::now().timestamp_millis();
    let client = api.clone();
    let samples = closed_loop(concurrency, window, move |worker, iteration| {
        let api = client.clone();
        let (product, warehouse) = &levels[worker % levels.len()];
        let body = Api::body(
            ISSUE,
            json!({"input": {"productId": product, "warehouseId": warehouse, "quantity": 1,
                             "idempotencyKey": format!("bench-{run}-{worker}-{iteration}")}}),
        );
        async move { timed(api.send(body)).await }
    })
    .await;
    let mut row = samples.row(id, label, concurrency);
    let (backlog, took) = drain_outbox(api).await?;
    append(
        &mut row.note,
        &format!(
            "outbox backlog at the end: {backlog:.0} events, published to Kafka {:.1} s later",
            took.as_secs_f64()
        ),
    );
    Ok(row)
}

/// Waits until the service reports no unpublished outbox events; returns the backlog seen first and the
/// time it took.
pub async fn drain_outbox(api: &Api) -> Result<(f64, Duration), String> {
    let started = Instant::now();
    let first = api.metrics().await?.sum("klang_outbox_pending_events", "");
    loop {
        let pending = api.metrics().await?.sum("klang_outbox_pending_events", "");
        if pending == 0.0 {
            return Ok((first, started.elapsed()));
        }
        if started.elapsed() > Duration::from_secs(600) {
            return Err(format!(
                "the outbox still holds {pending} events after 10 minutes"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn cache_note(before: &crate::api::Metrics, after: &crate::api::Metrics) -> String {
    let delta = |result| {
        after.sum("klang_product_cache_total", result)
            - before.sum("klang_product_cache_total", result)
    };
    let (hits, misses) = (delta("result=\"hit\""), delta("result=\"miss\""));
    if hits + misses == 0.0 {
        return "cache counters not found in /metrics".to_owned();
    }
    format!(
        "cache hits {:.1}% (from klang_product_cache_total)",
        100.0 * hits / (hits + misses)
    )
}

/// Adds a sentence to a row's note.
pub fn append(note: &mut String, text: &str) {
    if !note.is_empty() {
        note.push_str("; ");
    }
    note.push_str(text);
}
