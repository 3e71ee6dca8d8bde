//! The inventory GraphQL API: nested fields of the types here, operations split by concern.

mod bins;
mod dashboard;
mod document;
mod stock;
mod subscription;
mod warehouse;

pub use bins::BinMutation;
pub use dashboard::DashboardQuery;
pub use document::{DocumentMutation, DocumentQuery};
pub use stock::{StockMutation, StockQuery};
pub use subscription::InventorySubscription;
pub use warehouse::{WarehouseMutation, WarehouseQuery};

use async_graphql::{ComplexObject, Context};

use super::model::{StockLevel, StockMovement, Warehouse, WarehouseBin};
use crate::{graphql::loaders::Loaders, products::model::Product, users::graphql::User};

#[ComplexObject]
impl StockLevel {
    /// On hand minus reserved.
    #[graphql(name = "available")]
    async fn available_field(&self) -> i64 {
        self.available()
    }

    /// The product.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        Ok(Loaders::of(ctx)
            .product_by_id
            .load_one(self.product_id)
            .await?)
    }

    /// The warehouse.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        Ok(Loaders::of(ctx)
            .warehouse_by_id
            .load_one(self.warehouse_id)
            .await?)
    }

    /// The home bin of the product in this warehouse, if one is assigned.
    async fn bin(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<WarehouseBin>> {
        let Some(bin_id) = self.bin_id else {
            return Ok(None);
        };
        Ok(Loaders::of(ctx).bin_by_id.load_one(bin_id).await?)
    }
}

#[ComplexObject]
impl Warehouse {
    /// The warehouse's bins, by code; inactive ones only when asked.
    async fn bins(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_inactive: bool,
    ) -> async_graphql::Result<Vec<WarehouseBin>> {
        let bins = Loaders::of(ctx)
            .bins_by_warehouse
            .load_one(self.id)
            .await?
            .unwrap_or_default();
        Ok(bins
            .into_iter()
            .filter(|bin| include_inactive || bin.is_active)
            .collect())
    }
}

#[ComplexObject]
impl StockMovement {
    /// The product.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        Ok(Loaders::of(ctx)
            .product_by_id
            .load_one(self.product_id)
            .await?)
    }

    /// The warehouse.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        Ok(Loaders::of(ctx)
            .warehouse_by_id
            .load_one(self.warehouse_id)
            .await?)
    }

    /// Who moved it.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let Some(actor_id) = self.actor_user_id else {
            return Ok(None);
        };
        Ok(Loaders::of(ctx).user_by_id.load_one(actor_id).await?)
    }
}
