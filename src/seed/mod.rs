//! Demo data for development: one user per role, a Thai catalog of a few hundred products, three warehouses and
//! a month of stock movements. Idempotent: what exists already is left alone.

mod catalog;
mod stock;

use crate::{
    audit::Origin,
    inventory::InventoryService,
    platform::auth::Role,
    products::{ProductsService, service::ProductChanges},
    users::{UsersService, service::NewUser},
};

/// The demo accounts' shared password (development only).
pub const DEMO_PASSWORD: &str = "Klang-demo-2026";

/// The demo accounts: email, display name, role.
pub const DEMO_USERS: [(&str, &str, Role); 5] = [
    ("admin@klang.local", "ผู้ดูแลระบบ (Admin)", Role::Admin),
    ("manager@klang.local", "สมหญิง ผู้จัดการ", Role::Manager),
    ("staff@klang.local", "สมชาย คลังสินค้า", Role::WarehouseStaff),
    ("dispatcher@klang.local", "วิชัย จัดส่ง", Role::Dispatcher),
    ("viewer@klang.local", "มานี ผู้ดูข้อมูล", Role::Viewer),
];

/// What `seed` created.
#[derive(Debug, Default)]
pub struct Seeded {
    /// Demo users created.
    pub users: usize,
    /// Demo products created (0 when the catalog was already there).
    pub products: usize,
}

/// Creates the demo users that do not exist yet.
pub async fn users(users: &UsersService) -> anyhow::Result<usize> {
    let mut created = 0;
    for (email, name, role) in DEMO_USERS {
        let new_user = NewUser {
            email: email.into(),
            display_name: name.into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![role],
        };
        if users.ensure_user(new_user).await? {
            created += 1;
        }
    }
    Ok(created)
}

/// Creates the demo catalog, warehouses and stock history, unless the demo warehouses already exist.
pub async fn catalog_and_stock(
    products: &ProductsService,
    inventory: &InventoryService,
) -> anyhow::Result<usize> {
    let existing = inventory.warehouses().await?;
    if existing
        .iter()
        .any(|warehouse| warehouse.code == stock::WAREHOUSES[0].0)
    {
        return Ok(0);
    }
    let origin = Origin::default();
    let warehouse_ids = stock::warehouses(inventory, &origin).await?;
    let bins = stock::bins(inventory, &origin, &warehouse_ids).await?;
    let mut categories = std::collections::HashMap::new();
    let demo = catalog::products();
    for (serial, product) in demo.iter().enumerate() {
        let category_id = match categories.get(product.shelf.name.0) {
            Some(id) => *id,
            None => {
                let group = match categories.get(product.shelf.group.0) {
                    Some(id) => *id,
                    None => {
                        let (th, en) = product.shelf.group;
                        let created = products
                            .create_category(&origin, None, th, Some(en))
                            .await?;
                        categories.insert(th, created.id);
                        created.id
                    }
                };
                let (th, en) = product.shelf.name;
                let created = products
                    .create_category(&origin, Some(group), th, Some(en))
                    .await?;
                categories.insert(th, created.id);
                created.id
            }
        };
        let created = products
            .create(
                &origin,
                ProductChanges {
                    sku: Some(product.sku.clone()),
                    barcode: Some(Some(product.barcode.clone())),
                    name_th: Some(product.name_th.clone()),
                    name_en: Some(Some(product.name_en.clone())),
                    category_id: Some(Some(category_id)),
                    unit: Some(product.unit.to_owned()),
                    price: Some(product.price),
                    cost: Some((product.price * rust_decimal::Decimal::new(75, 2)).round_dp(2)),
                    ..ProductChanges::default()
                },
            )
            .await?;
        stock::history(
            inventory,
            &origin,
            created.id,
            serial as u64,
            &warehouse_ids,
        )
        .await?;
        stock::shelve(
            inventory,
            &origin,
            created.id,
            serial as u64,
            &warehouse_ids,
            &bins,
        )
        .await?;
    }
    Ok(demo.len())
}

/// Users, then the catalog and stock unless `users_only`.
pub async fn run(
    users_service: &UsersService,
    products: &ProductsService,
    inventory: &InventoryService,
    users_only: bool,
) -> anyhow::Result<Seeded> {
    let users = users(users_service).await?;
    let products = if users_only {
        0
    } else {
        catalog_and_stock(products, inventory).await?
    };
    Ok(Seeded { users, products })
}
