//! Kafka through rdkafka: an idempotent producer for the outbox relay, topic declaration at start-up, and the
//! live consumer that feeds this instance's [`LiveHub`].

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use rdkafka::{
    ClientConfig, ClientContext, Message, Offset, Statistics, TopicPartitionList,
    admin::{AdminClient, AdminOptions, NewTopic, TopicReplication},
    client::DefaultClientContext,
    consumer::{Consumer, ConsumerContext, StreamConsumer},
    error::RDKafkaErrorCode,
    producer::{FutureProducer, FutureRecord},
};
use tokio_util::sync::CancellationToken;

use super::{LiveHub, PublishError};
use crate::platform::events::CloudEvent;

/// Partitions of each domain topic created by the service.
const TOPIC_PARTITIONS: i32 = 3;
/// How long a produce may wait for an acknowledgement before the outbox retries it later.
const DELIVERY_TIMEOUT_MS: &str = "10000";

/// A connection to the Kafka cluster used for publishing and health checks.
#[derive(Clone)]
pub struct KafkaBus {
    producer: FutureProducer,
    brokers: String,
    topic_prefix: String,
}

impl KafkaBus {
    /// Creates the idempotent producer (no network round trip yet).
    pub fn new(brokers: &str, topic_prefix: &str) -> Result<Self, rdkafka::error::KafkaError> {
        let producer = ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("enable.idempotence", "true")
            .set("acks", "all")
            .set("message.timeout.ms", DELIVERY_TIMEOUT_MS)
            .set("linger.ms", "5")
            .create()?;
        Ok(Self {
            producer,
            brokers: brokers.to_owned(),
            topic_prefix: topic_prefix.to_owned(),
        })
    }

    /// The full topic name for a domain topic.
    pub fn topic(&self, domain_topic: &str) -> String {
        format!("{}{domain_topic}", self.topic_prefix)
    }

    /// Creates the given domain topics when missing, with `replication_factor` copies of each partition.
    pub async fn declare_topics(
        &self,
        domain_topics: &[&str],
        replication_factor: i32,
    ) -> Result<(), PublishError> {
        let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
            .set("bootstrap.servers", &self.brokers)
            .create()?;
        let names: Vec<String> = domain_topics.iter().map(|t| self.topic(t)).collect();
        let topics: Vec<NewTopic<'_>> = names
            .iter()
            .map(|name| {
                NewTopic::new(
                    name,
                    TOPIC_PARTITIONS,
                    TopicReplication::Fixed(replication_factor),
                )
            })
            .collect();
        let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)));
        for result in admin.create_topics(&topics, &options).await? {
            match result {
                Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
                Err((topic, code)) => {
                    return Err(PublishError::Kafka(rdkafka::error::KafkaError::AdminOp(
                        code,
                    )))
                    .inspect_err(|_| tracing::error!(topic, ?code, "topic creation failed"));
                }
            }
        }
        Ok(())
    }

    /// Publishes one event keyed by its subject and waits for the broker's acknowledgement.
    pub async fn publish(
        &self,
        domain_topic: &str,
        event: &CloudEvent,
    ) -> Result<(), PublishError> {
        let payload = serde_json::to_vec(event)?;
        let topic = self.topic(domain_topic);
        let record = FutureRecord::to(&topic)
            .key(event.subject.as_str())
            .payload(&payload);
        self.producer
            .send(record, Duration::from_secs(0))
            .await
            .map(|_| ())
            .map_err(|(error, _)| {
                metrics::counter!("klang_kafka_publish_failures_total").increment(1);
                PublishError::Kafka(error)
            })
    }

    /// Whether the cluster answers a metadata request within a second.
    pub async fn ping(&self) -> bool {
        let producer = self.producer.clone();
        tokio::task::spawn_blocking(move || {
            use rdkafka::producer::Producer;
            producer
                .client()
                .fetch_metadata(None, Duration::from_secs(1))
                .is_ok()
        })
        .await
        .unwrap_or(false)
    }

    /// Starts consuming `domain_topics` from their current ends into `hub`.
    ///
    /// The consumer assigns every partition explicitly (no consumer group: each instance must see every event)
    /// at the high watermark read before the returned [`LiveConsumer`] reports ready, so an event published
    /// after readiness is never missed.
    pub fn start_live_consumer(
        &self,
        domain_topics: &[&str],
        hub: LiveHub,
        shutdown: CancellationToken,
    ) -> LiveConsumer {
        let ready = Arc::new(AtomicBool::new(false));
        let live = LiveConsumer {
            ready: ready.clone(),
        };
        let brokers = self.brokers.clone();
        let topics: Vec<String> = domain_topics.iter().map(|t| self.topic(t)).collect();
        tokio::spawn(async move {
            loop {
                match consume(&brokers, &topics, &hub, &ready, shutdown.clone()).await {
                    Ok(()) => return,
                    Err(error) => {
                        ready.store(false, Ordering::SeqCst);
                        tracing::warn!(error = %error, "live consumer failed; restarting");
                        tokio::select! {
                            () = shutdown.cancelled() => return,
                            () = tokio::time::sleep(Duration::from_secs(1)) => {}
                        }
                    }
                }
            }
        });
        live
    }
}

