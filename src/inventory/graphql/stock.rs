//! Stock levels and the ledger (reads), and the stock mutations, which all go through one write path.

use async_graphql::{Context, InputObject, Object, SimpleObject, connection::Connection};
use chrono::{DateTime, Utc};
use uuid::Uuid;
use validator::Validate;

use crate::{
    graphql::{
        context::ContextExt,
        error::{ApiError, validate_input},
        pagination::{Cursor, PageRequest, connection, decode_cursor, encode_cursor, page_size},
    },
    inventory::{
        model::{Direction, MovementType, StockLevel, StockMovement},
        repo::{LevelSearch, MovementSearch},
        service::{MovementOutcome, MovementRequest, ReorderSetting},
    },
    platform::auth::Permission,
};

/// Receive, issue, reserve or release stock.
#[derive(Debug, InputObject, Validate)]
pub struct MoveStockInput {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Units (positive).
    #[validate(range(min = 1, max = 1_000_000_000, message = "must be 1 to 1,000,000,000"))]
    pub quantity: i64,
    /// The causing document's type, e.g. `PURCHASE_ORDER`, `DELIVERY_ORDER`.
    #[validate(length(min = 1, max = 40, message = "must be 1 to 40 characters"))]
    pub reference_type: Option<String>,
    /// The causing document's id.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub reference_id: Option<String>,
    /// Free text.
    #[validate(length(max = 1000, message = "must be at most 1000 characters"))]
    pub note: Option<String>,
    /// Send the same key again (e.g. after a timeout) and the movement applies once; the repeat gets the first
    /// result. 8–100 characters, unique per client operation.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// A correction of on-hand stock, up or down, with a reason.
#[derive(Debug, InputObject, Validate)]
pub struct AdjustStockInput {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Units to add (positive) or remove (negative); not zero.
    #[validate(range(min = -1_000_000_000, max = 1_000_000_000, message = "must be between -1,000,000,000 and 1,000,000,000"))]
    pub quantity_change: i64,
    /// Why, e.g. `สินค้าเสียหาย` (damaged), `พบสินค้าเพิ่ม` (found).
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub reason: String,
    /// Free text.
    #[validate(length(max = 1000, message = "must be at most 1000 characters"))]
    pub note: Option<String>,
    /// As for `MoveStockInput`.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// A level's reorder settings.
#[derive(Debug, InputObject, Validate)]
pub struct SetReorderPointInput {
    /// The product.
    pub product_id: Uuid,
    /// The warehouse.
    pub warehouse_id: Uuid,
    /// Low stock at or below this available quantity.
    #[validate(range(min = 0, max = 1_000_000_000, message = "must be 0 to 1,000,000,000"))]
    pub reorder_point: i64,
    /// How much to order when low.
    #[validate(range(min = 0, max = 1_000_000_000, message = "must be 0 to 1,000,000,000"))]
    pub reorder_quantity: i64,
    /// As for `MoveStockInput`: the same key twice applies once and returns the same result.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// A movement and the level it left.
#[derive(Debug, SimpleObject)]
pub struct StockMovementPayload {
    /// The ledger entry.
    pub movement: StockMovement,
    /// The level after the movement.
    pub level: StockLevel,
}

impl From<MovementOutcome> for StockMovementPayload {
    fn from(outcome: MovementOutcome) -> Self {
        Self {
            movement: outcome.movement,
            level: outcome.level,
        }
    }
}

/// Filters for `stockLevels`.
#[derive(Debug, Default, InputObject)]
pub struct StockLevelFilter {
    /// Only this warehouse.
    pub warehouse_id: Option<Uuid>,
    /// Only this product.
    pub product_id: Option<Uuid>,
    /// Only levels at (true) or above (false) their reorder point.
    pub below_reorder_point: Option<bool>,
    /// Only products whose home is this bin.
    pub bin_id: Option<Uuid>,
}

/// Filters for `stockMovements`.
#[derive(Debug, Default, InputObject)]
pub struct StockMovementFilter {
    /// Only this product.
    pub product_id: Option<Uuid>,
    /// Only this warehouse.
    pub warehouse_id: Option<Uuid>,
    /// Only this kind.
    #[graphql(name = "type")]
    pub movement_type: Option<MovementType>,
    /// From this time (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive).
    pub to: Option<DateTime<Utc>>,
}

/// Stock queries (any signed-in user).
#[derive(Default)]
pub struct StockQuery;

#[Object]
impl StockQuery {
    /// Stock levels by warehouse, then product.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn stock_levels(
        &self,
        ctx: &Context<'_>,
        filter: Option<StockLevelFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, StockLevel>> {
        ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let first = page_size(first)?;
        let after = after
            .as_deref()
            .map(decode_cursor::<(Uuid, Uuid)>)
            .transpose()?;
        let search = LevelSearch {
            warehouse_id: filter.warehouse_id,
            product_id: filter.product_id,
            below_reorder_point: filter.below_reorder_point,
            bin_id: filter.bin_id,
        };
        let rows = ctx
            .state()
            .inventory
            .levels(&search, after, i64::from(first) + 1)
            .await?;
        Ok(connection(rows, first, after.is_some(), |level| {
            encode_cursor(&(level.warehouse_id, level.product_id))
        }))
    }

