//! The products GraphQL API: nested fields of the types here, operations split by concern.

mod category;
mod image;
mod product;

pub use category::{CategoryMutation, CategoryQuery};
pub use image::ProductImageMutation;
pub use product::{ProductMutation, ProductQuery};

use async_graphql::{ComplexObject, Context, MaybeUndefined};

use rust_decimal::Decimal;

use super::{
    images::ProductImage,
    model::{Category, Product, baht},
    service::Edit,
};
use crate::{graphql::loaders::Loaders, inventory::model::StockLevel};

#[ComplexObject]
impl Product {
    /// Selling price in THB, two decimals.
    async fn price(&self) -> Decimal {
        baht(self.price)
    }

    /// Cost in THB, two decimals.
    async fn cost(&self) -> Decimal {
        baht(self.cost)
    }

    /// The product's images, in order.
    async fn images(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ProductImage>> {
        Ok(Loaders::of(ctx)
            .images_by_product
            .load_one(self.id)
            .await?
            .unwrap_or_default())
    }

    /// The product's category.
    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        let Some(category_id) = self.category_id else {
            return Ok(None);
        };
        Ok(Loaders::of(ctx)
            .category_by_id
            .load_one(category_id)
            .await?)
    }

    /// Stock of this product in each warehouse that has a level for it.
    async fn stock_levels(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StockLevel>> {
        Ok(Loaders::of(ctx)
            .stock_levels_by_product
            .load_one(self.id)
            .await?
            .unwrap_or_default())
    }

    /// Available stock (on hand minus reserved) over every warehouse.
    async fn total_available(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        Ok(self
            .stock_levels(ctx)
            .await?
            .iter()
            .map(StockLevel::available)
            .sum())
    }
}

#[ComplexObject]
impl Category {
    /// The parent category.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        let Some(parent_id) = self.parent_id else {
            return Ok(None);
        };
        Ok(Loaders::of(ctx).category_by_id.load_one(parent_id).await?)
    }

    /// The direct subcategories.
    async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        Ok(Loaders::of(ctx)
            .subcategories
            .load_one(self.id)
            .await?
            .unwrap_or_default())
    }
}

/// A GraphQL field that may be absent (leave as is), `null` (clear) or a value (set).
fn edit<T>(value: MaybeUndefined<T>) -> Edit<T> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(value) => Some(Some(value)),
    }
}
