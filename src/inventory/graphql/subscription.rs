//! Live stock: every movement and every low-stock crossing, from the Kafka consumer of each instance.

use async_graphql::{Context, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use futures::Stream;
use uuid::Uuid;

use crate::{
    graphql::live::{events_for, items},
    inventory::{
        events,
        model::{StockLevel, StockMovement},
    },
    platform::events::CloudEvent,
};

/// A movement as it happened, with the level it left.
#[derive(Debug, Clone, SimpleObject)]
pub struct StockChange {
    /// Event id (unique; the same in Kafka and webhooks).
    pub event_id: Uuid,
    /// The movement.
    pub movement: StockMovement,
    /// The level after it.
    pub level: StockLevel,
}

/// A level that fell to or below its reorder point.
#[derive(Debug, Clone, SimpleObject)]
pub struct LowStockAlert {
    /// Event id.
    pub event_id: Uuid,
    /// The level.
    pub level: StockLevel,
    /// When it crossed.
    pub occurred_at: DateTime<Utc>,
}

/// Inventory subscriptions (any signed-in user; checked again for every event pushed).
#[derive(Default)]
pub struct InventorySubscription;

#[Subscription]
impl InventorySubscription {
    /// Every stock movement, optionally only in one warehouse and/or of one product.
    async fn stock_changed(
        &self,
        ctx: &Context<'_>,
        warehouse_id: Option<Uuid>,
        product_id: Option<Uuid>,
        #[graphql(desc = "Resume after this event id: first every later change, then live ones.")]
        after: Option<Uuid>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<StockChange>> + use<>> {
        let stream = events_for(ctx, None, &[events::STOCK_CHANGED], after).await?;
        Ok(items(stream, move |event| {
            let level = decode_level(event)?;
            let movement = serde_json::from_value(event.data.get("movement")?.clone()).ok()?;
            let wanted = warehouse_id.is_none_or(|id| id == level.warehouse_id)
                && product_id.is_none_or(|id| id == level.product_id);
            wanted.then_some(StockChange {
                event_id: event.id,
                movement,
                level,
            })
        }))
    }

    /// Levels falling to or below their reorder point, optionally only in one warehouse.
    async fn low_stock(
        &self,
        ctx: &Context<'_>,
        warehouse_id: Option<Uuid>,
        #[graphql(desc = "Resume after this event id: first every later alert, then live ones.")]
        after: Option<Uuid>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<LowStockAlert>> + use<>>
    {
        let stream = events_for(ctx, None, &[events::LOW_STOCK], after).await?;
        Ok(items(stream, move |event| {
            decode_level(event)
                .filter(|level| warehouse_id.is_none_or(|id| id == level.warehouse_id))
                .map(|level| LowStockAlert {
                    event_id: event.id,
                    level,
                    occurred_at: event.time,
                })
        }))
    }
}

fn decode_level(event: &CloudEvent) -> Option<StockLevel> {
    serde_json::from_value(event.data.get("level")?.clone()).ok()
}
