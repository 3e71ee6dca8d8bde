//! SQL for products and categories. The product search builds its WHERE and ORDER BY from typed options with
//! every client value bound as a parameter; everything else is compile-checked.

use rust_decimal::Decimal;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::model::{Category, Product};

/// The columns of a product, in struct order.
const PRODUCT_COLUMNS: &str = "id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit, \
     price, cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at, updated_at";

/// Inserts a product as given (its id, version and times are set here).
pub async fn insert_product(
    connection: &mut PgConnection,
    product: &Product,
) -> Result<Product, sqlx::Error> {
    sqlx::query_as!(
        Product,
        "INSERT INTO products (id, sku, barcode, name_th, name_en, description_th, description_en, category_id,
                               unit, price, cost, weight_grams, length_mm, width_mm, height_mm)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         RETURNING id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit,
                   price, cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at,
                   updated_at",
        Uuid::now_v7(),
        product.sku,
        product.barcode,
        product.name_th,
        product.name_en,
        product.description_th,
        product.description_en,
        product.category_id,
        product.unit,
        product.price,
        product.cost,
        product.weight_grams,
        product.length_mm,
        product.width_mm,
        product.height_mm,
    )
    .fetch_one(connection)
    .await
}

/// Writes every editable column of `product` and bumps its version.
pub async fn update_product(
    connection: &mut PgConnection,
    product: &Product,
) -> Result<Product, sqlx::Error> {
    sqlx::query_as!(
        Product,
        "UPDATE products SET sku = $2, barcode = $3, name_th = $4, name_en = $5, description_th = $6,
                description_en = $7, category_id = $8, unit = $9, price = $10, cost = $11, weight_grams = $12,
                length_mm = $13, width_mm = $14, height_mm = $15, is_active = $16,
                version = version + 1, updated_at = now()
         WHERE id = $1
         RETURNING id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit,
                   price, cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at,
                   updated_at",
        product.id,
        product.sku,
        product.barcode,
        product.name_th,
        product.name_en,
        product.description_th,
        product.description_en,
        product.category_id,
        product.unit,
        product.price,
        product.cost,
        product.weight_grams,
        product.length_mm,
        product.width_mm,
        product.height_mm,
        product.is_active,
    )
    .fetch_one(connection)
    .await
}

/// One product, locked for update.
pub async fn product_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<Product>, sqlx::Error> {
    sqlx::query_as!(
        Product,
        "SELECT id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit, price,
                cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at, updated_at
         FROM products WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Products by id, in no particular order.
pub async fn products_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<Product>, sqlx::Error> {
    sqlx::query_as!(
        Product,
        "SELECT id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit, price,
                cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at, updated_at
         FROM products WHERE id = ANY($1)",
        ids
    )
    .fetch_all(connection)
    .await
}

/// The product with this SKU (case-insensitive).
pub async fn product_by_sku(
    connection: &mut PgConnection,
    sku: &str,
) -> Result<Option<Product>, sqlx::Error> {
    sqlx::query_as!(
        Product,
        "SELECT id, sku, barcode, name_th, name_en, description_th, description_en, category_id, unit, price,
                cost, weight_grams, length_mm, width_mm, height_mm, is_active, version, created_at, updated_at
         FROM products WHERE lower(sku) = lower($1)",
        sku
    )
    .fetch_optional(connection)
    .await
}

/// How a product list is ordered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum, serde::Serialize, serde::Deserialize,
)]
pub enum ProductSort {
    /// Newest first (the default).
    Newest,
    /// By Thai name, in Thai dictionary order.
    Name,
    /// By SKU.
    Sku,
    /// Cheapest first.
    PriceAsc,
    /// Most expensive first.
    PriceDesc,
}

/// What to search for; every part optional.
#[derive(Debug, Clone, Default)]
pub struct ProductSearch {
    /// Part of the SKU, barcode, Thai or English name (Thai needs no spaces between words).
    pub text: Option<String>,
    /// Only this category and its subcategories.
    pub category_id: Option<Uuid>,
    /// Only active (or only archived) products.
    pub active: Option<bool>,
    /// Lowest price.
    pub min_price: Option<Decimal>,
    /// Highest price.
    pub max_price: Option<Decimal>,
}

/// Where the previous page ended: the sort key's value (as text) and the id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProductCursor {
    /// The sort the cursor belongs to.
    pub sort: ProductSort,
    /// The last row's sort value.
    pub value: String,
    /// The last row's id.
    pub id: Uuid,
}

impl ProductCursor {
    /// The cursor after `product` in `sort` order.
    pub fn after(product: &Product, sort: ProductSort) -> Self {
        let value = match sort {
            ProductSort::Newest => product.created_at.to_rfc3339(),
            ProductSort::Name => product.name_th.clone(),
            ProductSort::Sku => product.sku.to_lowercase(),
            ProductSort::PriceAsc | ProductSort::PriceDesc => product.price.to_string(),
        };
        Self {
            sort,
            value,
            id: product.id,
        }
    }
}

