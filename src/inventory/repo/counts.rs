//! SQL for cycle counts.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    graphql::pagination::PageRequest,
    inventory::model::{CountLine, CountStatus, StockCount},
};

/// Opens a count of a warehouse.
pub async fn insert_count(
    connection: &mut PgConnection,
    warehouse_id: Uuid,
    note: Option<&str>,
    started_by: Option<Uuid>,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO stock_counts (id, warehouse_id, status, note, started_by) VALUES ($1, $2, 'OPEN', $3, $4)",
        id,
        warehouse_id,
        note,
        started_by
    )
    .execute(connection)
    .await?;
    Ok(id)
}

/// Locks a count for update; `false` when it does not exist.
pub async fn lock_count(connection: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar!("SELECT id FROM stock_counts WHERE id = $1 FOR UPDATE", id)
            .fetch_optional(connection)
            .await?
            .is_some(),
    )
}

/// Records (or re-records) what was counted of a product.
pub async fn upsert_line(
    connection: &mut PgConnection,
    count_id: Uuid,
    product_id: Uuid,
    counted_quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO stock_count_lines (count_id, product_id, counted_quantity) VALUES ($1, $2, $3)
         ON CONFLICT (count_id, product_id) DO UPDATE SET counted_quantity = $3, recorded_at = now()",
        count_id,
        product_id,
        counted_quantity
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Stores the expected quantity of a line at completion.
pub async fn set_expected(
    connection: &mut PgConnection,
    count_id: Uuid,
    product_id: Uuid,
    expected_quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE stock_count_lines SET expected_quantity = $3 WHERE count_id = $1 AND product_id = $2",
        count_id,
        product_id,
        expected_quantity
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Closes a count.
pub async fn complete(connection: &mut PgConnection, count_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE stock_counts SET status = 'COMPLETED', completed_at = now() WHERE id = $1",
        count_id
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Counts by id with their lines, newest first.
pub async fn counts_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<StockCount>, sqlx::Error> {
    let headers = sqlx::query!(
        "SELECT id, warehouse_id, status, note, started_by, started_at, completed_at FROM stock_counts
         WHERE id = ANY($1) ORDER BY started_at DESC, id DESC",
        ids
    )
    .fetch_all(&mut *connection)
    .await?;
    let lines = sqlx::query!(
        "SELECT count_id, product_id, counted_quantity, expected_quantity, recorded_at FROM stock_count_lines
         WHERE count_id = ANY($1) ORDER BY count_id, product_id",
        ids
    )
    .fetch_all(connection)
    .await?;
    Ok(headers
        .into_iter()
        .map(|header| StockCount {
            id: header.id,
            warehouse_id: header.warehouse_id,
            status: if header.status == "COMPLETED" {
                CountStatus::Completed
            } else {
                CountStatus::Open
            },
            note: header.note,
            started_by: header.started_by,
            started_at: header.started_at,
            completed_at: header.completed_at,
            lines: lines
                .iter()
                .filter(|line| line.count_id == header.id)
                .map(|line| CountLine {
                    product_id: line.product_id,
                    counted_quantity: line.counted_quantity,
                    expected_quantity: line.expected_quantity,
                    recorded_at: line.recorded_at,
                })
                .collect(),
        })
        .collect())
}

/// Ids of one page of counts, newest first, optionally by warehouse and status.
pub async fn search_count_ids(
    connection: &mut PgConnection,
    warehouse_id: Option<Uuid>,
    status: Option<CountStatus>,
    page: &PageRequest,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let status = status.map(|status| match status {
        CountStatus::Open => "OPEN",
        CountStatus::Completed => "COMPLETED",
    });
    sqlx::query_scalar!(
        "SELECT id FROM stock_counts
         WHERE ($1::uuid IS NULL OR warehouse_id = $1)
           AND ($2::text IS NULL OR status = $2)
           AND ($3::timestamptz IS NULL OR (started_at, id) < ($3, $4::uuid))
         ORDER BY started_at DESC, id DESC
         LIMIT $5",
        warehouse_id,
        status,
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit()
    )
    .fetch_all(connection)
    .await
}
