//! Transfers between warehouses and cycle counts.

use async_graphql::{ComplexObject, Context, InputObject, Object, connection::Connection};
use uuid::Uuid;
use validator::Validate;

use crate::{
    graphql::{
        context::ContextExt,
        error::validate_input,
        loaders::Loaders,
        pagination::{Cursor, PageRequest},
    },
    inventory::{
        model::{
            CountLine, CountStatus, StockCount, Transfer, TransferLine, TransferStatus, Warehouse,
        },
        service::{CountLineInput, TransferLineInput},
    },
    platform::auth::Permission,
    products::model::Product,
};

/// One product and a quantity.
#[derive(Debug, InputObject, Validate, serde::Serialize)]
pub struct TransferLineEntry {
    /// The product.
    pub product_id: Uuid,
    /// Units (positive).
    #[validate(range(min = 1, max = 1_000_000_000, message = "must be 1 to 1,000,000,000"))]
    pub quantity: i64,
}

/// Stock to send from one warehouse to another.
#[derive(Debug, InputObject, Validate)]
pub struct TransferStockInput {
    /// Sending warehouse.
    pub from_warehouse_id: Uuid,
    /// Receiving warehouse.
    pub to_warehouse_id: Uuid,
    /// What to send; each product once.
    #[validate(length(min = 1, max = 200, message = "give 1 to 200 lines"), nested)]
    pub lines: Vec<TransferLineEntry>,
    /// Free text.
    #[validate(length(max = 1000, message = "must be at most 1000 characters"))]
    pub note: Option<String>,
    /// As for `MoveStockInput`.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// What arrived of a transfer.
#[derive(Debug, InputObject, Validate)]
pub struct ReceiveTransferInput {
    /// The transfer.
    pub transfer_id: Uuid,
    /// What arrived now (at most what is still outstanding per product).
    #[validate(length(min = 1, max = 200, message = "give 1 to 200 lines"), nested)]
    pub lines: Vec<TransferLineEntry>,
    /// As for `MoveStockInput`: the same key twice applies once and returns the same result.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// A count to open.
#[derive(Debug, InputObject, Validate)]
pub struct StartStockCountInput {
    /// The warehouse to count.
    pub warehouse_id: Uuid,
    /// Free text, e.g. which aisle.
    #[validate(length(max = 1000, message = "must be at most 1000 characters"))]
    pub note: Option<String>,
    /// As for `MoveStockInput`: the same key twice applies once and returns the same result.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// What was found of one product.
#[derive(Debug, InputObject, Validate)]
pub struct RecordCountLineInput {
    /// The open count.
    pub count_id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// Units found (0 or more).
    #[validate(range(min = 0, max = 1_000_000_000, message = "must be 0 to 1,000,000,000"))]
    pub counted_quantity: i64,
    /// As for `MoveStockInput`: the same key twice applies once and returns the same result.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

/// A count to complete.
#[derive(Debug, InputObject, Validate)]
pub struct CompleteStockCountInput {
    /// The open count.
    pub count_id: Uuid,
    /// As for `MoveStockInput`: the same key twice applies once and returns the same result.
    #[validate(length(min = 8, max = 100, message = "must be 8 to 100 characters"))]
    pub idempotency_key: Option<String>,
}

fn lines(entries: Vec<TransferLineEntry>) -> Vec<TransferLineInput> {
    entries
        .into_iter()
        .map(|entry| TransferLineInput {
            product_id: entry.product_id,
            quantity: entry.quantity,
        })
        .collect()
}

#[ComplexObject]
impl Transfer {
    /// Sending warehouse.
    #[graphql(name = "fromWarehouse")]
    async fn sending_warehouse(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Warehouse>> {
        Ok(Loaders::of(ctx)
            .warehouse_by_id
            .load_one(self.from_warehouse_id)
            .await?)
    }

    /// Receiving warehouse.
    #[graphql(name = "toWarehouse")]
    async fn receiving_warehouse(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Warehouse>> {
        Ok(Loaders::of(ctx)
            .warehouse_by_id
            .load_one(self.to_warehouse_id)
            .await?)
    }
}

#[ComplexObject]
impl TransferLine {
    /// The product.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        Ok(Loaders::of(ctx)
            .product_by_id
            .load_one(self.product_id)
            .await?)
    }

    /// Units still in transit.
    async fn quantity_outstanding(&self) -> i64 {
        self.quantity_sent - self.quantity_received
    }
}

#[ComplexObject]
impl StockCount {
    /// The warehouse counted.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        Ok(Loaders::of(ctx)
            .warehouse_by_id
            .load_one(self.warehouse_id)
            .await?)
    }
}

#[ComplexObject]
impl CountLine {
    /// The product.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        Ok(Loaders::of(ctx)
            .product_by_id
            .load_one(self.product_id)
            .await?)
    }

