//! SQL for the inventory dashboard: stock value, low-stock count and movement totals per day.
//!
//! Days are calendar days in Thailand (`Asia/Bangkok`), where the warehouses are, whatever the server's zone.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::PgConnection;
use uuid::Uuid;

/// Headline figures of one warehouse, or of all when none is given.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// Sum of on hand × cost, in THB.
    pub stock_value: Decimal,
    /// Levels at or below their reorder point.
    pub low_stock_count: i64,
    /// Movements since midnight in Thailand.
    pub movements_today: i64,
}

/// Movement totals of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTotals {
    /// The day (Thai calendar day).
    pub day: NaiveDate,
    /// Units that came in (sum of positive on-hand changes).
    pub inbound: i64,
    /// Units that went out (sum of negative on-hand changes, as a positive number).
    pub outbound: i64,
    /// Number of movements.
    pub movements: i64,
}

/// The headline figures.
pub async fn headline(
    connection: &mut PgConnection,
    warehouse_id: Option<Uuid>,
) -> Result<Headline, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT
             (SELECT coalesce(sum(l.on_hand * p.cost), 0) FROM stock_levels l JOIN products p ON p.id = l.product_id
               WHERE $1::uuid IS NULL OR l.warehouse_id = $1) AS "stock_value!",
             (SELECT count(*) FROM stock_levels l
               WHERE l.below_reorder AND ($1::uuid IS NULL OR l.warehouse_id = $1)) AS "low_stock_count!",
             (SELECT count(*) FROM stock_movements m
               WHERE m.occurred_at >= date_trunc('day', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
                 AND ($1::uuid IS NULL OR m.warehouse_id = $1)) AS "movements_today!""#,
        warehouse_id
    )
    .fetch_one(connection)
    .await?;
    Ok(Headline {
        stock_value: row.stock_value,
        low_stock_count: row.low_stock_count,
        movements_today: row.movements_today,
    })
}

/// Totals for each of the last `days` Thai days up to today, oldest first, days without movements included.
pub async fn daily_totals(
    connection: &mut PgConnection,
    warehouse_id: Option<Uuid>,
    days: i32,
) -> Result<Vec<DayTotals>, sqlx::Error> {
    sqlx::query_as!(
        DayTotals,
        r#"WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Bangkok')::date AS day),
                days AS (SELECT generate_series(today.day - ($2::int - 1), today.day, interval '1 day')::date AS day
                         FROM today),
                totals AS (
                  SELECT (m.occurred_at AT TIME ZONE 'Asia/Bangkok')::date AS day,
                         sum(greatest(m.on_hand_delta, 0))::bigint AS inbound,
                         sum(greatest(-m.on_hand_delta, 0))::bigint AS outbound,
                         count(*) AS movements
                  FROM stock_movements m, today
                  WHERE m.occurred_at >= ((today.day - ($2::int - 1))::timestamp AT TIME ZONE 'Asia/Bangkok')
                    AND ($1::uuid IS NULL OR m.warehouse_id = $1)
                  GROUP BY 1)
           SELECT days.day AS "day!", coalesce(totals.inbound, 0) AS "inbound!",
                  coalesce(totals.outbound, 0) AS "outbound!", coalesce(totals.movements, 0) AS "movements!"
           FROM days LEFT JOIN totals USING (day)
           ORDER BY days.day"#,
        warehouse_id,
        days
    )
    .fetch_all(connection)
    .await
}
