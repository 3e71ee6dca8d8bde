//! Product reads (by id with cache, by SKU, search with sort and cursors) and product mutations.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, connection::Connection};
use rust_decimal::Decimal;
use uuid::Uuid;
use validator::Validate;

use super::edit;
use crate::{
    graphql::{
        context::ContextExt,
        error::{ApiError, validate_argument, validate_input},
        pagination::{connection, decode_cursor, encode_cursor, page_size},
    },
    platform::auth::Permission,
    products::{
        model::{Product, check_money},
        repo::{ProductCursor, ProductSearch, ProductSort},
        service::ProductChanges,
    },
};

/// Checks a money amount for `validator`.
fn validate_money(amount: &Decimal) -> Result<(), validator::ValidationError> {
    check_money(amount)
        .map_err(|problem| validator::ValidationError::new("money").with_message(problem.into()))
}

/// Filters for `products`; all optional and combined with AND.
#[derive(Debug, Default, InputObject, Validate)]
pub struct ProductFilter {
    /// Part of the SKU, barcode, Thai or English name; Thai text needs no spaces between words.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub search: Option<String>,
    /// Only this category and its subcategories.
    pub category_id: Option<Uuid>,
    /// Only active (`true`) or only archived (`false`) products.
    pub active: Option<bool>,
    /// Lowest price (THB).
    #[validate(custom(function = "validate_money"))]
    pub min_price: Option<Decimal>,
    /// Highest price (THB).
    #[validate(custom(function = "validate_money"))]
    pub max_price: Option<Decimal>,
}

/// A new product.
#[derive(Debug, InputObject, Validate)]
pub struct CreateProductInput {
    /// Stock-keeping unit: letters, digits, `.`, `_`, `-`; unique regardless of case.
    #[validate(length(min = 1, max = 64, message = "must be 1 to 64 characters"))]
    pub sku: String,
    /// EAN-13 (check digit verified) or a custom code.
    #[validate(length(min = 4, max = 64, message = "must be 4 to 64 characters"))]
    pub barcode: Option<String>,
    /// Thai name.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub name_th: String,
    /// English name.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub name_en: Option<String>,
    /// Thai description.
    #[validate(length(max = 4000, message = "must be at most 4000 characters"))]
    pub description_th: Option<String>,
    /// English description.
    #[validate(length(max = 4000, message = "must be at most 4000 characters"))]
    pub description_en: Option<String>,
    /// Category.
    pub category_id: Option<Uuid>,
    /// Unit of measure, e.g. `ชิ้น`, `กล่อง`, `EA`.
    #[validate(length(min = 1, max = 20, message = "must be 1 to 20 characters"))]
    pub unit: String,
    /// Selling price in THB (at most 2 decimal places).
    #[validate(custom(function = "validate_money"))]
    pub price: Decimal,
    /// Cost in THB; 0 when omitted.
    #[validate(custom(function = "validate_money"))]
    pub cost: Option<Decimal>,
    /// Weight in grams.
    #[validate(range(min = 1, max = 10_000_000, message = "must be 1 to 10,000,000"))]
    pub weight_grams: Option<i32>,
    /// Length in mm.
    #[validate(range(min = 1, max = 100_000, message = "must be 1 to 100,000"))]
    pub length_mm: Option<i32>,
    /// Width in mm.
    #[validate(range(min = 1, max = 100_000, message = "must be 1 to 100,000"))]
    pub width_mm: Option<i32>,
    /// Height in mm.
    #[validate(range(min = 1, max = 100_000, message = "must be 1 to 100,000"))]
    pub height_mm: Option<i32>,
}

/// Changes to a product: omitted fields stay as they are, `null` clears an optional field.
#[derive(Debug, InputObject)]
pub struct UpdateProductInput {
    /// The product.
    pub id: Uuid,
    /// The `version` you read; the change is refused with CONFLICT if the product changed since.
    pub expected_version: Option<i32>,
    /// New SKU.
    pub sku: Option<String>,
    /// New barcode, or `null`.
    pub barcode: MaybeUndefined<String>,
    /// New Thai name.
    pub name_th: Option<String>,
    /// New English name, or `null`.
    pub name_en: MaybeUndefined<String>,
    /// New Thai description, or `null`.
    pub description_th: MaybeUndefined<String>,
    /// New English description, or `null`.
    pub description_en: MaybeUndefined<String>,
    /// New category, or `null`.
    pub category_id: MaybeUndefined<Uuid>,
    /// New unit of measure.
    pub unit: Option<String>,
    /// New price.
    pub price: Option<Decimal>,
    /// New cost.
    pub cost: Option<Decimal>,
    /// New weight in grams, or `null`.
    pub weight_grams: MaybeUndefined<i32>,
    /// New length in mm, or `null`.
    pub length_mm: MaybeUndefined<i32>,
    /// New width in mm, or `null`.
    pub width_mm: MaybeUndefined<i32>,
    /// New height in mm, or `null`.
    pub height_mm: MaybeUndefined<i32>,
}

