//! SQL for warehouses, stock levels and the movement ledger; transfers and counts in their own modules.

pub mod bins;
pub mod counts;
pub mod dashboard;
pub mod transfers;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Deltas, MovementType, StockLevel, StockMovement, Warehouse};
use crate::graphql::pagination::PageRequest;

/// Every warehouse, by code.
pub async fn all_warehouses(connection: &mut PgConnection) -> Result<Vec<Warehouse>, sqlx::Error> {
    sqlx::query_as!(
        Warehouse,
        "SELECT id, code, name_th, name_en, address, is_active, created_at, updated_at FROM warehouses ORDER BY code"
    )
    .fetch_all(connection)
    .await
}

/// Warehouses by id.
pub async fn warehouses_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<Warehouse>, sqlx::Error> {
    sqlx::query_as!(
        Warehouse,
        "SELECT id, code, name_th, name_en, address, is_active, created_at, updated_at FROM warehouses
         WHERE id = ANY($1)",
        ids
    )
    .fetch_all(connection)
    .await
}

/// One warehouse, locked for update.
pub async fn warehouse_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<Warehouse>, sqlx::Error> {
    sqlx::query_as!(
        Warehouse,
        "SELECT id, code, name_th, name_en, address, is_active, created_at, updated_at FROM warehouses
         WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Inserts a warehouse.
pub async fn insert_warehouse(
    connection: &mut PgConnection,
    warehouse: &Warehouse,
) -> Result<Warehouse, sqlx::Error> {
    sqlx::query_as!(
        Warehouse,
        "INSERT INTO warehouses (id, code, name_th, name_en, address) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, code, name_th, name_en, address, is_active, created_at, updated_at",
        Uuid::now_v7(),
        warehouse.code,
        warehouse.name_th,
        warehouse.name_en,
        warehouse.address
    )
    .fetch_one(connection)
    .await
}

/// Writes a warehouse's editable fields.
pub async fn update_warehouse(
    connection: &mut PgConnection,
    warehouse: &Warehouse,
) -> Result<Warehouse, sqlx::Error> {
    sqlx::query_as!(
        Warehouse,
        "UPDATE warehouses SET name_th = $2, name_en = $3, address = $4, is_active = $5, updated_at = now()
         WHERE id = $1
         RETURNING id, code, name_th, name_en, address, is_active, created_at, updated_at",
        warehouse.id,
        warehouse.name_th,
        warehouse.name_en,
        warehouse.address,
        warehouse.is_active
    )
    .fetch_one(connection)
    .await
}

/// Whether the product exists and is active (`None` when it does not exist).
pub async fn product_is_active(
    connection: &mut PgConnection,
    product_id: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar!("SELECT is_active FROM products WHERE id = $1", product_id)
        .fetch_optional(connection)
        .await
}

/// Applies `deltas` to a level if the result keeps on hand, reserved and available non-negative; creates the
/// level on first use. Returns the level after the change, or `None` when the stock does not suffice.
pub async fn apply_deltas(
    connection: &mut PgConnection,
    product_id: Uuid,
    warehouse_id: Uuid,
    deltas: Deltas,
) -> Result<Option<StockLevel>, sqlx::Error> {
    sqlx::query!(
        "INSERT INTO stock_levels (product_id, warehouse_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        product_id,
        warehouse_id
    )
    .execute(&mut *connection)
    .await?;
    sqlx::query_as!(
        StockLevel,
        "UPDATE stock_levels SET on_hand = on_hand + $3, reserved = reserved + $4, updated_at = now()
         WHERE product_id = $1 AND warehouse_id = $2
           AND reserved + $4 >= 0 AND on_hand + $3 >= reserved + $4
         RETURNING product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                   below_reorder AS below_reorder_point, bin_id, updated_at",
        product_id,
        warehouse_id,
        deltas.on_hand,
        deltas.reserved
    )
    .fetch_optional(connection)
    .await
}

/// The level of one product in one warehouse.
pub async fn level(
    connection: &mut PgConnection,
    product_id: Uuid,
    warehouse_id: Uuid,
) -> Result<Option<StockLevel>, sqlx::Error> {
    sqlx::query_as!(
        StockLevel,
        "SELECT product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                below_reorder AS below_reorder_point, bin_id, updated_at
         FROM stock_levels WHERE product_id = $1 AND warehouse_id = $2",
        product_id,
        warehouse_id
    )
    .fetch_optional(connection)
    .await
}

/// Records whether a level is at or below its reorder point.
pub async fn set_below_reorder(
    connection: &mut PgConnection,
    product_id: Uuid,
    warehouse_id: Uuid,
    below: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE stock_levels SET below_reorder = $3 WHERE product_id = $1 AND warehouse_id = $2",
        product_id,
        warehouse_id,
        below
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Sets the reorder point and quantity of a level (creating it if needed); returns the level.
pub async fn set_reorder_point(
    connection: &mut PgConnection,
    product_id: Uuid,
    warehouse_id: Uuid,
    reorder_point: i64,
    reorder_quantity: i64,
) -> Result<StockLevel, sqlx::Error> {
    sqlx::query_as!(
        StockLevel,
        "INSERT INTO stock_levels (product_id, warehouse_id, reorder_point, reorder_quantity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (product_id, warehouse_id)
         DO UPDATE SET reorder_point = $3, reorder_quantity = $4, updated_at = now()
         RETURNING product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                   below_reorder AS below_reorder_point, bin_id, updated_at",
        product_id,
        warehouse_id,
        reorder_point,
        reorder_quantity
    )
    .fetch_one(connection)
    .await
}

/// A movement about to be written.
#[derive(Debug, Clone)]
pub struct NewMovement<'a> {
    /// Kind.
    pub movement_type: MovementType,
    /// Units moved.
    pub quantity: i64,
    /// The deltas applied.
    pub deltas: Deltas,
    /// The level after.
    pub level: &'a StockLevel,
    /// Why.
    pub reason: Option<&'a str>,
    /// Causing document type.
    pub reference_type: Option<&'a str>,
    /// Causing document id.
    pub reference_id: Option<&'a str>,
    /// Free text.
    pub note: Option<&'a str>,
    /// Who.
    pub actor_user_id: Option<Uuid>,
    /// When, for imported history; now otherwise.
    pub occurred_at: Option<DateTime<Utc>>,
}

/// Appends a movement to the ledger.
pub async fn insert_movement(
    connection: &mut PgConnection,
    movement: &NewMovement<'_>,
) -> Result<StockMovement, sqlx::Error> {
    let row = sqlx::query!(
        "INSERT INTO stock_movements (id, product_id, warehouse_id, movement_type, quantity, on_hand_delta,
                                      reserved_delta, on_hand_after, reserved_after, reason, reference_type,
                                      reference_id, note, actor_user_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, COALESCE($15, clock_timestamp()))
         RETURNING id, occurred_at",
        Uuid::now_v7(),
        movement.level.product_id,
        movement.level.warehouse_id,
        movement.movement_type.as_str(),
        movement.quantity,
        movement.deltas.on_hand,
        movement.deltas.reserved,
        movement.level.on_hand,
        movement.level.reserved,
        movement.reason,
        movement.reference_type,
        movement.reference_id,
        movement.note,
        movement.actor_user_id,
        movement.occurred_at,
    )
    .fetch_one(connection)
    .await?;
    Ok(StockMovement {
        id: row.id,
        product_id: movement.level.product_id,
        warehouse_id: movement.level.warehouse_id,
        movement_type: movement.movement_type,
        quantity: movement.quantity,
        on_hand_delta: movement.deltas.on_hand,
        reserved_delta: movement.deltas.reserved,
        on_hand_after: movement.level.on_hand,
        reserved_after: movement.level.reserved,
        reason: movement.reason.map(str::to_owned),
        reference_type: movement.reference_type.map(str::to_owned),
        reference_id: movement.reference_id.map(str::to_owned),
        note: movement.note.map(str::to_owned),
        actor_user_id: movement.actor_user_id,
        occurred_at: row.occurred_at,
    })
}

/// Levels of the given products in every warehouse (for loaders).
pub async fn levels_by_product_ids(
    connection: &mut PgConnection,
    product_ids: &[Uuid],
) -> Result<Vec<StockLevel>, sqlx::Error> {
    sqlx::query_as!(
        StockLevel,
        "SELECT product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                below_reorder AS below_reorder_point, bin_id, updated_at
         FROM stock_levels WHERE product_id = ANY($1) ORDER BY product_id, warehouse_id",
        product_ids
    )
    .fetch_all(connection)
    .await
}

/// What stock levels to list.
#[derive(Debug, Clone, Default)]
pub struct LevelSearch {
    /// Only this warehouse.
    pub warehouse_id: Option<Uuid>,
    /// Only this product.
    pub product_id: Option<Uuid>,
    /// Only levels at or below their reorder point.
    pub below_reorder_point: Option<bool>,
    /// Only levels whose home is this bin.
    pub bin_id: Option<Uuid>,
}

/// One page of levels, ordered by warehouse then product; `after` is the last (warehouse, product) seen.
pub async fn search_levels(
    connection: &mut PgConnection,
    search: &LevelSearch,
    after: Option<(Uuid, Uuid)>,
    limit: i64,
) -> Result<Vec<StockLevel>, sqlx::Error> {
    sqlx::query_as!(
        StockLevel,
        "SELECT product_id, warehouse_id, on_hand, reserved, reorder_point, reorder_quantity,
                below_reorder AS below_reorder_point, bin_id, updated_at
         FROM stock_levels
         WHERE ($1::uuid IS NULL OR warehouse_id = $1)
           AND ($2::uuid IS NULL OR product_id = $2)
           AND ($3::boolean IS NULL OR below_reorder = $3)
           AND ($4::uuid IS NULL OR (warehouse_id, product_id) > ($4, $5::uuid))
           AND ($7::uuid IS NULL OR bin_id = $7)
         ORDER BY warehouse_id, product_id
         LIMIT $6",
        search.warehouse_id,
        search.product_id,
        search.below_reorder_point,
        after.map(|(warehouse, _)| warehouse),
        after.map(|(_, product)| product),
        limit,
        search.bin_id
    )
    .fetch_all(connection)
    .await
}

/// What movements to list.
#[derive(Debug, Clone, Default)]
pub struct MovementSearch {
    /// Only this product.
    pub product_id: Option<Uuid>,
    /// Only this warehouse.
    pub warehouse_id: Option<Uuid>,
    /// Only this kind.
    pub movement_type: Option<MovementType>,
    /// From this time (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive).
    pub to: Option<DateTime<Utc>>,
}

/// One page of movements, newest first.
pub async fn search_movements(
    connection: &mut PgConnection,
    search: &MovementSearch,
    page: &PageRequest,
) -> Result<Vec<StockMovement>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, product_id, warehouse_id, movement_type, quantity, on_hand_delta, reserved_delta,
                on_hand_after, reserved_after, reason, reference_type, reference_id, note, actor_user_id,
                occurred_at
         FROM stock_movements
         WHERE ($1::uuid IS NULL OR product_id = $1)
           AND ($2::uuid IS NULL OR warehouse_id = $2)
           AND ($3::text IS NULL OR movement_type = $3)
           AND ($4::timestamptz IS NULL OR occurred_at >= $4)
           AND ($5::timestamptz IS NULL OR occurred_at < $5)
           AND ($6::timestamptz IS NULL OR (occurred_at, id) < ($6, $7::uuid))
         ORDER BY occurred_at DESC, id DESC
         LIMIT $8",
        search.product_id,
        search.warehouse_id,
        search.movement_type.map(MovementType::as_str),
        search.from,
        search.to,
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit()
    )
    .fetch_all(connection)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(StockMovement {
                id: row.id,
                product_id: row.product_id,
                warehouse_id: row.warehouse_id,
                movement_type: MovementType::from_stored(&row.movement_type)?,
                quantity: row.quantity,
                on_hand_delta: row.on_hand_delta,
                reserved_delta: row.reserved_delta,
                on_hand_after: row.on_hand_after,
                reserved_after: row.reserved_after,
                reason: row.reason,
                reference_type: row.reference_type,
                reference_id: row.reference_id,
                note: row.note,
                actor_user_id: row.actor_user_id,
                occurred_at: row.occurred_at,
            })
        })
        .collect())
}