    /// Counted minus expected, once the count completed.
    #[graphql(name = "variance")]
    async fn variance_field(&self) -> Option<i64> {
        self.variance()
    }
}

/// Transfer and count queries (any signed-in user).
#[derive(Default)]
pub struct DocumentQuery;

#[Object]
impl DocumentQuery {
    /// Transfers, newest first; `warehouseId` matches either end.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn transfers(
        &self,
        ctx: &Context<'_>,
        status: Option<TransferStatus>,
        warehouse_id: Option<Uuid>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Transfer>> {
        ctx.actor()?;
        let page = PageRequest::new(first, after)?;
        let rows = ctx
            .state()
            .inventory
            .transfers(status, warehouse_id, &page)
            .await?;
        Ok(page.connection(rows, |transfer: &Transfer| Cursor {
            time: transfer.created_at,
            id: transfer.id,
        }))
    }

    /// One transfer.
    async fn transfer(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<Option<Transfer>> {
        ctx.actor()?;
        Ok(ctx
            .state()
            .inventory
            .transfers_by_ids(&[id])
            .await?
            .into_iter()
            .next())
    }

    /// Cycle counts, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn stock_counts(
        &self,
        ctx: &Context<'_>,
        warehouse_id: Option<Uuid>,
        status: Option<CountStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, StockCount>> {
        ctx.actor()?;
        let page = PageRequest::new(first, after)?;
        let rows = ctx
            .state()
            .inventory
            .counts(warehouse_id, status, &page)
            .await?;
        Ok(page.connection(rows, |count: &StockCount| Cursor {
            time: count.started_at,
            id: count.id,
        }))
    }

    /// One cycle count.
    async fn stock_count(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<Option<StockCount>> {
        ctx.actor()?;
        Ok(ctx
            .state()
            .inventory
            .counts_by_ids(&[id])
            .await?
            .into_iter()
            .next())
    }
}

/// Transfer and count mutations.
#[derive(Default)]
pub struct DocumentMutation;

#[Object]
impl DocumentMutation {
    /// Sends stock to another warehouse (in transit until received). Needs `stock:move`.
    async fn transfer_stock(
        &self,
        ctx: &Context<'_>,
        input: TransferStockInput,
    ) -> async_graphql::Result<Transfer> {
        ctx.require(Permission::StockMove)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .transfer(
                &ctx.origin(),
                input.from_warehouse_id,
                input.to_warehouse_id,
                lines(input.lines),
                input.note,
                input.idempotency_key.as_deref(),
            )
            .await?)
    }

    /// Receives (part of) a transfer at its destination. Needs `stock:move`.
    async fn receive_transfer(
        &self,
        ctx: &Context<'_>,
        input: ReceiveTransferInput,
    ) -> async_graphql::Result<Transfer> {
        ctx.require(Permission::StockMove)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .receive_transfer(
                &ctx.origin(),
                input.transfer_id,
                lines(input.lines),
                input.idempotency_key.as_deref(),
            )
            .await?)
    }

    /// Opens a cycle count. Needs `stock:adjust`.
    async fn start_stock_count(
        &self,
        ctx: &Context<'_>,
        input: StartStockCountInput,
    ) -> async_graphql::Result<StockCount> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .start_count(
                &ctx.origin(),
                input.warehouse_id,
                input.note,
                input.idempotency_key.as_deref(),
            )
            .await?)
    }

    /// Records what was found of one product. Needs `stock:move` (counters need not adjust stock).
    async fn record_count_line(
        &self,
        ctx: &Context<'_>,
        input: RecordCountLineInput,
    ) -> async_graphql::Result<StockCount> {
        ctx.require(Permission::StockMove)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .record_count_line(
                &ctx.origin(),
                input.count_id,
                CountLineInput {
                    product_id: input.product_id,
                    counted_quantity: input.counted_quantity,
                },
                input.idempotency_key.as_deref(),
            )
            .await?)
    }

    /// Completes a count, posting each difference as a COUNT_VARIANCE movement. Needs `stock:adjust`.
    async fn complete_stock_count(
        &self,
        ctx: &Context<'_>,
        input: CompleteStockCountInput,
    ) -> async_graphql::Result<StockCount> {
        ctx.require(Permission::StockAdjust)?;
        validate_input(&input)?;
        Ok(ctx
            .state()
            .inventory
            .complete_count(
                &ctx.origin(),
                input.count_id,
                input.idempotency_key.as_deref(),
            )
            .await?)
    }
}
