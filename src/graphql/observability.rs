//! Per-operation metrics and log context: every GraphQL operation is counted by name and outcome with its
//! latency, errors are counted by name and code, and the name, outcome and first error code are recorded on the
//! request's span so every log line carries them (GraphQL errors travel in HTTP 200 responses, so the HTTP
//! status alone cannot tell a failed operation).

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::Instant,
};

use super::error::ErrorCode;
use async_graphql::{
    Response,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute},
};

/// Distinct operation names kept as metric labels; later names are counted as `other`.
const MAX_DISTINCT_NAMES: usize = 200;

/// The extension factory.
#[derive(Default)]
pub struct OperationMetrics {
    names: Arc<Mutex<HashSet<String>>>,
}

impl ExtensionFactory for OperationMetrics {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationMetricsExtension {
            names: self.names.clone(),
        })
    }
}

struct OperationMetricsExtension {
    names: Arc<Mutex<HashSet<String>>>,
}

#[async_trait::async_trait]
impl Extension for OperationMetricsExtension {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let label = self.label(operation_name);
        tracing::Span::current().record("graphql.operation.name", label.as_str());
        let started = Instant::now();
        let response = next.run(ctx, operation_name).await;
        let outcome = if response.errors.is_empty() {
            "success"
        } else {
            "error"
        };
        let codes: Vec<&'static str> = response.errors.iter().map(error_code).collect();
        let span = tracing::Span::current();
        span.record(
            "event.outcome",
            if codes.is_empty() {
                "success"
            } else {
                "failure"
            },
        );
        if let Some(first) = codes.first() {
            span.record("error.code", *first);
        }
        for code in codes {
            metrics::counter!("klang_graphql_errors_total", "operation" => label.clone(), "code" => code)
                .increment(1);
        }
        metrics::counter!("klang_graphql_operations_total", "operation" => label.clone(), "outcome" => outcome)
            .increment(1);
        metrics::histogram!("klang_graphql_operation_duration_seconds", "operation" => label)
            .record(started.elapsed().as_secs_f64());
        response
    }
}

impl OperationMetricsExtension {
    /// A bounded label: well-formed names until the cap, then `other`.
    fn label(&self, operation_name: Option<&str>) -> String {
        let Some(name) = operation_name else {
            return "anonymous".into();
        };
        let well_formed = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_formed {
            return "other".into();
        }
        let mut names = self
            .names
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if names.contains(name) || names.len() < MAX_DISTINCT_NAMES {
            names.insert(name.to_owned());
            name.to_owned()
        } else {
            "other".into()
        }
    }
}

/// The error's code as a bounded label: one of [`ErrorCode`]'s values, or `OTHER`.
fn error_code(error: &async_graphql::ServerError) -> &'static str {
    let code = error
        .extensions
        .as_ref()
        .and_then(|extensions| extensions.get("code"));
    ErrorCode::ALL
        .iter()
        .map(|known| known.as_str())
        .find(|known| code == Some(&async_graphql::Value::from(*known)))
        .unwrap_or("OTHER")
}
