//! Cost budgets: each caller may run so much GraphQL per minute, measured in the schema's complexity (list
//! fields cost their page size times what they select), per signed-in user and per client address. Spent after
//! validation, before anything executes; over budget is refused with `RATE_LIMITED` and a retry-after hint.
//! Counters live in Redis, so the budget holds across instances (in memory without Redis).

use std::{sync::Arc, time::Duration};

use async_graphql::{
    Pos, ServerError, ValidationResult,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextValidation},
};

use super::{context::Caller, error::ApiError};
use crate::platform::{
    kv::KeyValueStore,
    rate_limit::{self, Limited, RateLimiter},
    request::RequestMeta,
};

/// The budget window.
const WINDOW: Duration = Duration::from_secs(60);

/// The extension factory; a budget of 0 is no budget.
#[derive(Clone)]
pub struct CostBudget {
    per_user: Option<RateLimiter>,
    per_address: Option<RateLimiter>,
}

impl CostBudget {
    /// Budgets of `per_user` and `per_address` complexity points per minute (0 turns one off).
    pub fn new(store: &KeyValueStore, per_user: u64, per_address: u64) -> Self {
        let limiter =
            |name, max| (max > 0).then(|| RateLimiter::new(store.clone(), name, max, WINDOW));
        Self {
            per_user: limiter("cost-user", per_user),
            per_address: limiter("cost-address", per_address),
        }
    }
}

impl ExtensionFactory for CostBudget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_trait::async_trait]
impl Extension for CostBudget {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        let cost = result.complexity as u64;
        let user = ctx
            .data_opt::<Caller>()
            .and_then(|caller| caller.actor().ok())
            .map(|actor| actor.user_id.to_string());
        let address = ctx
            .data_opt::<RequestMeta>()
            .and_then(|meta| meta.ip.clone());
        let charges: Vec<(&RateLimiter, &str)> = [
            (self.per_user.as_ref(), user.as_deref()),
            (self.per_address.as_ref(), address.as_deref()),
        ]
        .into_iter()
        .filter_map(|(limiter, subject)| Some((limiter?, subject?)))
        .collect();
        rate_limit::spend_all(&charges, cost)
            .await
            .map_err(over_budget)?;
        Ok(result)
    }
}

fn over_budget(limited: Limited) -> Vec<ServerError> {
    let error: async_graphql::Error = ApiError::rate_limited(limited.retry_after).into();
    vec![error.into_server_error(Pos::default())]
}
