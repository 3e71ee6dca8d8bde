//! Assembling the service: connections, services, background tasks and the HTTP server. Tests start it through
//! [`Application::build`] on port 0 exactly as `klang serve` does.

use std::sync::Arc;

use anyhow::Context;
use tokio::{net::TcpListener, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use crate::{
    audit,
    config::Config,
    graphql::{persisted::PersistedDocuments, schema, ws_sockets::SocketCounts},
    housekeeping::{self, Retention},
    http::{self, HttpState, RefusalGuard},
    inventory::{self, InventoryService},
    platform::{
        auth::jwt::AccessTokens,
        bus::{KafkaBus, LiveHub, Publisher},
        db,
        kv::KeyValueStore,
        outbox::OutboxRelay,
        rate_limit::RateLimiter,
        storage::ObjectStorage,
    },
    products::{self, ProductsService, cache::ProductCache, images::ProductImagesService},
    readiness,
    state::AppState,
    users::{self, UsersService, revocation::Revocations},
    webhooks::{Dispatcher, WebhooksService},
};

/// The domain topics every instance consumes live.
pub const LIVE_TOPICS: &[&str] = &[
    users::events::TOPIC,
    products::events::TOPIC,
    inventory::events::TOPIC,
];

/// A built, bound, not yet serving application.
pub struct Application {
    listener: TcpListener,
    http: HttpState,
    relay: OutboxRelay,
    shutdown: CancellationToken,
}

impl Application {
    /// Connects everything, migrates the database, and binds the listener (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let shutdown = CancellationToken::new();
        let (state, publisher) = connect(config, shutdown.clone()).await?;
        db::migrate(&state.pool)
            .await
            .context("migrating the database")?;
        let relay = OutboxRelay::new(
            state.pool.clone(),
            publisher,
            state.config.outbox_poll_interval,
        );
        let documents = Arc::new(PersistedDocuments::load(
            &state.config.graphql.trusted_documents,
        )?);
        let schema = schema::build(
            Some(state.clone()),
            &state.config.graphql,
            documents.clone(),
            state.config.is_development(),
        );
        let listener = TcpListener::bind(state.config.listen)
            .await
            .with_context(|| format!("binding {}", state.config.listen))?;
        let http = HttpState {
            refusals: RefusalGuard::new(&state.config.graphql),
            app: state,
            schema,
            documents,
            metrics: crate::platform::metrics::handle(),
            shutdown: shutdown.clone(),
        };
        Ok(Self {
            listener,
            http,
            relay,
            shutdown,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|address| address.port())
            .unwrap_or(0)
    }

    /// The services, for tests and commands that drive them directly.
    pub fn state(&self) -> &AppState {
        &self.http.app
    }

    /// The outbox relay, for tests that drive it directly instead of waiting.
    pub fn relay(&self) -> &OutboxRelay {
        &self.relay
    }

    /// A token that stops the server and its background tasks when cancelled.
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Serves until the shutdown token is cancelled.
    pub async fn run(self) -> anyhow::Result<()> {
        let background =
            spawn_background(&self.http.app, self.relay.clone(), self.shutdown.clone());
        let router = http::router(self.http);
        let shutdown = self.shutdown.clone();
        axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
        .context("serving HTTP")?;
        self.shutdown.cancel();
        for task in background {
            let _ = task.await;
        }
        Ok(())
    }
}

/// Opens every connection and builds the services. The returned publisher feeds the outbox relay.
pub async fn connect(
    config: Config,
    shutdown: CancellationToken,
) -> anyhow::Result<(AppState, Publisher)> {
    let config = Arc::new(config);
    let pool = db::connect(&config.database_url, config.database_max_connections)
        .await
        .context("connecting to PostgreSQL (DATABASE_URL)")?;
    let kv = match &config.redis_url {
        Some(url) => KeyValueStore::redis(url, &config.redis_key_prefix).context("REDIS_URL")?,
        None => {
            tracing::warn!("REDIS_URL is not set: cache and rate limits live in this process only");
            KeyValueStore::memory(&config.redis_key_prefix)
        }
    };
    let hub = LiveHub::new();
    let (publisher, kafka, live_consumer) = match &config.kafka_brokers {
        Some(brokers) => {
            let bus =
                KafkaBus::new(brokers, &config.kafka_topic_prefix).context("KAFKA_BROKERS")?;
            if let Err(error) = bus
                .declare_topics(LIVE_TOPICS, config.kafka_replication_factor)
                .await
            {
                tracing::warn!(error = %error, "could not declare Kafka topics yet; they are created on first publish");
            }
            let consumer = bus.start_live_consumer(LIVE_TOPICS, hub.clone(), shutdown);
            (Publisher::Kafka(bus.clone()), Some(bus), Some(consumer))
        }
        None => {
            tracing::warn!(
                "KAFKA_BROKERS is not set: events use an in-process bus; run a single instance only"
            );
            (Publisher::InProcess(hub.clone()), None, None)
        }
    };
    let tokens = AccessTokens::new(&config.tokens.jwt_secret, config.tokens.access_ttl);
    let revocations = Revocations::new(kv.clone(), pool.clone(), config.tokens.access_ttl * 2);
    let limits = (
        RateLimiter::new(
            kv.clone(),
            "sign-in-ip",
            u64::from(config.rate_limits.sign_in_per_ip),
            config.rate_limits.window,
        ),
        RateLimiter::new(
            kv.clone(),
            "sign-in-account",
            u64::from(config.rate_limits.sign_in_per_account),
            config.rate_limits.window,
        ),
    );
    let users = UsersService::new(
        pool.clone(),
        tokens.clone(),
        revocations,
        limits,
        config.tokens.refresh_ttl,
    );
    let storage = ObjectStorage::connect(&config.storage, &config.tokens.jwt_secret)
        .await
        .context("opening the object store")?;
    let products = ProductsService::new(pool.clone(), ProductCache::new(kv.clone()));
    let product_images =
        ProductImagesService::new(pool.clone(), storage, ProductCache::new(kv.clone()));
    let inventory = InventoryService::new(pool.clone());
    let dispatcher = Dispatcher::new(pool.clone(), config.webhooks.clone())
        .context("building the webhook HTTP client")?;
    let webhooks = WebhooksService::new(pool.clone(), dispatcher);
    let state = AppState {
        config,
        pool,
        kv,
        hub,
        kafka,
        live_consumer,
        tokens,
        users,
        products,
        product_images,
        sockets: SocketCounts::default(),
        inventory,
        webhooks,
    };
    Ok((state, publisher))
}

fn spawn_background(
    state: &AppState,
    relay: OutboxRelay,
    shutdown: CancellationToken,
) -> Vec<JoinHandle<()>> {
    vec![
        tokio::spawn(relay.run(shutdown.clone())),
        tokio::spawn(users::revocation::follow_revocations(
            state.hub.clone(),
            state.users.revocations().clone(),
            shutdown.clone(),
        )),
        tokio::spawn(products::service::follow_product_changes(
            state.hub.clone(),
            state.products.cache().clone(),
            shutdown.clone(),
        )),
        tokio::spawn(audit::seal::seal_periodically(
            state.pool.clone(),
            shutdown.clone(),
        )),
        tokio::spawn(housekeeping::run(
            state.pool.clone(),
            Retention::from_config(&state.config),
            shutdown.clone(),
        )),
        tokio::spawn(state.hub.clone().release_overdue(shutdown.clone())),
        tokio::spawn(
            state
                .webhooks
                .dispatcher()
                .clone()
                .run_fan_out(shutdown.clone()),
        ),
        tokio::spawn(
            state
                .webhooks
                .dispatcher()
                .clone()
                .run_deliveries(shutdown.clone()),
        ),
        tokio::spawn(readiness::watch(state.clone(), shutdown)),
    ]
}
