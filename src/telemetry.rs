//! Tracing set up once per process: one JSON object per line on stdout with Elastic Common Schema field names,
//! ready for Logstash / an ingest pipeline without any parsing rules.
//!
//! Span fields named after ECS keys (`http.request.id`, `user.id`, `graphql.operation.name`, `trace.id`) are
//! lifted onto every event logged inside the span.

use std::fmt;

use serde_json::{Map, Value};
use tracing::{Event, Subscriber};
use tracing_subscriber::{
    EnvFilter,
    fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields, format::Writer},
    registry::LookupSpan,
};

/// The `service.name` written on every log line.
pub const SERVICE_NAME: &str = "klang";

/// Installs the global subscriber. Safe to call more than once (later calls do nothing), which tests rely on.
pub fn init(default_filter: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .fmt_fields(tracing_subscriber::fmt::format::JsonFields::new())
        .event_format(EcsFormat)
        .with_writer(std::io::stdout)
        .try_init();
}

/// Formats each event as one ECS JSON object.
struct EcsFormat;

impl<S, N> FormatEvent<S, N> for EcsFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut record = Map::new();
        record.insert(
            "@timestamp".into(),
            Value::String(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        );
        let metadata = event.metadata();
        record.insert(
            "log.level".into(),
            Value::String(metadata.level().as_str().to_ascii_lowercase()),
        );
        record.insert("log.logger".into(), Value::String(metadata.target().into()));
        record.insert("service.name".into(), Value::String(SERVICE_NAME.into()));

        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                if let Some(fields) = span.extensions().get::<FormattedFields<N>>()
                    && let Ok(Value::Object(map)) = serde_json::from_str::<Value>(fields)
                {
                    record.extend(map);
                }
            }
        }

        let mut visitor = JsonVisitor::default();
        event.record(&mut visitor);
        record.extend(visitor.fields);
        if let Some(message) = record.remove("message") {
            record.insert("message".into(), message);
        } else {
            record.insert("message".into(), Value::String(String::new()));
        }
        let line = serde_json::to_string(&record).map_err(|_| fmt::Error)?;
        writeln!(writer, "{line}")
    }
}

#[derive(Default)]
struct JsonVisitor {
    fields: Map<String, Value>,
}

impl tracing::field::Visit for JsonVisitor {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.fields
            .insert(field.name().into(), Value::String(value.into()));
    }

    fn record_i64(&mut self, field: &tracing::field::Field, value: i64) {
        self.fields.insert(field.name().into(), Value::from(value));
    }

    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        self.fields.insert(field.name().into(), Value::from(value));
    }

    fn record_bool(&mut self, field: &tracing::field::Field, value: bool) {
        self.fields.insert(field.name().into(), Value::from(value));
    }

    fn record_error(
        &mut self,
        field: &tracing::field::Field,
        value: &(dyn std::error::Error + 'static),
    ) {
        let name = if field.name() == "error" {
            "error.message"
        } else {
            field.name()
        };
        self.fields
            .insert(name.into(), Value::String(value.to_string()));
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        self.fields
            .insert(field.name().into(), Value::String(format!("{value:?}")));
    }
}
