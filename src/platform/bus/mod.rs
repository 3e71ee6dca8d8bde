//! Moving events between instances: Kafka when `KAFKA_BROKERS` is set, an in-process channel otherwise.
//!
//! The outbox relay hands events to a [`Publisher`]; every instance's [`LiveHub`] receives every event of the
//! live topics (from its own Kafka consumer, or straight from the in-process publisher) and fans them out to
//! GraphQL subscriptions and to in-process reactions such as closing the sockets of a revoked session.

mod kafka;
mod live;
mod order;

pub use kafka::{KafkaBus, LiveConsumer};
pub use live::LiveHub;

use super::events::CloudEvent;

/// Why an event could not be published; the outbox keeps it and tries again.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Kafka refused the message or did not acknowledge it in time.
    #[error("kafka publish failed: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// The event could not be encoded (a bug: events are built from typed data).
    #[error("event encoding failed: {0}")]
    Encoding(#[from] serde_json::Error),
}

/// Where the outbox relay sends events.
#[derive(Clone)]
pub enum Publisher {
    /// A real Kafka cluster (idempotent producer).
    Kafka(KafkaBus),
    /// The in-process stand-in: events go straight to this instance's live hub.
    InProcess(LiveHub),
}

impl Publisher {
    /// Publishes one event to `topic`, keyed by its subject so that one aggregate's events stay in order.
    pub async fn publish(&self, topic: &str, event: &CloudEvent) -> Result<(), PublishError> {
        match self {
            Self::Kafka(bus) => bus.publish(topic, event).await,
            Self::InProcess(hub) => {
                hub.deliver(event.clone());
                Ok(())
            }
        }
    }
}
