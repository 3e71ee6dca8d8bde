//! Transfers: stock leaves one warehouse (TRANSFER_OUT) and is in transit until the other receives it
//! (TRANSFER_IN), in full or in parts.

use serde::Serialize;
use uuid::Uuid;

use super::{
    InventoryService, MovementRequest, Recorded, apply_movement, check_product, check_request,
    check_warehouse, record_change, run_idempotent,
};
use crate::{
    audit::Origin,
    graphql::pagination::PageRequest,
    inventory::{
        error::InventoryError,
        events,
        model::{Direction, MovementType, Transfer, TransferStatus},
        repo::transfers as repo,
    },
};

/// One product of a transfer or a receipt.
#[derive(Debug, Clone, Serialize)]
pub struct TransferLineInput {
    /// The product.
    pub product_id: Uuid,
    /// Units.
    pub quantity: i64,
}

#[derive(Serialize)]
struct TransferRequest {
    from: Uuid,
    to: Uuid,
    lines: Vec<TransferLineInput>,
    note: Option<String>,
}

impl InventoryService {
    /// Sends stock from one warehouse to another: every line leaves at once or none does.
    pub async fn transfer(
        &self,
        origin: &Origin,
        from_warehouse_id: Uuid,
        to_warehouse_id: Uuid,
        lines: Vec<TransferLineInput>,
        note: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<Transfer, InventoryError> {
        if from_warehouse_id == to_warehouse_id {
            return Err(InventoryError::BadInput(
                "input.toWarehouseId",
                "must differ from the sending warehouse".into(),
            ));
        }
        let mut lines = lines;
        // A stable order of row locks: two transfers of the same products never deadlock.
        lines.sort_by_key(|line| line.product_id);
        check_distinct_products(&lines)?;
        let request = TransferRequest {
            from: from_warehouse_id,
            to: to_warehouse_id,
            lines: lines.clone(),
            note: note.clone(),
        };
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            "transferStock",
            origin,
            idempotency_key,
            &request,
            move |connection| {
                let origin = owned_origin;
                Box::pin(async move {
                    check_warehouse(connection, from_warehouse_id).await?;
                    check_warehouse(connection, to_warehouse_id).await?;
                    for line in &lines {
                        check_product(connection, line.product_id, MovementType::TransferOut)
                            .await?;
                    }
                    let pairs: Vec<(Uuid, i64)> = lines
                        .iter()
                        .map(|line| (line.product_id, line.quantity))
                        .collect();
                    let id = repo::insert_transfer(
                        connection,
                        from_warehouse_id,
                        to_warehouse_id,
                        note.as_deref(),
                        origin.user_id,
                        &pairs,
                    )
                    .await?;
                    for line in &lines {
                        let request = transfer_movement(
                            MovementType::TransferOut,
                            from_warehouse_id,
                            line,
                            id,
                        );
                        check_request(&request)?;
                        apply_movement(connection, &origin, "transferStock", &request).await?;
                    }
                    let transfer = load(connection, id).await?;
                    record_change(connection, &origin, "transferStock", None, &transfer).await?;
                    Ok(transfer)
                })
            },
        )
        .await
    }

    /// Receives (part of) a transfer at its destination; with an idempotency key, a repeat returns the first
    /// result.
    pub async fn receive_transfer(
        &self,
        origin: &Origin,
        transfer_id: Uuid,
        mut lines: Vec<TransferLineInput>,
        idempotency_key: Option<&str>,
    ) -> Result<Transfer, InventoryError> {
        lines.sort_by_key(|line| line.product_id);
        check_distinct_products(&lines)?;
        let request = (transfer_id, lines.clone());
        let owned_origin = origin.clone();
        run_idempotent(
            &self.pool,
            "receiveTransfer",
            origin,
            idempotency_key,
            &request,
            move |connection| {
                let origin = owned_origin;
                Box::pin(async move {
                    if !repo::lock_transfer(connection, transfer_id).await? {
                        return Err(InventoryError::TransferNotFound);
                    }
                    let before = load(connection, transfer_id).await?;
                    for (index, line) in lines.iter().enumerate() {
                        let Some(sent) = before
                            .lines
                            .iter()
                            .find(|sent| sent.product_id == line.product_id)
                        else {
                            return Err(InventoryError::BadLine {
                                index,
                                field: "productId",
                                problem: "is not in this transfer".into(),
                            });
                        };
                        let outstanding = sent.quantity_sent - sent.quantity_received;
                        if line.quantity > outstanding {
                            return Err(InventoryError::BadLine {
                                index,
                                field: "quantity",
                                problem: format!(
                                    "{outstanding} outstanding, {} received",
                                    line.quantity
                                ),
                            });
                        }
                        let request = transfer_movement(
                            MovementType::TransferIn,
                            before.to_warehouse_id,
                            line,
                            transfer_id,
                        );
                        check_request(&request)?;
                        apply_movement(connection, &origin, "receiveTransfer", &request).await?;
                        repo::add_received(connection, transfer_id, line.product_id, line.quantity)
                            .await?;
                    }
                    let mut transfer = load(connection, transfer_id).await?;
                    let status = TransferStatus::of_lines(&transfer.lines);
                    repo::set_transfer_status(connection, transfer_id, status).await?;
                    transfer.status = status;
                    record_change(connection, &origin, "receiveTransfer", None, &transfer).await?;
                    Ok(transfer)
                })
            },
        )
        .await
    }

    /// Transfers by id (for queries).
    pub async fn transfers_by_ids(&self, ids: &[Uuid]) -> Result<Vec<Transfer>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        Ok(repo::transfers_by_ids(&mut connection, ids).await?)
    }

    /// One page of transfers, newest first.
    pub async fn transfers(
        &self,
        status: Option<TransferStatus>,
        warehouse_id: Option<Uuid>,
        page: &PageRequest,
    ) -> Result<Vec<Transfer>, InventoryError> {
        let mut connection = self.pool.acquire().await?;
        let ids = repo::search_transfer_ids(&mut connection, status, warehouse_id, page).await?;
        Ok(repo::transfers_by_ids(&mut connection, &ids).await?)
    }
}

fn transfer_movement(
    movement_type: MovementType,
    warehouse_id: Uuid,
    line: &TransferLineInput,
    transfer_id: Uuid,
) -> MovementRequest {
    MovementRequest {
        product_id: line.product_id,
        warehouse_id,
        movement_type,
        direction: Direction::Up,
        quantity: line.quantity,
        reason: None,
        reference_type: Some("TRANSFER".into()),
        reference_id: Some(transfer_id.to_string()),
        note: None,
        occurred_at: None,
    }
}

fn check_distinct_products(lines: &[TransferLineInput]) -> Result<(), InventoryError> {
    if lines.is_empty() {
        return Err(InventoryError::BadInput(
            "input.lines",
            "give at least one line".into(),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    match lines.iter().position(|line| !seen.insert(line.product_id)) {
        Some(index) => Err(InventoryError::BadLine {
            index,
            field: "productId",
            problem: "appears on an earlier line: each product may appear once".into(),
        }),
        None => Ok(()),
    }
}

async fn load(connection: &mut sqlx::PgConnection, id: Uuid) -> Result<Transfer, InventoryError> {
    repo::transfers_by_ids(connection, &[id])
        .await?
        .into_iter()
        .next()
        .ok_or(InventoryError::TransferNotFound)
}

impl Recorded for Transfer {
    const ENTITY_TYPE: &'static str = "Transfer";
    const EVENT_TYPE: &'static str = events::TRANSFER_UPDATED;
    fn id(&self) -> Uuid {
        self.id
    }
}
