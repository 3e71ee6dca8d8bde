//! The inventory dashboard: headline figures and a movement chart, for one warehouse or all.

use async_graphql::{ComplexObject, Context, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::{
    graphql::{context::ContextExt, error::ApiError},
    products::model::baht,
};

/// The longest chart the dashboard draws, in days.
const MAX_CHART_DAYS: i32 = 366;

/// What the warehouse looks like right now (refetch on `stockChanged` to keep it live).
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct InventoryDashboard {
    /// The warehouse the figures are about; `null` means every warehouse.
    pub warehouse_id: Option<Uuid>,
    /// Stock value at cost: the sum of on hand × cost, in THB.
    pub stock_value: Decimal,
    /// Levels whose available stock is at or below the reorder point.
    pub low_stock_count: i64,
    /// Movements since midnight, Thai time.
    pub movements_today: i64,
}

/// Movement totals of one Thai calendar day.
#[derive(Debug, Clone, SimpleObject)]
pub struct DailyMovement {
    /// The day (Asia/Bangkok).
    pub day: NaiveDate,
    /// Units received or otherwise added to on-hand stock.
    pub inbound: i64,
    /// Units issued or otherwise taken from on-hand stock.
    pub outbound: i64,
    /// Number of movements, reservations included.
    pub movements: i64,
}

#[ComplexObject]
impl InventoryDashboard {
    /// Totals for each of the last `days` days up to today (1–366), oldest first, quiet days included.
    async fn daily_movements(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 30)] days: i32,
    ) -> async_graphql::Result<Vec<DailyMovement>> {
        if !(1..=MAX_CHART_DAYS).contains(&days) {
            return Err(
                ApiError::bad_field("days", format!("must be 1 to {MAX_CHART_DAYS}")).into(),
            );
        }
        let totals = ctx
            .state()
            .inventory
            .daily_totals(self.warehouse_id, days)
            .await?;
        Ok(totals
            .into_iter()
            .map(|totals| DailyMovement {
                day: totals.day,
                inbound: totals.inbound,
                outbound: totals.outbound,
                movements: totals.movements,
            })
            .collect())
    }
}

/// Dashboard queries (any signed-in user).
#[derive(Default)]
pub struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Stock value, low-stock count, today's movements and a movement chart, for one warehouse or all.
    async fn inventory_dashboard(
        &self,
        ctx: &Context<'_>,
        warehouse_id: Option<Uuid>,
    ) -> async_graphql::Result<InventoryDashboard> {
        ctx.actor()?;
        let headline = ctx
            .state()
            .inventory
            .dashboard_headline(warehouse_id)
            .await?;
        Ok(InventoryDashboard {
            warehouse_id,
            stock_value: baht(headline.stock_value),
            low_stock_count: headline.low_stock_count,
            movements_today: headline.movements_today,
        })
    }
}
