//! Klang's benchmark: baselines (a bare axum JSON endpoint, `pgbench -S`, `redis-benchmark -t get`) and the
//! service's own hot paths, measured side by side in one run on one machine, written to
//! `docs/performance.md`. Not a test: nothing here asserts a time. Run it through `scripts/bench.sh`, which
//! starts a release build of the service on its own database, Redis prefix and Kafka topics.

mod api;
mod attack;
mod baselines;
mod live;
mod load;
mod machine;
mod report;
mod scenarios;

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::Parser;

use crate::{api::Api, load::Window, report::Report};

/// What to measure, and against what.
#[derive(Parser, Debug)]
#[command(about = "Klang benchmark: baselines and GraphQL scenarios side by side")]
struct Options {
    /// The running Klang service (seeded with `klang seed`).
    #[arg(
        long,
        env = "BENCH_KLANG_URL",
        default_value = "http://127.0.0.1:18095"
    )]
    klang_url: String,
    /// Seconds measured per scenario.
    #[arg(long, env = "BENCH_SECONDS", default_value_t = 10)]
    seconds: u64,
    /// Seconds of unrecorded warm-up before each scenario.
    #[arg(long, env = "BENCH_WARMUP_SECONDS", default_value_t = 2)]
    warmup_seconds: u64,
    /// Concurrent clients for the read scenarios and the baselines.
    #[arg(long, env = "BENCH_CONCURRENCY", default_value_t = 32)]
    concurrency: usize,
    /// Concurrent clients for `issueStock`.
    #[arg(long, env = "BENCH_WRITE_CONCURRENCY", default_value_t = 64)]
    write_concurrency: usize,
    /// Hostile clients per kind of attack (fragment bomb, alias flood, oversized body).
    #[arg(long, env = "BENCH_ATTACKERS", default_value_t = 2)]
    attackers: usize,
    /// Connection string of the database `pgbench -i` initialised; without it pgbench is skipped.
    #[arg(long, env = "BENCH_PGBENCH_DB")]
    pgbench_db: Option<String>,
    /// The Redis the service uses (for the uncached scenario and for redis-benchmark).
    #[arg(long, env = "REDIS_URL", default_value = "redis://127.0.0.1:16379")]
    redis_url: String,
    /// The service's Redis key prefix.
    #[arg(long, env = "REDIS_KEY_PREFIX", default_value = "klang:")]
    redis_key_prefix: String,
    /// A demo user with `stock:move` and `stock:read`.
    #[arg(long, env = "BENCH_EMAIL", default_value = "manager@klang.local")]
    email: String,
    /// Its password.
    #[arg(long, env = "BENCH_PASSWORD", default_value = "Klang-demo-2026")]
    password: String,
    /// Where to write the results section; printed to stdout otherwise.
    #[arg(long, env = "BENCH_OUTPUT")]
    output: Option<PathBuf>,
    /// The commit measured, for the report.
    #[arg(long, env = "BENCH_GIT_COMMIT", default_value = "unknown")]
    git_commit: String,
    /// How the service runs, for the report.
    #[arg(long, env = "BENCH_SERVICE", default_value = "unknown")]
    service: String,
    /// Only these scenarios (comma-separated ids: axum, pgbench, redis, product-cached, product-uncached,
    /// products-page, under-attack, stock-changed, issue-spread, issue-one-sku).
    #[arg(long, env = "BENCH_ONLY", value_delimiter = ',')]
    only: Vec<String>,
    /// An access token to use instead of signing in (for repeated runs: sign-in is rate limited).
    #[arg(long, env = "BENCH_ACCESS_TOKEN")]
    access_token: Option<String>,
    /// Internal: serve the axum baseline on this address instead of benchmarking.
    #[arg(long, hide = true)]
    serve_baseline: Option<SocketAddr>,
}

impl Options {
    fn wants(&self, id: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|only| only == id)
    }

    fn window(&self) -> Window {
        Window {
            warmup: Duration::from_secs(self.warmup_seconds),
            measure: Duration::from_secs(self.seconds),
        }
    }
}

#[tokio::main]
async fn main() {
    let options = Options::parse();
    let result = match options.serve_baseline {
        Some(listen) => baselines::serve(listen).await,
        None => run(options).await,
    };
    if let Err(error) = result {
        eprintln!("bench: {error}");
        std::process::exit(1);
    }
}

