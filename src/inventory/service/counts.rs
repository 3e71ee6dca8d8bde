//! Cycle counts: record what is on the shelf, then complete the count to post each difference to the ledger
//! as a COUNT_VARIANCE movement.

use serde::Serialize;
use uuid::Uuid;

use super::{
    InventoryService, MovementRequest, Recorded, apply_movement, check_warehouse, record_change,
    run_idempotent,
};
use crate::{
    audit::Origin,
    graphql::pagination::PageRequest,
    inventory::{
        error::InventoryError,
        events,
        model::{CountStatus, Direction, MovementType, StockCount},
        repo::{self as levels, counts as repo},
    },
};

/// The reason written on every COUNT_VARIANCE movement (Thai, like the reasons people type).
const VARIANCE_REASON: &str = "ผลต่างจากการตรวจนับสต็อก";

/// One product counted.
#[derive(Debug, Clone, Serialize)]
pub struct CountLineInput {
    /// The product.
    pub product_id: Uuid,
    /// Units found.
    pub counted_quantity: i64,
}

impl InventoryService {
    /// Opens a count of a warehouse.
    pub async fn start_count(
        &self,
        origin: &Origin,
        warehouse_id: Uuid,
        note: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<StockCount, InventoryError> {
        let request = (warehouse_id, note.clone());
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            "startStockCount",
            origin,
            idempotency_key,
            &request,
            move |connection| {
                let origin = owned_origin;
                Box::pin(async move {
                    check_warehouse(connection, warehouse_id).await?;
                    let id = repo::insert_count(
                        connection,
                        warehouse_id,
                        note.as_deref(),
                        origin.user_id,
                    )
                    .await?;
                    let count = load(connection, id).await?;
                    record_change(connection, &origin, "startStockCount", None, &count).await?;
                    Ok(count)
                })
            },
        )
        .await
    }

    /// Records what was found of one product (again, if re-counted) while the count is open.
    pub async fn record_count_line(
        &self,
        origin: &Origin,
        count_id: Uuid,
        line: CountLineInput,
        idempotency_key: Option<&str>,
    ) -> Result<StockCount, InventoryError> {
        if !(0..=super::MAX_QUANTITY).contains(&line.counted_quantity) {
            return Err(InventoryError::BadInput(
                "input.countedQuantity",
                "must be 0 or more".into(),
            ));
        }
        let request = (count_id, line.clone());
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            "recordCountLine",
            origin,
            idempotency_key,
            &request,
            move |connection| {
                let origin = owned_origin;
                Box::pin(async move {
                    let count = open_count(connection, count_id).await?;
                    if levels::product_is_active(connection, line.product_id)
                        .await?
                        .is_none()
                    {
                        return Err(InventoryError::ProductNotFound);
                    }
                    repo::upsert_line(connection, count.id, line.product_id, line.counted_quantity)
                        .await?;
                    let count = load(connection, count_id).await?;
                    record_change(connection, &origin, "recordCountLine", None, &count).await?;
                    Ok(count)
                })
            },
        )
        .await
    }

    /// Completes a count: each line's difference from on hand becomes a COUNT_VARIANCE movement.
    pub async fn complete_count(
        &self,
        origin: &Origin,
        count_id: Uuid,
        idempotency_key: Option<&str>,
    ) -> Result<StockCount, InventoryError> {
        let request = count_id;
        let owned_origin = origin.clone();
        run_idempotent(&self.pool, "completeStockCount", origin, idempotency_key, &request, move |connection| {
            let origin = owned_origin;
            Box::pin(async move {
        let count = open_count(connection, count_id).await?;
        for line in &count.lines {
            let on_hand = levels::level(connection, line.product_id, count.warehouse_id)
                .await?
                .map_or(0, |level| level.on_hand);
            repo::set_expected(connection, count_id, line.product_id, on_hand).await?;
            let variance = line.counted_quantity - on_hand;
            if variance == 0 {
                continue;
            }
            let request = MovementRequest {
                product_id: line.product_id,
                warehouse_id: count.warehouse_id,
                movement_type: MovementType::CountVariance,
                direction: if variance > 0 {
                    Direction::Up
                } else {
                    Direction::Down
                },
                quantity: variance.abs(),
                reason: Some(VARIANCE_REASON.into()),
                reference_type: Some("STOCK_COUNT".into()),
                reference_id: Some(count_id.to_string()),
                note: None,
                occurred_at: None,
            };
            apply_movement(connection, &origin, "completeStockCount", &request)
                .await
                .map_err(|error| match error {
                    InventoryError::InsufficientStock { .. } => InventoryError::Inactive(
                        "a counted quantity is below what is reserved: release those reservations first",
                    ),
                    other => other,
                })?;
        }
        repo::complete(connection, count_id).await?;
        let count = load(connection, count_id).await?;
        record_change(connection, &origin, "completeStockCount", None, &count).await?;
        Ok(count)
            })
        })
        .await
    }

    /// Counts by id (for queries).
    pub async fn counts_by_ids(&self, ids: &[Uuid]) -> Result<Vec<StockCount>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::counts_by_ids(&mut connection, ids).await?)
    }

    /// One page of counts, newest first.
    pub async fn counts(
        &self,
        warehouse_id: Option<Uuid>,
        status: Option<CountStatus>,
        page: &PageRequest,
    ) -> Result<Vec<StockCount>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        let ids = repo::search_count_ids(&mut connection, warehouse_id, status, page).await?;
        Ok(repo::counts_by_ids(&mut connection, &ids).await?)
    }
}

async fn open_count(
    connection: &mut sqlx::PgConnection,
    count_id: Uuid,
) -> Result<StockCount, InventoryError> {
    if !repo::lock_count(connection, count_id).await? {
        return Err(InventoryError::CountNotFound);
    }
    let count = load(connection, count_id).await?;
    if count.status != CountStatus::Open {
        return Err(InventoryError::Inactive("this count is already completed"));
    }
    Ok(count)
}

async fn load(connection: &mut sqlx::PgConnection, id: Uuid) -> Result<StockCount, InventoryError> {
    repo::counts_by_ids(connection, &[id])
        .await?
        .into_iter()
        .next()
        .ok_or(InventoryError::CountNotFound)
}

impl Recorded for StockCount {
    const ENTITY_TYPE: &'static str = "StockCount";
    const EVENT_TYPE: &'static str = events::COUNT_UPDATED;
    fn id(&self) -> Uuid {
        self.id
    }
}
