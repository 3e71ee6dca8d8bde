//! `spawn_app`: the real application on a random port with its own database, key prefix and topic prefix.

use std::{collections::HashMap, time::Duration};

use klang::{
    app::Application, config::Config, platform::auth::Role, state::AppState,
    users::service::NewUser,
};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use super::infra;

/// Overrides of the environment a test app starts with.
#[derive(Clone, Default)]
pub struct TestConfig {
    vars: HashMap<String, String>,
}

impl TestConfig {
    /// Sets one variable.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.vars.insert(name.to_owned(), value.to_string());
        self
    }

    /// Removes a variable the default test environment sets (e.g. `KAFKA_BROKERS` for the in-process bus).
    pub fn without(self, name: &str) -> Self {
        self.with(name, "")
    }
}

/// A running application and a client for it.
pub struct TestApp {
    /// The environment it was started with (to start a second instance on the same infrastructure).
    pub env: HashMap<String, String>,
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub database_url: String,
    pub state: AppState,
    pub relay: klang::platform::outbox::OutboxRelay,
    shutdown: CancellationToken,
    /// The brokers and topic prefix this app created its topics under (not a second instance sharing them).
    own_topics: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some((brokers, prefix)) = self.own_topics.take() {
            infra::delete_topics_in_background(brokers, prefix);
        }
    }
}

/// A default app: real PostgreSQL, Redis and Kafka.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(TestConfig::default()).await
}

/// An app with overrides.
pub async fn spawn_app_with(overrides: TestConfig) -> TestApp {
    klang::telemetry::init("warn");
    let id = Uuid::now_v7().simple().to_string();
    let database_url = match overrides.vars.get("DATABASE_URL") {
        Some(shared) => shared.clone(),
        None => infra::create_database(&format!("klang_test_{id}")).await,
    };
    let mut vars: HashMap<String, String> = HashMap::from([
        ("KLANG_LISTEN".into(), "127.0.0.1:0".into()),
        ("DATABASE_URL".into(), database_url.clone()),
        ("DATABASE_MAX_CONNECTIONS".into(), "10".into()),
        ("REDIS_URL".into(), infra::redis_url()),
        ("REDIS_KEY_PREFIX".into(), format!("test:{id}:")),
        ("KAFKA_BROKERS".into(), infra::kafka_brokers()),
        ("KAFKA_TOPIC_PREFIX".into(), format!("t{id}.")),
        ("OUTBOX_POLL_MS".into(), "200".into()),
        ("S3_ENDPOINT".into(), infra::s3_endpoint()),
        ("S3_BUCKET".into(), format!("klang-test-{id}")),
        ("S3_ACCESS_KEY_ID".into(), "klang-test".into()),
        ("S3_SECRET_ACCESS_KEY".into(), "klang-test-secret".into()),
    ]);
    let shares_topics = overrides.vars.contains_key("KAFKA_TOPIC_PREFIX");
    vars.extend(overrides.vars);
    let own_topics = match (vars.get("KAFKA_BROKERS"), vars.get("KAFKA_TOPIC_PREFIX")) {
        (Some(brokers), Some(prefix)) if !shares_topics && !brokers.is_empty() => {
            Some((brokers.clone(), prefix.clone()))
        }
        _ => None,
    };
    vars.insert("KLANG_LISTEN".into(), "127.0.0.1:0".into());
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("test configuration");
    let application = Application::build(config)
        .await
        .expect("application builds");
    let port = application.port();
    let state = application.state().clone();
    let relay = application.relay().clone();
    let shutdown = application.shutdown_token();
    tokio::spawn(application.run());
    let app = TestApp {
        env: vars,
        address: format!("http://127.0.0.1:{port}"),
        port,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        database_url,
        state,
        relay,
        shutdown,
        own_topics,
    };
    app.wait_until_ready().await;
    app
}

impl TestApp {
    /// Starts another instance sharing this one's database, Redis prefix and Kafka topics.
    pub async fn second_instance(&self) -> TestApp {
        let mut overrides = TestConfig::default();
        for (name, value) in &self.env {
            overrides = overrides.with(name, value);
        }
        spawn_app_with(overrides).await
    }

    /// The Prometheus text of `/metrics`.
    pub async fn metrics(&self) -> String {
        self.client
            .get(format!("{}/metrics", self.address))
            .send()
            .await
            .expect("metrics answer")
            .text()
            .await
            .expect("metrics text")
    }

    /// Waits until `/readyz` answers 200.
    pub async fn wait_until_ready(&self) {
        for _ in 0..300 {
            if let Ok(response) = self
                .client
                .get(format!("{}/readyz", self.address))
                .send()
                .await
                && response.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the app did not become ready within 30 s");
    }

    /// Creates a user with one role and the standard test password; returns its email.
    pub async fn create_user(&self, role: Role) -> String {
        let email = format!(
            "{}-{}@test.local",
            role_code(role).to_lowercase(),
            Uuid::now_v7().simple()
        );
        self.state
            .users
            .ensure_user(NewUser {
                email: email.clone(),
                display_name: format!("Test {}", role_code(role)),
                password: PASSWORD.into(),
                roles: vec![role],
            })
            .await
            .expect("user created");
        email
    }

    /// Stops the server and its background tasks, as SIGTERM does.
    pub fn shut_down(&self) {
        self.shutdown.cancel();
    }

    /// Publishes every pending outbox event now, instead of waiting for the relay.
    pub async fn publish_outbox(&self) {
        loop {
            let round = self.relay.publish_pending().await.expect("relay round");
            if round.published == 0 {
                return;
            }
        }
    }

    /// A direct connection to the app's database, for assertions.
    pub async fn db(&self) -> sqlx::PgConnection {
        use sqlx::Connection;
        sqlx::PgConnection::connect(&self.database_url)
            .await
            .expect("database")
    }
}

/// The password of users made by [`TestApp::create_user`].
pub const PASSWORD: &str = "Test-password-2026";

fn role_code(role: Role) -> &'static str {
    role.code()
}
