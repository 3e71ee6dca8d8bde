//! The CloudEvents 1.0 envelope every domain event travels in (outbox, Kafka, webhooks).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// A domain event in CloudEvents 1.0 JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudEvent {
    /// Always `"1.0"`.
    pub specversion: String,
    /// Unique event id; consumers deduplicate on it.
    pub id: Uuid,
    /// Versioned type, e.g. `klang.users.user_created.v1`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The producing domain, e.g. `/klang/users`.
    pub source: String,
    /// When the change happened.
    pub time: DateTime<Utc>,
    /// The aggregate the event is about (its id); also the Kafka message key.
    pub subject: String,
    /// Always `application/json`.
    pub datacontenttype: String,
    /// The event body.
    pub data: Value,
    /// Extension attribute `klangposition`: the event's place in publish order, set by the outbox relay.
    /// Subscribers use it to keep live events in order and to resume after the last event they saw.
    #[serde(
        rename = "klangposition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub position: Option<i64>,
}

/// What a domain says when it changes: everything else in the envelope is filled in here.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The domain's topic, e.g. `klang.users` (the configured prefix is added when publishing).
    pub topic: &'static str,
    /// Versioned event type.
    pub event_type: &'static str,
    /// The aggregate id.
    pub subject: String,
    /// The event body.
    pub data: Value,
}

impl NewEvent {
    /// Wraps the event in a CloudEvents envelope with a fresh time-ordered id.
    pub fn into_cloud_event(self) -> CloudEvent {
        CloudEvent {
            specversion: "1.0".into(),
            id: Uuid::now_v7(),
            event_type: self.event_type.into(),
            source: format!("/{}", self.topic.replace('.', "/")),
            time: Utc::now(),
            subject: self.subject,
            datacontenttype: "application/json".into(),
            data: self.data,
            position: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_serializes_with_cloudevents_names() {
        let event = NewEvent {
            topic: "klang.users",
            event_type: "klang.users.user_created.v1",
            subject: "42".into(),
            data: serde_json::json!({"email": "a@b.co"}),
        }
        .into_cloud_event();
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["specversion"], "1.0");
        assert_eq!(json["type"], "klang.users.user_created.v1");
        assert_eq!(json["source"], "/klang/users");
        assert_eq!(json["subject"], "42");
        assert_eq!(json["datacontenttype"], "application/json");
        let back: CloudEvent = serde_json::from_value(json).unwrap();
        assert_eq!(back, event);
    }
}