/// Handle on this instance's live consumer.
#[derive(Clone)]
pub struct LiveConsumer {
    ready: Arc<AtomicBool>,
}

impl LiveConsumer {
    /// Whether every partition is assigned and being read.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::SeqCst)
    }
}

async fn consume(
    brokers: &str,
    topics: &[String],
    hub: &LiveHub,
    ready: &AtomicBool,
    shutdown: CancellationToken,
) -> Result<(), rdkafka::error::KafkaError> {
    let consumer: StreamConsumer<LagReporter> = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", "klang-live-unused")
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "false")
        .set("statistics.interval.ms", "15000")
        .create_with_context(LagReporter)?;
    let consumer = Arc::new(consumer);
    let assignment = {
        let consumer = consumer.clone();
        let topics = topics.to_vec();
        tokio::task::spawn_blocking(move || current_ends(&consumer, &topics))
            .await
            .map_err(|_| rdkafka::error::KafkaError::Canceled)??
    };
    consumer.assign(&assignment)?;
    ready.store(true, Ordering::SeqCst);
    tracing::info!(topics = ?topics, "live consumer assigned");
    loop {
        let message = tokio::select! {
            () = shutdown.cancelled() => return Ok(()),
            message = consumer.recv() => message?,
        };
        let Some(payload) = message.payload() else {
            continue;
        };
        match serde_json::from_slice::<CloudEvent>(payload) {
            Ok(event) => hub.deliver(event),
            Err(error) => {
                tracing::warn!(error = %error, topic = message.topic(), "skipping a message that is not a CloudEvent")
            }
        }
    }
}

/// The live consumer's client context: turns librdkafka's periodic statistics into the consumer-lag gauge.
struct LagReporter;

impl ClientContext for LagReporter {
    fn stats(&self, statistics: Statistics) {
        for (name, topic) in statistics.topics {
            for (id, partition) in topic.partitions {
                // librdkafka lists an internal partition -1; offsets below zero mean "not known yet".
                let position = if partition.app_offset >= 0 {
                    partition.app_offset
                } else {
                    partition.next_offset
                };
                if id < 0 || partition.hi_offset < 0 || position < 0 {
                    continue;
                }
                metrics::gauge!(
                    "klang_kafka_consumer_lag_messages",
                    "topic" => name.clone(),
                    "partition" => id.to_string()
                )
                .set((partition.hi_offset - position).max(0) as f64);
            }
        }
    }
}

impl ConsumerContext for LagReporter {}

fn current_ends(
    consumer: &StreamConsumer<LagReporter>,
    topics: &[String],
) -> Result<TopicPartitionList, rdkafka::error::KafkaError> {
    let timeout = Duration::from_secs(10);
    let mut assignment = TopicPartitionList::new();
    for topic in topics {
        let metadata = consumer.fetch_metadata(Some(topic), timeout)?;
        for topic_metadata in metadata.topics() {
            if let Some(error) = topic_metadata.error() {
                return Err(rdkafka::error::KafkaError::MetadataFetch(
                    RDKafkaErrorCode::from(error),
                ));
            }
            for partition in topic_metadata.partitions() {
                let (_, high) = consumer.fetch_watermarks(topic, partition.id(), timeout)?;
                assignment.add_partition_offset(topic, partition.id(), Offset::Offset(high))?;
            }
        }
    }
    Ok(assignment)
}
