//! The DataLoaders of one request. A fresh [`Loaders`] is created for every HTTP request and for every
//! WebSocket connection. The loaders batch but keep no cache (async-graphql's default), so nothing loaded
//! outlives the batch it was loaded in, and nothing crosses users.

use async_graphql::dataloader::DataLoader;

use crate::{
    inventory::loaders::{
        BinByIdLoader, BinsByWarehouseLoader, StockLevelsByProductLoader, WarehouseByIdLoader,
    },
    products::loaders::{
        CategoryByIdLoader, ImagesByProductLoader, ProductByIdLoader, SubcategoriesLoader,
    },
    state::AppState,
    users::loaders::{RolesByUserIdLoader, UserByIdLoader},
};

/// Every loader, typed.
pub struct Loaders {
    /// Users by id.
    pub user_by_id: DataLoader<UserByIdLoader>,
    /// Roles by user id.
    pub roles_by_user_id: DataLoader<RolesByUserIdLoader>,
    /// Products by id.
    pub product_by_id: DataLoader<ProductByIdLoader>,
    /// Categories by id.
    pub category_by_id: DataLoader<CategoryByIdLoader>,
    /// Images by product id.
    pub images_by_product: DataLoader<ImagesByProductLoader>,
    /// Subcategories by parent id.
    pub subcategories: DataLoader<SubcategoriesLoader>,
    /// Warehouses by id.
    pub warehouse_by_id: DataLoader<WarehouseByIdLoader>,
    /// Every warehouse's stock level of a product, by product id.
    pub stock_levels_by_product: DataLoader<StockLevelsByProductLoader>,
    /// Bins of a warehouse, by warehouse id.
    pub bins_by_warehouse: DataLoader<BinsByWarehouseLoader>,
    /// Bins by id.
    pub bin_by_id: DataLoader<BinByIdLoader>,
}

impl Loaders {
    /// The loaders of the request `ctx` belongs to (put there by the HTTP handler or the WebSocket init).
    pub fn of<'a>(ctx: &async_graphql::Context<'a>) -> &'a Self {
        ctx.data_unchecked::<Self>()
    }

    /// New, empty loaders for one request.
    pub fn new(state: &AppState) -> Self {
        Self {
            user_by_id: DataLoader::new(UserByIdLoader(state.users.clone()), tokio::spawn),
            roles_by_user_id: DataLoader::new(
                RolesByUserIdLoader(state.users.clone()),
                tokio::spawn,
            ),
            product_by_id: DataLoader::new(ProductByIdLoader(state.products.clone()), tokio::spawn),
            category_by_id: DataLoader::new(
                CategoryByIdLoader(state.products.clone()),
                tokio::spawn,
            ),
            images_by_product: DataLoader::new(
                ImagesByProductLoader(state.product_images.clone()),
                tokio::spawn,
            ),
            subcategories: DataLoader::new(
                SubcategoriesLoader(state.products.clone()),
                tokio::spawn,
            ),
            warehouse_by_id: DataLoader::new(
                WarehouseByIdLoader(state.inventory.clone()),
                tokio::spawn,
            ),
            stock_levels_by_product: DataLoader::new(
                StockLevelsByProductLoader(state.inventory.clone()),
                tokio::spawn,
            ),
            bins_by_warehouse: DataLoader::new(
                BinsByWarehouseLoader(state.inventory.clone()),
                tokio::spawn,
            ),
            bin_by_id: DataLoader::new(BinByIdLoader(state.inventory.clone()), tokio::spawn),
        }
    }
}
