//! SQL for transfers between warehouses.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    graphql::pagination::PageRequest,
    inventory::model::{Transfer, TransferLine, TransferStatus},
};

/// Inserts a transfer in transit with its lines.
pub async fn insert_transfer(
    connection: &mut PgConnection,
    from_warehouse_id: Uuid,
    to_warehouse_id: Uuid,
    note: Option<&str>,
    created_by: Option<Uuid>,
    lines: &[(Uuid, i64)],
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO stock_transfers (id, from_warehouse_id, to_warehouse_id, status, note, created_by)
         VALUES ($1, $2, $3, 'IN_TRANSIT', $4, $5)",
        id,
        from_warehouse_id,
        to_warehouse_id,
        note,
        created_by
    )
    .execute(&mut *connection)
    .await?;
    let products: Vec<Uuid> = lines.iter().map(|(product, _)| *product).collect();
    let quantities: Vec<i64> = lines.iter().map(|(_, quantity)| *quantity).collect();
    sqlx::query!(
        "INSERT INTO stock_transfer_lines (transfer_id, product_id, quantity_sent)
         SELECT $1, * FROM unnest($2::uuid[], $3::bigint[])",
        id,
        &products,
        &quantities
    )
    .execute(connection)
    .await?;
    Ok(id)
}

/// Locks a transfer for update; `false` when it does not exist.
pub async fn lock_transfer(connection: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "SELECT id FROM stock_transfers WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await?
    .is_some())
}

/// Transfers by id with their lines, newest first.
pub async fn transfers_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<Transfer>, sqlx::Error> {
    let headers = sqlx::query!(
        "SELECT id, from_warehouse_id, to_warehouse_id, status, note, created_by, created_at, updated_at
         FROM stock_transfers WHERE id = ANY($1) ORDER BY created_at DESC, id DESC",
        ids
    )
    .fetch_all(&mut *connection)
    .await?;
    let lines = sqlx::query!(
        "SELECT transfer_id, product_id, quantity_sent, quantity_received FROM stock_transfer_lines
         WHERE transfer_id = ANY($1) ORDER BY transfer_id, product_id",
        ids
    )
    .fetch_all(connection)
    .await?;
    Ok(headers
        .into_iter()
        .map(|header| Transfer {
            id: header.id,
            from_warehouse_id: header.from_warehouse_id,
            to_warehouse_id: header.to_warehouse_id,
            status: TransferStatus::from_stored(&header.status),
            note: header.note,
            created_by: header.created_by,
            created_at: header.created_at,
            updated_at: header.updated_at,
            lines: lines
                .iter()
                .filter(|line| line.transfer_id == header.id)
                .map(|line| TransferLine {
                    product_id: line.product_id,
                    quantity_sent: line.quantity_sent,
                    quantity_received: line.quantity_received,
                })
                .collect(),
        })
        .collect())
}

/// Adds to a line's received quantity.
pub async fn add_received(
    connection: &mut PgConnection,
    transfer_id: Uuid,
    product_id: Uuid,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE stock_transfer_lines SET quantity_received = quantity_received + $3
         WHERE transfer_id = $1 AND product_id = $2",
        transfer_id,
        product_id,
        quantity
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Sets a transfer's status.
pub async fn set_transfer_status(
    connection: &mut PgConnection,
    transfer_id: Uuid,
    status: TransferStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE stock_transfers SET status = $2, updated_at = now() WHERE id = $1",
        transfer_id,
        status.as_str()
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Ids of one page of transfers, newest first, optionally by status and warehouse (either end).
pub async fn search_transfer_ids(
    connection: &mut PgConnection,
    status: Option<TransferStatus>,
    warehouse_id: Option<Uuid>,
    page: &PageRequest,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT id FROM stock_transfers
         WHERE ($1::text IS NULL OR status = $1)
           AND ($2::uuid IS NULL OR from_warehouse_id = $2 OR to_warehouse_id = $2)
           AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
         ORDER BY created_at DESC, id DESC
         LIMIT $5",
        status.map(TransferStatus::as_str),
        warehouse_id,
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit()
    )
    .fetch_all(connection)
    .await
}
