//! The application's shared services, put into the GraphQL schema as data and read by resolvers through
//! `ContextExt::state`.

use std::sync::Arc;

use sqlx::PgPool;

use crate::{
    config::Config,
    graphql::error::ApiError,
    graphql::ws_sockets::SocketCounts,
    inventory::InventoryService,
    platform::{
        auth::jwt::{AccessTokens, TokenError, VerifiedAccessToken},
        bus::{KafkaBus, LiveConsumer, LiveHub},
        kv::KeyValueStore,
    },
    products::{ProductsService, images::ProductImagesService},
    users::UsersService,
    webhooks::WebhooksService,
};

/// Everything a request may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The configuration.
    pub config: Arc<Config>,
    /// The PostgreSQL pool.
    pub pool: PgPool,
    /// Redis or its in-memory stand-in.
    pub kv: KeyValueStore,
    /// This instance's live event fan-out.
    pub hub: LiveHub,
    /// Kafka, when configured.
    pub kafka: Option<KafkaBus>,
    /// This instance's live consumer, when Kafka is configured.
    pub live_consumer: Option<LiveConsumer>,
    /// Access-token signing and verification.
    pub tokens: AccessTokens,
    /// Users and auth.
    pub users: UsersService,
    /// The product catalog.
    pub products: ProductsService,
    /// Product images in the object store.
    pub product_images: ProductImagesService,
    /// Open WebSockets per user on this instance.
    pub sockets: SocketCounts,
    /// Warehouses and stock.
    pub inventory: InventoryService,
    /// Webhook subscribers and their deliveries.
    pub webhooks: WebhooksService,
}

impl AppState {
    /// Verifies an access token and that its session is still alive.
    pub async fn authenticate(&self, token: &str) -> Result<VerifiedAccessToken, ApiError> {
        let verified = self.tokens.verify(token).map_err(|error| match error {
            TokenError::Expired => ApiError::unauthenticated("access token expired"),
            TokenError::Invalid => ApiError::unauthenticated("access token invalid"),
        })?;
        if !self
            .users
            .revocations()
            .is_active(verified.actor.session_id)
            .await
        {
            return Err(ApiError::unauthenticated(
                "the session has ended; sign in again",
            ));
        }
        if !self
            .users
            .revocations()
            .roles_current(verified.actor.user_id, verified.issued_at)
        {
            return Err(ApiError::unauthenticated(
                "your roles have changed: refresh the session to continue",
            ));
        }
        Ok(verified)
    }
}
