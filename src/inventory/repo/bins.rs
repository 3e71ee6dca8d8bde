//! SQL for warehouse bins and the home bin of a stock level.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::inventory::model::{StockLevel, WarehouseBin};

/// Bins of the given warehouses, by warehouse then code (for loaders).
pub async fn bins_of_warehouses(
    connection: &mut PgConnection,
    warehouse_ids: &[Uuid],
) -> Result<Vec<WarehouseBin>, sqlx::Error> {
    sqlx::query_as!(
        WarehouseBin,
        "SELECT id, warehouse_id, code, description, is_active, created_at, updated_at FROM warehouse_bins
         WHERE warehouse_id = ANY($1) ORDER BY warehouse_id, code",
        warehouse_ids
    )
    .fetch_all(connection)
    .await
}

/// Bins by id (for loaders).
pub async fn bins_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<WarehouseBin>, sqlx::Error> {
    sqlx::query_as!(
        WarehouseBin,
        "SELECT id, warehouse_id, code, description, is_active, created_at, updated_at FROM warehouse_bins
         WHERE id = ANY($1)",
        ids
    )
    .fetch_all(connection)
    .await
}

/// One bin, locked for update.
pub async fn bin_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<WarehouseBin>, sqlx::Error> {
    sqlx::query_as!(
        WarehouseBin,
        "SELECT id, warehouse_id, code, description, is_active, created_at, updated_at FROM warehouse_bins
         WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Inserts a bin.
pub async fn insert_bin(
    connection: &mut PgConnection,
    bin: &WarehouseBin,
) -> Result<WarehouseBin, sqlx::Error> {
    sqlx::query_as!(
        WarehouseBin,
        "INSERT INTO warehouse_bins (id, warehouse_id, code, description) VALUES ($1, $2, $3, $4)
         RETURNING id, warehouse_id, code, description, is_active, created_at, updated_at",
        Uuid::now_v7(),
        bin.warehouse_id,
        bin.code,
        bin.description
    )
    .fetch_one(connection)
    .await
}

/// Writes a bin's editable fields.
pub async fn update_bin(
    connection: &mut PgConnection,
    bin: &WarehouseBin,
) -> Result<WarehouseBin, sqlx::Error> {
    sqlx::query_as!(
        WarehouseBin,
        "UPDATE warehouse_bins SET description = $2, is_active = $3, updated_at = now() WHERE id = $1
         RETURNING id, warehouse_id, code, description, is_active, created_at, updated_at",
        bin.id,
        bin.description,
        bin.is_active
    )
    .fetch_one(connection)
    .await
}

/// How many stock levels name this bin as their home.
pub async fn levels_in_bin(
    connection: &mut PgConnection,
    bin_id: Uuid,
) -> Result<i64, sqlx::Error> {
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM stock_levels WHERE bin_id = $1"#,
        bin_id
    )
    .fetch_one(connection)
    .await?;
    Ok(count)
}

/// Sets (or clears) the home bin of a level, creating the level if needed; returns the level.
pub async fn assign_bin(
    connection: &mut PgConnection,
    product_id: Uuid,
    warehouse_id: Uuid,
    bin_id: Option<Uuid>,
) -> Result<StockLevel, sqlx::Error> {
    sqlx::query_as!(
        StockLevel,
        "INSERT INTO stock_levels (product_id, warehouse_id, bin_id) VALUES ($1, $2, $3)
         ON CONFLICT (product_id, warehouse_id) DO UPDATE SET bin_id = $3, updated_at = now()
         RETURNING product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                   below_reorder AS below_reorder_point, bin_id, updated_at",
        product_id,
        warehouse_id,
        bin_id
    )
    .fetch_one(connection)
    .await
}