/// A product to archive.
#[derive(Debug, InputObject)]
pub struct ArchiveProductInput {
    /// The product.
    pub id: Uuid,
}

/// Product queries (any signed-in user).
#[derive(Default)]
pub struct ProductQuery;

#[Object]
impl ProductQuery {
    /// One product (served from the cache when possible).
    async fn product(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Product>> {
        ctx.actor()?;
        Ok(ctx.state().products.get(id).await?)
    }

    /// The product with this SKU (case-insensitive).
    async fn product_by_sku(
        &self,
        ctx: &Context<'_>,
        sku: String,
    ) -> async_graphql::Result<Option<Product>> {
        ctx.actor()?;
        Ok(ctx.state().products.by_sku(&sku).await?)
    }

    /// Products, filtered and sorted, a page at a time.
    #[graphql(complexity = "crate::graphql::pagination::page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        filter: Option<ProductFilter>,
        #[graphql(default_with = "ProductSort::Newest")] sort: ProductSort,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Product>> {
        ctx.actor()?;
        let filter = filter.unwrap_or_default();
        validate_argument("filter", &filter)?;
        let first = page_size(first)?;
        let cursor = after
            .as_deref()
            .map(decode_cursor::<ProductCursor>)
            .transpose()?;
        if cursor.as_ref().is_some_and(|cursor| cursor.sort != sort) {
            return Err(ApiError::bad_field("after", "belongs to another sort order").into());
        }
        let search = ProductSearch {
            text: filter
                .search
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty()),
            category_id: filter.category_id,
            active: filter.active,
            min_price: filter.min_price,
            max_price: filter.max_price,
        };
        let rows = ctx
            .state()
            .products
            .search(&search, sort, cursor.as_ref(), i64::from(first) + 1)
            .await?;
        Ok(connection(rows, first, cursor.is_some(), |product| {
            encode_cursor(&ProductCursor::after(product, sort))
        }))
    }
}

/// Product mutations (need `product:write`).
#[derive(Default)]
pub struct ProductMutation;

#[Object]
impl ProductMutation {
    /// Creates a product.
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        input: CreateProductInput,
    ) -> async_graphql::Result<Product> {
        ctx.require(Permission::ProductWrite)?;
        validate_input(&input)?;
        let changes = ProductChanges {
            sku: Some(input.sku),
            barcode: Some(input.barcode),
            name_th: Some(input.name_th),
            name_en: Some(input.name_en),
            description_th: Some(input.description_th),
            description_en: Some(input.description_en),
            category_id: Some(input.category_id),
            unit: Some(input.unit),
            price: Some(input.price),
            cost: input.cost,
            weight_grams: Some(input.weight_grams),
            length_mm: Some(input.length_mm),
            width_mm: Some(input.width_mm),
            height_mm: Some(input.height_mm),
        };
        Ok(ctx.state().products.create(&ctx.origin(), changes).await?)
    }

    /// Changes a product.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        input: UpdateProductInput,
    ) -> async_graphql::Result<Product> {
        ctx.require(Permission::ProductWrite)?;
        let changes = ProductChanges {
            sku: input.sku,
            barcode: edit(input.barcode),
            name_th: input.name_th,
            name_en: edit(input.name_en),
            description_th: edit(input.description_th),
            description_en: edit(input.description_en),
            category_id: edit(input.category_id),
            unit: input.unit,
            price: input.price,
            cost: input.cost,
            weight_grams: edit(input.weight_grams),
            length_mm: edit(input.length_mm),
            width_mm: edit(input.width_mm),
            height_mm: edit(input.height_mm),
        };
        Ok(ctx
            .state()
            .products
            .update(&ctx.origin(), input.id, changes, input.expected_version)
            .await?)
    }

    /// Archives a product: it stays, with its history, but is no longer active.
    async fn archive_product(
        &self,
        ctx: &Context<'_>,
        input: ArchiveProductInput,
    ) -> async_graphql::Result<Product> {
        ctx.require(Permission::ProductWrite)?;
        Ok(ctx
            .state()
            .products
            .archive(&ctx.origin(), input.id)
            .await?)
    }
}
