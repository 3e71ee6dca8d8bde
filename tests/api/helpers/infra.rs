//! The shared infrastructure started by `scripts/infra/up.sh`, and dedicated instances for outage tests.

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use rdkafka::{
    ClientConfig,
    admin::{AdminClient, AdminOptions},
    client::DefaultClientContext,
};
use sqlx::{Connection, PgConnection};

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// The administrative database URL (where test databases are created).
pub fn admin_database_url() -> String {
    env_or(
        "DATABASE_URL",
        "postgres://klang:klang@127.0.0.1:15432/klang",
    )
}

/// The shared Redis.
pub fn redis_url() -> String {
    env_or("REDIS_URL", "redis://127.0.0.1:16379")
}

/// The shared Kafka broker.
pub fn kafka_brokers() -> String {
    env_or("KAFKA_BROKERS", "127.0.0.1:19092")
}

/// The shared S3-compatible server (moto), as `scripts/infra/s3.sh` starts it.
pub fn s3_endpoint() -> String {
    env_or("S3_ENDPOINT", "http://127.0.0.1:19000")
}

/// Deletes, on a thread of its own and after the app has had a moment to stop consuming, every topic whose name
/// starts with `prefix`. Best effort: whatever is left (the last tests' topics when the process exits) is cleared
/// by `scripts/test.sh`, which empties a broker that has piled up partitions.
pub fn delete_topics_in_background(brokers: String, prefix: String) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2));
        let Ok(admin) = ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .create::<AdminClient<DefaultClientContext>>()
        else {
            return;
        };
        let Ok(metadata) = admin.inner().fetch_metadata(None, Duration::from_secs(5)) else {
            return;
        };
        let names: Vec<&str> = metadata
            .topics()
            .iter()
            .map(|topic| topic.name())
            .filter(|name| name.starts_with(&prefix))
            .collect();
        if !names.is_empty() {
            let _ = futures::executor::block_on(admin.delete_topics(&names, &AdminOptions::new()));
        }
    });
}

/// Creates an empty database and returns its URL.
pub async fn create_database(name: &str) -> String {
    let admin = admin_database_url();
    let mut connection = PgConnection::connect(&admin).await.expect("admin database");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut connection)
        .await
        .expect("create test database");
    let (base, _) = admin.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

/// A free TCP port below the ephemeral range.
pub fn free_port() -> u16 {
    for _ in 0..100 {
        let port = 20000 + (rand_u16() % 10000);
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port");
}

fn rand_u16() -> u16 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u16::from_le_bytes([bytes[0], bytes[1]])
}

/// A Redis server of a test's own, stopped when dropped.
pub struct OwnRedis {
    pub port: u16,
    child: Option<Child>,
}

impl OwnRedis {
    /// Starts redis-server on a free port and waits until it answers.
    pub async fn start() -> Self {
        let port = free_port();
        let mut redis = Self { port, child: None };
        redis.restart().await;
        redis
    }

    /// The URL.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Kills the server.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port.
    pub async fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &self.port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("redis-server did not start");
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A Kafka broker of a test's own (started with `scripts/infra/kafka.sh`), stopped when dropped.
pub struct OwnKafka {
    pub port: u16,
    controller_port: u16,
    dir: PathBuf,
}

impl OwnKafka {
    /// Starts a broker in a fresh folder.
    pub fn start() -> Self {
        let port = free_port();
        let mut controller_port = free_port();
        while controller_port == port {
            controller_port = free_port();
        }
        let dir =
            std::env::temp_dir().join(format!("klang-kafka-{}", uuid::Uuid::now_v7().simple()));
        let kafka = Self {
            port,
            controller_port,
            dir,
        };
        kafka.restart();
        kafka
    }

    /// The bootstrap address.
    pub fn brokers(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Stops the broker (its data stays).
    pub fn stop(&self) {
        run_script(&["stop", "--dir", &self.dir.to_string_lossy()]);
    }

    /// Starts it again on the same folder and ports.
    pub fn restart(&self) {
        run_script(&[
            "start",
            "--port",
            &self.port.to_string(),
            "--controller-port",
            &self.controller_port.to_string(),
            "--dir",
            &self.dir.to_string_lossy(),
        ]);
    }
}

impl Drop for OwnKafka {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run_script(args: &[&str]) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/infra/kafka.sh");
    let status = Command::new("bash")
        .arg(script)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("kafka.sh runs");
    assert!(status.success(), "kafka.sh {args:?} failed");
}
