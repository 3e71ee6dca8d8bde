//! The baselines: a bare axum JSON endpoint (this program, started again as its own process), `pgbench -S`
//! and `redis-benchmark -t get`, each on the same machine as Klang.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    time::Duration,
};

use axum::{Json, Router, routing::post};
use serde_json::{Value, json};

use crate::load::{Row, Samples, Window, closed_loop, timed};

/// Serves `POST /graphql` with a canned product, the way a GraphQL answer looks, until killed. The handler
/// parses the request and serialises a response of the same shape as Klang's `product(id)`: the cost of
/// HTTP + JSON in axum with nothing behind it.
pub async fn serve(listen: SocketAddr) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|error| format!("bind {listen}: {error}"))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    // The parent reads this line to learn the port.
    println!("listening {address}");
    let router = Router::new().route("/graphql", post(answer));
    axum::serve(listener, router)
        .await
        .map_err(|error| error.to_string())
}

async fn answer(Json(request): Json<Value>) -> Json<Value> {
    Json(json!({"data": {"product": {
        "id": request["variables"]["id"],
        "sku": "BENCH-0001",
        "barcode": "8850000000001",
        "nameTh": "ข้าวหอมมะลิ 100% ตราเบนช์ 5 กก.",
        "nameEn": "Bench jasmine rice 5 kg",
        "descriptionTh": "ข้าวหอมมะลิคัดพิเศษจากทุ่งกุลาร้องไห้",
        "unit": "ถุง",
        "isActive": true,
        "version": 1,
        "price": "245.00",
        "updatedAt": "2026-01-01T00:00:00Z"
    }}}))
}

/// The axum baseline running in a child process.
pub struct AxumServer {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
}

impl AxumServer {
    /// Starts this program again in `--serve-baseline` mode on a free port.
    pub fn start() -> Result<Self, String> {
        let program = std::env::current_exe().map_err(|error| error.to_string())?;
        let mut child = Command::new(program)
            .args(["--serve-baseline", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("starting the axum baseline: {error}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or("no stdout from the axum baseline")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|error| error.to_string())?;
        let address = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|address| address.parse().ok())
            .ok_or_else(|| format!("the axum baseline said {line:?}"))?;
        Ok(Self { child, address })
    }
}

impl Drop for AxumServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Measures the axum baseline with the same client and request bodies as the `product(id)` scenarios.
pub async fn axum_json(
    http: reqwest::Client,
    bodies: Vec<String>,
    concurrency: usize,
    window: Window,
) -> Result<Row, String> {
    let server = AxumServer::start()?;
    let url = format!("http://{}/graphql", server.address);
    let samples = closed_loop(concurrency, window, move |worker, iteration| {
        let http = http.clone();
        let url = url.clone();
        let body = bodies[(worker + iteration as usize * concurrency) % bodies.len()].clone();
        async move { timed(crate::api::post_checked(&http, &url, None, body)).await }
    })
    .await;
    drop(server);
    Ok(samples.row("axum", "axum JSON endpoint (baseline)", concurrency))
}

/// `pgbench -S -M prepared` against its own initialised database; percentiles from its per-transaction log.
pub fn pgbench(database: &str, concurrency: usize, window: Window) -> Result<Row, String> {
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .min(concurrency);
    let common = [
        "-n".to_owned(),
        "-S".to_owned(),
        "-M".to_owned(),
        "prepared".to_owned(),
        "-c".to_owned(),
        concurrency.to_string(),
        "-j".to_owned(),
        threads.to_string(),
    ];
    if !window.warmup.is_zero() {
        run(Command::new("pgbench").args(&common).args([
            "-T",
            &window.warmup.as_secs().max(1).to_string(),
            database,
        ]))?;
    }
    let logs = std::env::temp_dir().join(format!("klang-bench-pgbench-{}", std::process::id()));
    std::fs::create_dir_all(&logs).map_err(|error| error.to_string())?;
    let measured = (|| {
        let output = run(Command::new("pgbench").args(&common).args([
            "-T",
            &window.measure.as_secs().max(1).to_string(),
            "--log",
            &format!("--log-prefix={}", logs.join("tx").display()),
            database,
        ]))?;
        Ok::<_, String>((output, read_pgbench_logs(&logs)?))
    })();
    let _ = std::fs::remove_dir_all(&logs);
    let (output, latencies) = measured?;
    let tps = output
        .lines()
        .find_map(|line| line.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|tps| tps.parse::<f64>().ok())
        .ok_or_else(|| format!("no tps in pgbench output:\n{output}"))?;
    let mut row = Samples::new(latencies, 0, None, window.measure).row(
        "pgbench",
        "pgbench -S (select-only, baseline)",
        concurrency,
    );
    row.throughput = tps;
    row.note = format!("-M prepared, -j {threads}; tps reported by pgbench");
    Ok(row)
}

fn read_pgbench_logs(folder: &Path) -> Result<Vec<Duration>, String> {
    let mut latencies = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(|error| error.to_string())? {
        let text = std::fs::read_to_string(entry.map_err(|error| error.to_string())?.path())
            .map_err(|error| error.to_string())?;
        // client_id transaction_no time_us script_no time_epoch time_us
        latencies.extend(
            text.lines()
                .filter_map(|line| line.split_whitespace().nth(2)?.parse::<u64>().ok())
                .map(Duration::from_micros),
        );
    }
    if latencies.is_empty() {
        return Err("pgbench wrote no transaction log".to_owned());
    }
    Ok(latencies)
}

/// `redis-benchmark -t get`: a short calibration run, then as many requests as fill the window.
pub fn redis_get(host: &str, port: u16, concurrency: usize, window: Window) -> Result<Row, String> {
    let calibration = redis_benchmark(host, port, concurrency, 20_000)?;
    let requests = ((calibration.0 * window.measure.as_secs_f64()) as u64).max(20_000);
    let (rps, p50_ms, p99_ms) = redis_benchmark(host, port, concurrency, requests)?;
    Ok(Row {
        id: "redis",
        label: "redis-benchmark GET (baseline)".to_owned(),
        concurrency,
        requests,
        errors: 0,
        throughput: rps,
        p50_ms,
        p99_ms,
        note: "value: one cached Klang product (JSON); figures reported by redis-benchmark"
            .to_owned(),
    })
}

/// One `redis-benchmark` run; returns (requests/s, p50 ms, p99 ms) from its CSV.
fn redis_benchmark(
    host: &str,
    port: u16,
    concurrency: usize,
    requests: u64,
) -> Result<(f64, f64, f64), String> {
    let output = run(Command::new("redis-benchmark").args([
        "-h",
        host,
        "-p",
        &port.to_string(),
        "-t",
        "get",
        "-c",
        &concurrency.to_string(),
        "-n",
        &requests.to_string(),
        "--csv",
    ]))?;
    // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    let line = output
        .lines()
        .find(|line| line.starts_with("\"GET\""))
        .ok_or_else(|| format!("no GET line in redis-benchmark output:\n{output}"))?;
    let fields: Vec<f64> = line
        .split(',')
        .skip(1)
        .filter_map(|field| field.trim_matches('"').parse().ok())
        .collect();
    match fields.as_slice() {
        [rps, _avg, _min, p50, _p95, p99, ..] => Ok((*rps, *p50, *p99)),
        _ => Err(format!("unexpected redis-benchmark CSV: {line}")),
    }
}

/// Runs a command to completion; its stdout, or stderr in the error.
fn run(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|error| format!("{command:?}: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
