//! Dead dependencies lose nothing: Kafka down, Redis down.

use std::time::Duration;

use klang::platform::auth::Role;
use rdkafka::{
    ClientConfig, Message, Offset, TopicPartitionList,
    consumer::{BaseConsumer, Consumer},
};
use serde_json::json;

use crate::helpers::{
    TestConfig, error_code,
    infra::{OwnKafka, OwnRedis},
    spawn_app_with,
};

const PASSWORD: &str = "Test-password-2026";

#[tokio::test]
async fn events_written_while_kafka_is_down_arrive_in_order_once_it_returns() {
    let kafka = OwnKafka::start();
    let prefix = format!("outage{}.", uuid::Uuid::now_v7().simple());
    let app = spawn_app_with(
        TestConfig::default()
            .with("KAFKA_BROKERS", kafka.brokers())
            .with("KAFKA_TOPIC_PREFIX", &prefix),
    )
    .await;
    let admin = app
        .sign_in(&app.create_user(Role::Admin).await, PASSWORD)
        .await;
    let user_id = app
        .create_user_as(&admin.access_token, "outage@test.local", "Outage 0")
        .await;
    app.publish_outbox().await;
    kafka.stop();

    let mut names = Vec::new();
    for index in 1..=5 {
        let name = format!("Outage {index}");
        let updated = app
            .gql(
                Some(&admin.access_token),
                "mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }",
                json!({"input": {"id": user_id, "displayName": name}}),
            )
            .await;
        assert!(
            updated["data"]["updateUser"]["id"].is_string(),
            "mutations work without Kafka: {updated}"
        );
        names.push(name);
    }
    let mut db = app.db().await;
    let pending: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_events WHERE published_at IS NULL")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert!(pending >= 5, "events wait in the outbox: {pending}");

    kafka.restart();
    let mut remaining = i64::MAX;
    for _ in 0..120 {
        remaining =
            sqlx::query_scalar("SELECT count(*) FROM outbox_events WHERE published_at IS NULL")
                .fetch_one(&mut db)
                .await
                .unwrap();
        if remaining == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(
        remaining, 0,
        "the relay drained the outbox after Kafka came back"
    );

    let delivered = read_topic(&kafka.brokers(), &format!("{prefix}klang.users"));
    let updates: Vec<String> = delivered
        .iter()
        .filter(|event| {
            event["type"] == "klang.users.user_updated.v1" && event["subject"] == user_id.as_str()
        })
        .filter_map(|event| event["data"]["displayName"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        updates, names,
        "every event of the key exactly once, in order"
    );
    let mut ids: Vec<&str> = delivered
        .iter()
        .filter_map(|event| event["id"].as_str())
        .collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "no duplicates");
}

/// Every message on a topic, partition by partition, each in offset order.
fn read_topic(brokers: &str, topic: &str) -> Vec<serde_json::Value> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", "klang-test-reader")
        .set("enable.auto.commit", "false")
        .create()
        .unwrap();
    let metadata = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(10))
        .unwrap();
    let mut assignment = TopicPartitionList::new();
    let mut expected = 0;
    for partition in metadata.topics()[0].partitions() {
        let (low, high) = consumer
            .fetch_watermarks(topic, partition.id(), Duration::from_secs(10))
            .unwrap();
        expected += high - low;
        assignment
            .add_partition_offset(topic, partition.id(), Offset::Beginning)
            .unwrap();
    }
    consumer.assign(&assignment).unwrap();
    let mut received = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while (received.len() as i64) < expected && std::time::Instant::now() < deadline {
        if let Some(Ok(message)) = consumer.poll(Duration::from_millis(500)) {
            let event: serde_json::Value =
                serde_json::from_slice(message.payload().unwrap()).unwrap();
            received.push(((message.partition(), message.offset()), event));
        }
    }
    received.sort_by_key(|(position, _)| *position);
    received.into_iter().map(|(_, event)| event).collect()
}

#[tokio::test]
async fn sign_in_and_sign_out_work_while_redis_is_down() {
    let mut redis = OwnRedis::start().await;
    let app = spawn_app_with(TestConfig::default().with("REDIS_URL", redis.url())).await;
    let email = app.create_user(Role::Viewer).await;
    let before = app.sign_in(&email, PASSWORD).await;
    redis.stop();

    assert!(
        app.me(&before.access_token).await["data"]["me"].is_object(),
        "nobody is signed out"
    );
    let during = app.sign_in(&email, PASSWORD).await;
    assert!(app.me(&during.access_token).await["data"]["me"].is_object());
    app.gql(
        Some(&during.access_token),
        "mutation { signOut { sessionsEnded } }",
        json!({}),
    )
    .await;
    assert_eq!(
        error_code(&app.me(&during.access_token).await).as_deref(),
        Some("UNAUTHENTICATED"),
        "sign-out still takes effect"
    );
    let ready = app
        .client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["checks"]["redis"], "down");

    redis.restart().await;
    app.wait_until_ready().await;
    assert!(app.me(&before.access_token).await["data"]["me"].is_object());
}