/// One page of products.
pub async fn search_products(
    connection: &mut PgConnection,
    search: &ProductSearch,
    sort: ProductSort,
    after: Option<&ProductCursor>,
    limit: i64,
) -> Result<Vec<Product>, sqlx::Error> {
    let mut query: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE true"));
    if let Some(text) = &search.text {
        query
            .push(" AND search_text LIKE ")
            .push_bind(format!("%{}%", escape_like(&text.to_lowercase())));
    }
    if let Some(category_id) = search.category_id {
        query
            .push(
                " AND category_id IN (WITH RECURSIVE tree AS (SELECT id FROM categories WHERE id = ",
            )
            .push_bind(category_id)
            .push(" UNION SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)");
    }
    if let Some(active) = search.active {
        query.push(" AND is_active = ").push_bind(active);
    }
    if let Some(min_price) = search.min_price {
        query.push(" AND price >= ").push_bind(min_price);
    }
    if let Some(max_price) = search.max_price {
        query.push(" AND price <= ").push_bind(max_price);
    }
    let (key, descending) = match sort {
        ProductSort::Newest => ("created_at", true),
        ProductSort::Name => (r#"name_th COLLATE "th-TH-x-icu""#, false),
        ProductSort::Sku => ("lower(sku)", false),
        ProductSort::PriceAsc => ("price", false),
        ProductSort::PriceDesc => ("price", true),
    };
    if let Some(cursor) = after {
        let comparison = if descending { "<" } else { ">" };
        query.push(format!(" AND ({key}, id) {comparison} ("));
        match sort {
            ProductSort::Newest => query.push_bind(cursor.value.clone()).push("::timestamptz"),
            ProductSort::Name => query
                .push_bind(cursor.value.clone())
                .push(r#" COLLATE "th-TH-x-icu""#),
            ProductSort::Sku => query.push_bind(cursor.value.clone()),
            ProductSort::PriceAsc | ProductSort::PriceDesc => {
                query.push_bind(cursor.value.clone()).push("::numeric")
            }
        };
        query.push(", ").push_bind(cursor.id).push(")");
    }
    let direction = if descending { "DESC" } else { "ASC" };
    query.push(format!(
        " ORDER BY {key} {direction}, id {direction} LIMIT "
    ));
    query.push_bind(limit);
    query
        .build_query_as::<Product>()
        .fetch_all(connection)
        .await
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Every category (the tree is small).
pub async fn all_categories(connection: &mut PgConnection) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "SELECT id, parent_id, name_th, name_en, created_at, updated_at FROM categories
         ORDER BY name_th COLLATE \"th-TH-x-icu\", id"
    )
    .fetch_all(connection)
    .await
}

/// Categories by id.
pub async fn categories_by_ids(
    connection: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "SELECT id, parent_id, name_th, name_en, created_at, updated_at FROM categories WHERE id = ANY($1)",
        ids
    )
    .fetch_all(connection)
    .await
}

/// Children of the given categories.
pub async fn categories_by_parent_ids(
    connection: &mut PgConnection,
    parent_ids: &[Uuid],
) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "SELECT id, parent_id, name_th, name_en, created_at, updated_at FROM categories
         WHERE parent_id = ANY($1) ORDER BY name_th COLLATE \"th-TH-x-icu\", id",
        parent_ids
    )
    .fetch_all(connection)
    .await
}

/// One category, locked for update.
pub async fn category_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<Category>, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "SELECT id, parent_id, name_th, name_en, created_at, updated_at FROM categories WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Inserts a category.
pub async fn insert_category(
    connection: &mut PgConnection,
    parent_id: Option<Uuid>,
    name_th: &str,
    name_en: Option<&str>,
) -> Result<Category, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "INSERT INTO categories (id, parent_id, name_th, name_en) VALUES ($1, $2, $3, $4)
         RETURNING id, parent_id, name_th, name_en, created_at, updated_at",
        Uuid::now_v7(),
        parent_id,
        name_th,
        name_en
    )
    .fetch_one(connection)
    .await
}

/// Writes a category's names and parent.
pub async fn update_category(
    connection: &mut PgConnection,
    category: &Category,
) -> Result<Category, sqlx::Error> {
    sqlx::query_as!(
        Category,
        "UPDATE categories SET parent_id = $2, name_th = $3, name_en = $4, updated_at = now() WHERE id = $1
         RETURNING id, parent_id, name_th, name_en, created_at, updated_at",
        category.id,
        category.parent_id,
        category.name_th,
        category.name_en
    )
    .fetch_one(connection)
    .await
}

/// Serialises moves in the tree, so that two concurrent moves cannot together form a cycle.
pub async fn lock_tree(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")
        .execute(connection)
        .await?;
    Ok(())
}

/// Whether `candidate` is `ancestor` itself or lies below it in the tree.
pub async fn is_in_subtree(
    connection: &mut PgConnection,
    ancestor: Uuid,
    candidate: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        "WITH RECURSIVE tree AS (
             SELECT id FROM categories WHERE id = $1
             UNION SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id
         )
         SELECT EXISTS (SELECT 1 FROM tree WHERE id = $2) AS \"found!\"",
        ancestor,
        candidate
    )
    .fetch_one(connection)
    .await
}
