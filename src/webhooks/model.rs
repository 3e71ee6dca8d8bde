//! Webhook subscriptions and deliveries, and the rules their inputs must meet.

use std::time::Duration;

use async_graphql::{Enum, SimpleObject, types::Json};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::error::WebhooksError;
use crate::{inventory, products, users};

/// The longest URL a subscription may have.
pub const MAX_URL_CHARS: usize = 2000;
/// The most event types (or prefixes) one subscription may list.
pub const MAX_EVENT_TYPES: usize = 50;
/// The longest retry delay, whatever the attempt.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(3600);

/// Every event type a subscription can name exactly; a prefix must match at least one of them.
pub const KNOWN_EVENT_TYPES: &[&str] = &[
    users::events::USER_CREATED,
    users::events::USER_UPDATED,
    users::events::ROLES_ASSIGNED,
    users::events::USER_DEACTIVATED,
    users::events::SESSION_REVOKED,
    products::events::PRODUCT_CREATED,
    products::events::PRODUCT_UPDATED,
    products::events::PRODUCT_ARCHIVED,
    products::events::CATEGORY_CHANGED,
    inventory::events::STOCK_CHANGED,
    inventory::events::LOW_STOCK,
    inventory::events::TRANSFER_UPDATED,
    inventory::events::COUNT_UPDATED,
    inventory::events::WAREHOUSE_CHANGED,
    inventory::events::BIN_CHANGED,
];

/// A registered subscriber. Its signing secret is never part of it: it is shown once, when created or rotated.
#[derive(Debug, Clone, Serialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    /// Id.
    pub id: Uuid,
    /// What the subscriber is, for people (e.g. `n8n: แจ้งเตือนสต็อกต่ำ`).
    pub name: String,
    /// Where deliveries are POSTed.
    pub url: String,
    /// Exact event types (`klang.inventory.stock_changed.v1`) or prefixes ending in `*` (`klang.inventory.*`).
    pub event_types: Vec<String>,
    /// Inactive subscribers get no new deliveries, and their pending ones wait.
    pub is_active: bool,
    /// When registered.
    pub created_at: DateTime<Utc>,
    /// When last changed (including a secret rotation).
    pub updated_at: DateTime<Utc>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(name = "WebhookDeliveryStatus")]
pub enum DeliveryStatus {
    /// Waiting for its next attempt.
    Pending,
    /// The subscriber answered 2xx.
    Delivered,
    /// Every attempt failed; `replayWebhookDelivery` sends it again.
    Failed,
}