    /// The movement ledger, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        filter: Option<StockMovementFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, StockMovement>> {
        ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = PageRequest::new(first, after)?;
        let search = MovementSearch {
            product_id: filter.product_id,
            warehouse_id: filter.warehouse_id,
            movement_type: filter.movement_type,
            from: filter.from,
            to: filter.to,
        };
        let rows = ctx.state().inventory.movements(&search, &page).await?;
        Ok(page.connection(rows, |movement: &StockMovement| Cursor {
            time: movement.occurred_at,
            id: movement.id,
        }))
    }
}

/// Stock mutations.
#[derive(Default)]
pub struct StockMutation;

#[Object]
impl StockMutation {
    /// Goods arrived. Needs `stock:move`.
    async fn receive_stock(
        &self,
        ctx: &Context<'_>,
        input: MoveStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        move_stock(ctx, "receiveStock", MovementType::Receive, input).await
    }

    /// Goods left; refused with `INSUFFICIENT_STOCK` beyond available stock. Needs `stock:move`.
    async fn issue_stock(
        &self,
        ctx: &Context<'_>,
        input: MoveStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        move_stock(ctx, "issueStock", MovementType::Issue, input).await
    }

    /// Promises stock to an order; refused with `INSUFFICIENT_STOCK` beyond available stock. Needs `stock:move`.
    async fn reserve_stock(
        &self,
        ctx: &Context<'_>,
        input: MoveStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        move_stock(ctx, "reserveStock", MovementType::Reserve, input).await
    }

    /// Withdraws a promise; refused beyond what is reserved. Needs `stock:move`.
    async fn release_stock(
        &self,
        ctx: &Context<'_>,
        input: MoveStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        move_stock(ctx, "releaseStock", MovementType::Release, input).await
    }

    /// Corrects on-hand stock with a reason; cannot go below what is reserved. Needs `stock:adjust`.
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        input: AdjustStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        if input.quantity_change == 0 {
            return Err(ApiError::bad_field("input.quantityChange", "must not be zero").into());
        }
        let request = MovementRequest {
            product_id: input.product_id,
            warehouse_id: input.warehouse_id,
            movement_type: MovementType::Adjust,
            direction: if input.quantity_change < 0 {
                Direction::Down
            } else {
                Direction::Up
            },
            quantity: input.quantity_change.abs(),
            reason: Some(input.reason),
            reference_type: None,
            reference_id: None,
            note: input.note,
            occurred_at: None,
        };
        let outcome = ctx
            .state()
            .inventory
            .move_stock(
                &ctx.origin(),
                "adjustStock",
                request,
                input.idempotency_key.as_deref(),
            )
            .await?;
        Ok(outcome.into())
    }

    /// Sets a level's reorder point and quantity. Needs `stock:adjust`.
    async fn set_reorder_point(
        &self,
        ctx: &Context<'_>,
        input: SetReorderPointInput,
    ) -> async_graphql::Result<StockLevel> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .set_reorder_point(
                &ctx.origin(),
                ReorderSetting {
                    product_id: input.product_id,
                    warehouse_id: input.warehouse_id,
                    reorder_point: input.reorder_point,
                    reorder_quantity: input.reorder_quantity,
                },
                input.idempotency_key.as_deref(),
            )
            .await?)
    }
}

async fn move_stock(
    ctx: &Context<'_>,
    action: &'static str,
    movement_type: MovementType,
    input: MoveStockInput,
) -> async_graphql::Result<StockMovementPayload> {
    ctx.require(Permission::StockMove)?;
    validate_input(&input)?;
    let request = MovementRequest {
        product_id: input.product_id,
        warehouse_id: input.warehouse_id,
        movement_type,
        direction: Direction::Up,
        quantity: input.quantity,
        reason: None,
        reference_type: input.reference_type,
        reference_id: input.reference_id,
        note: input.note,
        occurred_at: None,
    };
    let outcome = ctx
        .state()
        .inventory
        .move_stock(
            &ctx.origin(),
            action,
            request,
            input.idempotency_key.as_deref(),
        )
        .await?;
    Ok(outcome.into())
}
