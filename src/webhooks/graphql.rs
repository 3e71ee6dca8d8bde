//! The webhooks GraphQL API: register, change and rotate subscribers, list and replay deliveries. Everything
//! here needs `webhook:manage` (ADMIN).

use async_graphql::{Context, InputObject, Object, SimpleObject, connection::Connection};
use uuid::Uuid;

use super::{
    model::{DeliveryStatus, Webhook, WebhookDelivery},
    repo::DeliverySearch,
    service::{NewWebhook, WebhookChanges, WebhookWithSecret},
};
use crate::{
    graphql::{
        context::ContextExt,
        pagination::{Cursor, PageRequest},
    },
    platform::auth::Permission,
};

/// A subscriber to register.
#[derive(Debug, InputObject)]
pub struct CreateWebhookInput {
    /// What the subscriber is, for people: 1–120 characters.
    pub name: String,
    /// Where deliveries are POSTed: an absolute `http(s)` URL, at most 2000 characters.
    pub url: String,
    /// Known event types (`klang.inventory.stock_changed.v1`) or prefixes ending in `.*` (`klang.inventory.*`).
    pub event_types: Vec<String>,
}

/// Changes to a subscriber; omitted fields stay as they are.
#[derive(Debug, InputObject)]
pub struct UpdateWebhookInput {
    /// The subscriber.
    pub id: Uuid,
    /// New name.
    pub name: Option<String>,
    /// New URL.
    pub url: Option<String>,
    /// New event types or prefixes (replacing the old list).
    pub event_types: Option<Vec<String>>,
    /// Activate or deactivate (an inactive subscriber gets no new deliveries; its pending ones wait).
    pub is_active: Option<bool>,
}

/// Which deliveries to list.
#[derive(Debug, Default, InputObject)]
pub struct WebhookDeliveryFilter {
    /// Only this subscriber's.
    pub webhook_id: Option<Uuid>,
    /// Only in this state.
    pub status: Option<DeliveryStatus>,
}

/// A registered subscriber and its signing secret, shown only here: store it in the receiver now.
#[derive(Debug, SimpleObject)]
pub struct CreateWebhookPayload {
    /// The subscriber.
    pub webhook: Webhook,
    /// The HMAC-SHA256 key of `Klang-Signature` (64 hex characters).
    pub secret: String,
}

/// A subscriber's new signing secret, shown only here; the old one no longer signs anything.
#[derive(Debug, SimpleObject)]
pub struct RotateWebhookSecretPayload {
    /// The subscriber.
    pub webhook: Webhook,
    /// The new HMAC-SHA256 key of `Klang-Signature` (64 hex characters).
    pub secret: String,
}

/// Webhook queries (need `webhook:manage`).
#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Every registered subscriber, oldest first.
    async fn webhooks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Webhook>> {
        ctx.require(Permission::WebhookManage)?;
        Ok(ctx.state().webhooks.webhooks().await?)
    }

    /// Deliveries, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        filter: Option<WebhookDeliveryFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, WebhookDelivery>> {
        ctx.require(Permission::WebhookManage)?;
        let page = PageRequest::new(first, after)?;
        let filter = filter.unwrap_or_default();
        let search = DeliverySearch {
            webhook_id: filter.webhook_id,
            status: filter.status,
        };
        let rows = ctx.state().webhooks.deliveries(&search, &page).await?;
        Ok(page.connection(rows, |delivery: &WebhookDelivery| Cursor {
            time: delivery.created_at,
            id: delivery.id,
        }))
    }
}

/// Webhook mutations (need `webhook:manage`).
#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers a subscriber; the answer holds its signing secret, which is never shown again.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> async_graphql::Result<CreateWebhookPayload> {
        ctx.require(Permission::WebhookManage)?;
        let WebhookWithSecret { webhook, secret } = ctx
            .state()
            .webhooks
            .create(
                &ctx.origin(),
                NewWebhook {
                    name: input.name,
                    url: input.url,
                    event_types: input.event_types,
                },
            )
            .await?;
        Ok(CreateWebhookPayload { webhook, secret })
    }

    /// Renames a subscriber, moves it, changes its event types, or (de)activates it.
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        input: UpdateWebhookInput,
    ) -> async_graphql::Result<Webhook> {
        ctx.require(Permission::WebhookManage)?;
        let changes = WebhookChanges {
            name: input.name,
            url: input.url,
            event_types: input.event_types,
            is_active: input.is_active,
        };
        Ok(ctx
            .state()
            .webhooks
            .update(&ctx.origin(), input.id, changes)
            .await?)
    }

    /// Gives a subscriber a new signing secret (shown only in this answer); the old one stops at once.
    async fn rotate_webhook_secret(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<RotateWebhookSecretPayload> {
        ctx.require(Permission::WebhookManage)?;
        let WebhookWithSecret { webhook, secret } = ctx
            .state()
            .webhooks
            .rotate_secret(&ctx.origin(), id)
            .await?;
        Ok(RotateWebhookSecretPayload { webhook, secret })
    }

    /// Sends a delivery again now, with a fresh set of attempts (e.g. after fixing the receiver).
    async fn replay_webhook_delivery(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<WebhookDelivery> {
        ctx.require(Permission::WebhookManage)?;
        Ok(ctx.state().webhooks.replay(&ctx.origin(), id).await?)
    }
}