impl DeliveryStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Delivered => "DELIVERED",
            Self::Failed => "FAILED",
        }
    }

    /// Parses the stored form (the database allows only these three).
    pub fn from_stored(text: &str) -> Self {
        match text {
            "DELIVERED" => Self::Delivered,
            "FAILED" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

/// One event on its way to one subscriber.
#[derive(Debug, Clone, SimpleObject)]
pub struct WebhookDelivery {
    /// Id (also sent as `Klang-Delivery-Id`).
    pub id: Uuid,
    /// The subscription.
    pub webhook_id: Uuid,
    /// The event (also sent as `Klang-Event-Id`; the same id as in Kafka and subscriptions).
    pub event_id: Uuid,
    /// The event type.
    pub event_type: String,
    /// The CloudEvents envelope, exactly the body POSTed.
    pub payload: Json<serde_json::Value>,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: i32,
    /// When the next attempt is due (pending deliveries).
    pub next_attempt_at: DateTime<Utc>,
    /// The HTTP status of the last answer, if one came.
    pub last_status_code: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was created (when the event was fanned out).
    pub created_at: DateTime<Utc>,
    /// When the subscriber accepted it.
    pub delivered_at: Option<DateTime<Utc>>,
}

/// A subscriber's display name, trimmed: 1 to 120 characters.
pub fn parse_name(raw: &str) -> Result<String, WebhooksError> {
    let name = raw.trim();
    if (1..=120).contains(&name.chars().count()) {
        Ok(name.to_owned())
    } else {
        Err(WebhooksError::BadInput(
            "input.name",
            "must be 1 to 120 characters".into(),
        ))
    }
}

/// An absolute `http` or `https` URL with a host, at most [`MAX_URL_CHARS`] characters.
pub fn parse_url(raw: &str) -> Result<String, WebhooksError> {
    let bad = |problem: &str| WebhooksError::BadInput("input.url", problem.into());
    let text = raw.trim();
    if text.chars().count() > MAX_URL_CHARS {
        return Err(bad("must be at most 2000 characters"));
    }
    let url = url::Url::parse(text).map_err(|_| bad("must be an absolute http(s) URL"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad("must be an absolute http(s) URL"));
    }
    Ok(text.to_owned())
}

/// The event types a subscription wants: at least one, each a known type or a prefix ending in `.*` (or `*`
/// alone for everything) that matches a known type. Repeats are dropped, the order kept.
pub fn parse_event_types(raw: &[String]) -> Result<Vec<String>, WebhooksError> {
    if raw.is_empty() || raw.len() > MAX_EVENT_TYPES {
        return Err(WebhooksError::BadInput(
            "input.eventTypes",
            format!("must list 1 to {MAX_EVENT_TYPES} event types"),
        ));
    }
    let mut wanted: Vec<String> = Vec::with_capacity(raw.len());
    for (index, text) in raw.iter().enumerate() {
        let text = text.trim();
        if !is_known_type_or_prefix(text) {
            return Err(WebhooksError::BadEventType(index));
        }
        if !wanted.iter().any(|seen| seen == text) {
            wanted.push(text.to_owned());
        }
    }
    Ok(wanted)
}

fn is_known_type_or_prefix(text: &str) -> bool {
    match text.strip_suffix('*') {
        Some(prefix) => {
            (prefix.is_empty() || prefix.ends_with('.'))
                && KNOWN_EVENT_TYPES
                    .iter()
                    .any(|known| known.starts_with(prefix))
        }
        None => KNOWN_EVENT_TYPES.contains(&text),
    }
}

/// How long to wait after the `attempts`-th failed attempt: `base × 2^(attempts − 1)`, at most an hour.
pub fn retry_delay(base: Duration, attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    base.saturating_mul(1 << doublings).min(MAX_RETRY_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(parse_url("https://n8n.example.co.th/webhook/abc").is_ok());
        assert!(parse_url("http://127.0.0.1:5678/webhook/x").is_ok());
        for bad in ["ftp://x.y/z", "/webhook/abc", "n8n.local/x", "https://", ""] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
        let long = format!("https://x.y/{}", "a".repeat(MAX_URL_CHARS));
        assert!(parse_url(&long).is_err());
    }

    #[test]
    fn event_types_are_known_types_or_dotted_prefixes() {
        let types = |list: &[&str]| {
            parse_event_types(&list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>())
        };
        assert_eq!(
            types(&[
                "klang.inventory.*",
                "klang.users.user_created.v1",
                "klang.inventory.*"
            ])
            .unwrap(),
            vec!["klang.inventory.*", "klang.users.user_created.v1"]
        );
        assert!(types(&["*"]).is_ok());
        assert!(types(&[]).is_err());
        assert!(matches!(
            types(&["klang.inventory.*", "klang.nothing.*"]),
            Err(WebhooksError::BadEventType(1))
        ));
        assert!(types(&["klang.inv*"]).is_err());
        assert!(types(&["klang.inventory.stock_changed.v9"]).is_err());
    }

    #[test]
    fn retries_double_up_to_an_hour() {
        let base = Duration::from_secs(10);
        let delays: Vec<u64> = (1..=9).map(|n| retry_delay(base, n).as_secs()).collect();
        assert_eq!(delays, vec![10, 20, 40, 80, 160, 320, 640, 1280, 2560]);
        assert_eq!(retry_delay(base, 12), MAX_RETRY_DELAY);
        assert_eq!(retry_delay(base, 1000), MAX_RETRY_DELAY);
    }
}
