//! A closed-loop load generator: each worker sends its next request as soon as the previous one answered,
//! so the figures are "throughput at this many concurrent clients" and the latency each client saw.

use std::{
    future::Future,
    sync::Arc,
    time::{Duration, Instant},
};

/// How long to warm up (not recorded) and then to measure.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Requests sent before this much time has passed are not recorded.
    pub warmup: Duration,
    /// Requests started within this time after the warm-up are recorded.
    pub measure: Duration,
}

/// What a scenario measured, in the units of the results table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Stable id of the scenario (used for ratios and `BENCH_ONLY`).
    pub id: &'static str,
    /// Human-readable label for the table.
    pub label: String,
    /// Concurrent clients.
    pub concurrency: usize,
    /// Successful requests recorded.
    pub requests: u64,
    /// Failed requests recorded (HTTP error, GraphQL error, timeout).
    pub errors: u64,
    /// Successful requests per second.
    pub throughput: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency in milliseconds.
    pub p99_ms: f64,
    /// Anything worth knowing about this row (cache hit ratio, first error, backlog).
    pub note: String,
}

/// Latencies of successful requests, sorted, with error counts.
#[derive(Debug, Default)]
pub struct Samples {
    /// Sorted latencies.
    pub latencies: Vec<Duration>,
    /// Failed requests.
    pub errors: u64,
    /// The first failure's message.
    pub first_error: Option<String>,
    /// From the end of the warm-up to the last recorded answer.
    pub elapsed: Duration,
}

impl Samples {
    /// Builds from unsorted latencies.
    pub fn new(
        mut latencies: Vec<Duration>,
        errors: u64,
        first_error: Option<String>,
        elapsed: Duration,
    ) -> Self {
        latencies.sort_unstable();
        Self {
            latencies,
            errors,
            first_error,
            elapsed,
        }
    }

    /// The nearest-rank percentile `q` (0 < q ≤ 1), in milliseconds; 0 without samples.
    pub fn percentile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let rank =
            ((q * self.latencies.len() as f64).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[rank - 1].as_secs_f64() * 1000.0
    }

    /// The largest latency in milliseconds.
    pub fn max_ms(&self) -> f64 {
        self.latencies
            .last()
            .map_or(0.0, |max| max.as_secs_f64() * 1000.0)
    }

    /// Successful requests per second over the measured window.
    pub fn throughput(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.latencies.len() as f64 / seconds
        } else {
            0.0
        }
    }

    /// A table row for these samples.
    pub fn row(&self, id: &'static str, label: impl Into<String>, concurrency: usize) -> Row {
        let mut note = String::new();
        if let Some(error) = &self.first_error {
            note = format!("first error: {}", shorten(error, 160));
        }
        Row {
            id,
            label: label.into(),
            concurrency,
            requests: self.latencies.len() as u64,
            errors: self.errors,
            throughput: self.throughput(),
            p50_ms: self.percentile_ms(0.50),
            p99_ms: self.percentile_ms(0.99),
            note,
        }
    }
}

/// Runs `workers` concurrent loops of `operation(worker, iteration)` for the window. The operation times
/// itself (so it can do untimed preparation first, e.g. evicting a cache entry) and returns its latency.
pub async fn closed_loop<Op, Fut>(workers: usize, window: Window, operation: Op) -> Samples
where
    Op: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Duration, String>> + Send + 'static,
{
    let operation = Arc::new(operation);
    let measure_from = Instant::now() + window.warmup;
    let until = measure_from + window.measure;
    let mut tasks = Vec::with_capacity(workers);
    for worker in 0..workers {
        let operation = operation.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0_u64;
            let mut first_error = None;
            let mut last_answer = measure_from;
            let mut iteration = 0_u64;
            loop {
                let began = Instant::now();
                if began >= until {
                    break;
                }
                let result = operation(worker, iteration).await;
                iteration += 1;
                if began < measure_from {
                    continue;
                }
                last_answer = Instant::now();
                match result {
                    Ok(latency) => latencies.push(latency),
                    Err(error) => {
                        errors += 1;
                        first_error.get_or_insert(error);
                    }
                }
            }
            (latencies, errors, first_error, last_answer)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    let mut last_answer = measure_from;
    for task in tasks {
        match task.await {
            Ok((latencies, worker_errors, worker_error, worker_last)) => {
                all.extend(latencies);
                errors += worker_errors;
                if first_error.is_none() {
                    first_error = worker_error;
                }
                last_answer = last_answer.max(worker_last);
            }
            Err(error) => {
                errors += 1;
                first_error.get_or_insert(format!("worker failed: {error}"));
            }
        }
    }
    Samples::new(
        all,
        errors,
        first_error,
        last_answer.saturating_duration_since(measure_from),
    )
}

/// Times one future.
pub async fn timed<T, E: ToString>(
    future: impl Future<Output = Result<T, E>>,
) -> Result<Duration, String> {
    let began = Instant::now();
    future.await.map_err(|error| error.to_string())?;
    Ok(began.elapsed())
}

/// `text` cut to at most `max` characters.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples = Samples::new(
            (1..=100).rev().map(Duration::from_millis).collect(),
            0,
            None,
            Duration::from_secs(1),
        );
        assert_eq!(samples.percentile_ms(0.50), 50.0);
        assert_eq!(samples.percentile_ms(0.99), 99.0);
        assert_eq!(samples.max_ms(), 100.0);
        assert_eq!(samples.throughput(), 100.0);
    }
}
