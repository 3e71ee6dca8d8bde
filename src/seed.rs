//! Demo data for development: one user per role, created only when missing.

use crate::{
    platform::auth::Role,
    users::{UsersService, error::UserError, service::NewUser},
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

/// Creates the demo users that do not exist yet; returns how many were created.
pub async fn run(users: &UsersService) -> Result<usize, UserError> {
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
