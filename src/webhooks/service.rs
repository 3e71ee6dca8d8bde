//! The rules of webhook subscriptions: inputs checked, secrets generated and shown once, every change in the
//! usage history (without the secret) in the change's own transaction.

use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::{
    dispatch::Dispatcher,
    error::WebhooksError,
    model::{Webhook, WebhookDelivery, parse_event_types, parse_name, parse_url},
    repo::{self, DeliverySearch},
    signature::new_secret,
};
use crate::{
    audit::{self, Change, Origin},
    graphql::pagination::PageRequest,
};

/// A subscriber to register, as a client sent it (checked here).
#[derive(Debug, Clone)]
pub struct NewWebhook {
    /// Display name.
    pub name: String,
    /// Where to POST.
    pub url: String,
    /// Event types or prefixes.
    pub event_types: Vec<String>,
}

/// Changes to a subscriber; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookChanges {
    /// New display name.
    pub name: Option<String>,
    /// New URL.
    pub url: Option<String>,
    /// New event types or prefixes.
    pub event_types: Option<Vec<String>>,
    /// Activate or deactivate.
    pub is_active: Option<bool>,
}

/// A subscriber with its signing secret, returned only when the secret is made.
#[derive(Debug, Clone)]
pub struct WebhookWithSecret {
    /// The subscriber.
    pub webhook: Webhook,
    /// The secret deliveries are signed with.
    pub secret: String,
}

/// The webhooks service.
#[derive(Clone)]
pub struct WebhooksService {
    pool: PgPool,
    dispatcher: Dispatcher,
}

impl WebhooksService {
    /// Builds the service.
    pub fn new(pool: PgPool, dispatcher: Dispatcher) -> Self {
        Self { pool, dispatcher }
    }

    /// The background fan-out and delivery workers.
    pub fn dispatcher(&self) -> &Dispatcher {
        &self.dispatcher
    }

    /// Registers a subscriber with a fresh secret.
    pub async fn create(
        &self,
        origin: &Origin,
        input: NewWebhook,
    ) -> Result<WebhookWithSecret, WebhooksError> {
        let now = chrono::Utc::now();
        let draft = Webhook {
            id: Uuid::now_v7(),
            name: parse_name(&input.name)?,
            url: parse_url(&input.url)?,
            event_types: parse_event_types(&input.event_types)?,
            is_active: true,
            created_at: now,
            updated_at: now,
        };
        let secret = new_secret();
        let mut transaction = self.pool.begin().await?;
        let webhook = repo::insert_webhook(&mut transaction, &draft, &secret).await?;
        record(&mut transaction, origin, "createWebhook", None, &webhook).await?;
        transaction.commit().await?;
        Ok(WebhookWithSecret { webhook, secret })
    }

    /// Changes a subscriber's name, URL, event types or state.
    pub async fn update(
        &self,
        origin: &Origin,
        id: Uuid,
        changes: WebhookChanges,
    ) -> Result<Webhook, WebhooksError> {
        let name = changes.name.as_deref().map(parse_name).transpose()?;
        let url = changes.url.as_deref().map(parse_url).transpose()?;
        let event_types = changes
            .event_types
            .as_deref()
            .map(parse_event_types)
            .transpose()?;
        self.change(origin, "updateWebhook", id, None, |webhook| {
            if let Some(name) = name {
                webhook.name = name;
            }
            if let Some(url) = url {
                webhook.url = url;
            }
            if let Some(event_types) = event_types {
                webhook.event_types = event_types;
            }
            if let Some(active) = changes.is_active {
                webhook.is_active = active;
            }
        })
        .await
    }

    /// Gives a subscriber a new secret; the old one stops working at once.
    pub async fn rotate_secret(
        &self,
        origin: &Origin,
        id: Uuid,
    ) -> Result<WebhookWithSecret, WebhooksError> {
        let secret = new_secret();
        let webhook = self
            .change(origin, "rotateWebhookSecret", id, Some(&secret), |_| {})
            .await?;
        Ok(WebhookWithSecret { webhook, secret })
    }

    async fn change(
        &self,
        origin: &Origin,
        action: &'static str,
        id: Uuid,
        secret: Option<&str>,
        edit: impl FnOnce(&mut Webhook),
    ) -> Result<Webhook, WebhooksError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::webhook_for_update(&mut transaction, id)
            .await?
            .ok_or(WebhooksError::WebhookNotFound)?;
        let mut draft = before.clone();
        edit(&mut draft);
        let webhook = repo::update_webhook(&mut transaction, &draft, secret).await?;
        record(&mut transaction, origin, action, Some(&before), &webhook).await?;
        transaction.commit().await?;
        Ok(webhook)
    }

    /// Every subscriber.
    pub async fn webhooks(&self) -> Result<Vec<Webhook>, WebhooksError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::all_webhooks(&mut connection).await?)
    }

    /// One page of deliveries, newest first.
    pub async fn deliveries(
        &self,
        search: &DeliverySearch,
        page: &PageRequest,
    ) -> Result<Vec<WebhookDelivery>, WebhooksError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::search_deliveries(&mut connection, search, page).await?)
    }

    /// Sends a delivery again, now, with a fresh set of attempts (whatever its state).
    pub async fn replay(
        &self,
        origin: &Origin,
        id: Uuid,
    ) -> Result<WebhookDelivery, WebhooksError> {
        let mut transaction = self.pool.begin().await?;
        let before = repo::delivery_for_update(&mut transaction, id)
            .await?
            .ok_or(WebhooksError::DeliveryNotFound)?;
        let after = repo::reschedule_delivery(&mut transaction, id).await?;
        let state = |delivery: &WebhookDelivery| json!({"status": delivery.status.as_str(), "attempts": delivery.attempts});
        audit::record(
            &mut transaction,
            origin,
            Change {
                action: "replayWebhookDelivery",
                entity_type: "WebhookDelivery",
                entity_id: id.to_string(),
                before: Some(state(&before)),
                after: Some(state(&after)),
                events: Vec::new(),
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(after)
    }
}

/// The usage record of a subscriber change: the subscriber before and after, which never holds the secret.
async fn record(
    connection: &mut sqlx::PgConnection,
    origin: &Origin,
    action: &'static str,
    before: Option<&Webhook>,
    after: &Webhook,
) -> Result<(), sqlx::Error> {
    audit::record(
        connection,
        origin,
        Change {
            action,
            entity_type: "Webhook",
            entity_id: after.id.to_string(),
            before: before.map(|webhook| json!(webhook)),
            after: Some(json!(after)),
            events: Vec::new(),
        },
    )
    .await
}