async fn run(options: Options) -> Result<(), String> {
    let window = options.window();
    let load_before = machine::load_average();
    let (cpu_before, started) = (machine::CpuSnapshot::take(), std::time::Instant::now());
    let (reads, writes) = (options.concurrency, options.write_concurrency);
    let http = Api::client(reads.max(writes))?;
    let api = match &options.access_token {
        Some(token) => Api::with_token(http.clone(), &options.klang_url, token),
        None => {
            Api::sign_in(
                http.clone(),
                &options.klang_url,
                &options.email,
                &options.password,
            )
            .await?
        }
    };
    let catalog = api.catalog().await?;
    let mut rows = Vec::new();
    let step = |name: &str| eprintln!("bench: {name}…");

    if options.wants("axum") {
        step("axum JSON baseline");
        rows.push(
            baselines::axum_json(
                http.clone(),
                scenarios::product_bodies(&catalog),
                reads,
                window,
            )
            .await?,
        );
    }
    if let (true, Some(database)) = (options.wants("pgbench"), &options.pgbench_db) {
        step("pgbench -S");
        rows.push(baselines::pgbench(database, reads, window)?);
    }
    if options.wants("redis") {
        step("redis-benchmark GET");
        rows.push(redis_baseline(&options, &api, &catalog, window).await?);
    }
    if options.wants("product-cached") {
        step("product(id) cached");
        rows.push(scenarios::product_cached(&api, &catalog, reads, window).await?);
    }
    if options.wants("product-uncached") {
        step("product(id) uncached");
        rows.push(
            scenarios::product_uncached(
                &api,
                &catalog,
                &options.redis_url,
                &options.redis_key_prefix,
                reads,
                window,
            )
            .await?,
        );
    }
    if options.wants("products-page") {
        step("products(first: 50) with stock levels");
        rows.push(scenarios::products_page(&api, reads, window).await?);
    }
    let mut attackers = Vec::new();
    if options.wants("under-attack") {
        step("me / product(id) alone, then under attack");
        let bodies = scenarios::product_bodies(&catalog);
        let result = attack::under_attack(&api, &bodies, reads, options.attackers, window).await?;
        rows.extend(result.normal);
        attackers = result.attackers;
    }
    // Levels: workers 0..64 issue from products 0..64 in the first warehouse; product 64 is the contended
    // SKU; product 65 is the live scenario's own. The read scenarios do not touch stock.
    let warehouse = &catalog.warehouses[0].0;
    let live = if options.wants("stock-changed") {
        step("stockChanged end-to-end");
        scenarios::drain_outbox(&api).await?;
        Some(live::stock_changed(&api, &catalog.products[65], warehouse, window).await?)
    } else {
        None
    };
    if options.wants("issue-spread") {
        step("issueStock, one level per worker");
        let levels = catalog.products[..writes.min(64)]
            .iter()
            .map(|product| (product.clone(), warehouse.clone()))
            .collect();
        let label = format!(
            "issueStock, {} clients on {} different levels",
            writes,
            writes.min(64)
        );
        rows.push(
            scenarios::issue_stock(&api, "issue-spread", &label, levels, writes, window).await?,
        );
    }
    if options.wants("issue-one-sku") {
        step("issueStock, all on one SKU");
        let levels = vec![(catalog.products[64].clone(), warehouse.clone())];
        let label = format!("issueStock, {writes} clients on one SKU in one warehouse");
        rows.push(
            scenarios::issue_stock(&api, "issue-one-sku", &label, levels, writes, window).await?,
        );
    }

    let report = Report {
        rows,
        attackers,
        live,
        commit: options.git_commit.clone(),
        service: options.service.clone(),
        warmup_seconds: options.warmup_seconds,
        seconds: options.seconds,
        load_before,
        cpu: cpu_before.usage_since(
            &machine::CpuSnapshot::take(),
            started.elapsed().as_secs_f64(),
        ),
    };
    match &options.output {
        Some(path) => {
            report.write(path)?;
            eprintln!("bench: results written to {}", path.display());
        }
        None => println!("{}", report.markdown()),
    }
    Ok(())
}

/// Puts one real cached product under redis-benchmark's key, so GET returns what Klang's cache returns, then
/// runs redis-benchmark and removes the key.
async fn redis_baseline(
    options: &Options,
    api: &Api,
    catalog: &api::Catalog,
    window: Window,
) -> Result<load::Row, String> {
    use redis::AsyncCommands;

    let url =
        reqwest::Url::parse(&options.redis_url).map_err(|error| format!("REDIS_URL: {error}"))?;
    let host = url.host_str().unwrap_or("127.0.0.1").to_owned();
    let port = url.port().unwrap_or(6379);
    let mut redis = redis::Client::open(options.redis_url.as_str())
        .map_err(|error| error.to_string())?
        .get_multiplexed_async_connection()
        .await
        .map_err(|error| format!("Redis: {error}"))?;
    let product = &catalog.products[0];
    api.send(scenarios::product_bodies(catalog).swap_remove(0))
        .await?;
    let cached: Option<String> = redis
        .get(format!("{}product:{product}", options.redis_key_prefix))
        .await
        .map_err(|error| error.to_string())?;
    let value = cached
        .ok_or("the product read did not fill the Redis cache (is REDIS_KEY_PREFIX right?)")?;
    let key = "key:__rand_int__";
    redis
        .set_ex::<_, _, ()>(key, &value, 3600)
        .await
        .map_err(|error| error.to_string())?;
    let row = baselines::redis_get(&host, port, options.concurrency, window);
    let _ = redis.del::<_, ()>(key).await;
    let mut row = row?;
    row.note = format!("{}; {} bytes", row.note, value.len());
    Ok(row)
}
