//! Records every failed mutation in the usage history, with its (redacted) arguments and error code.
//!
//! A failed mutation's own transaction rolled back, so the record is written here, on its own, after the root
//! mutation field has resolved with an error.

use std::sync::{Arc, Mutex};

use async_graphql::{
    ServerResult, Value, Variables,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest, NextResolve, ResolveInfo,
    },
};

use super::{
    model::{AuditOutcome, Origin},
    redact::redact,
    service::{Occurrence, record_security_event},
};
use crate::{graphql::context::Caller, platform::request::RequestMeta, state::AppState};

/// The extension factory registered on the schema.
pub struct AuditFailures;

impl ExtensionFactory for AuditFailures {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AuditFailuresExtension::default())
    }
}

#[derive(Default)]
struct AuditFailuresExtension {
    variables: Mutex<Variables>,
}

#[async_trait::async_trait]
impl Extension for AuditFailuresExtension {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: async_graphql::Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<async_graphql::Request> {
        *self
            .variables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = request.variables.clone();
        next.run(ctx, request).await
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        // Every field of every response passes here: only root mutations pay for anything.
        if info.parent_type != "Mutation" || info.path_node.parent.is_some() {
            return next.run(ctx, info).await;
        }
        let action = info.name.to_owned();
        let arguments = self.arguments_of(info.field);
        let result = next.run(ctx, info).await;
        if let Err(error) = &result {
            let code = error
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("code"))
                .and_then(|code| match code {
                    Value::String(code) => Some(code.clone()),
                    Value::Enum(code) => Some(code.to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| "BAD_USER_INPUT".to_owned());
            let caller = ctx
                .data_opt::<Caller>()
                .and_then(|caller| caller.actor().ok());
            let meta = ctx.data_opt::<RequestMeta>().cloned().unwrap_or_default();
            let origin = Origin::new(caller.as_ref(), meta);
            if let Some(state) = ctx.data_opt::<AppState>() {
                let occurrence = Occurrence {
                    action: &action,
                    entity: None,
                    details: Some(arguments),
                    outcome: AuditOutcome::Failure,
                    error_code: Some(&code),
                };
                if let Err(error) = record_security_event(&state.pool, &origin, occurrence).await {
                    tracing::error!(error = %error, action, "could not record a failed mutation");
                }
            }
        }
        result
    }
}

impl AuditFailuresExtension {
    /// The field's arguments with variables substituted, as redacted JSON.
    fn arguments_of(&self, field: &async_graphql::parser::types::Field) -> serde_json::Value {
        let variables = self
            .variables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let mut arguments = serde_json::Map::new();
        for (name, value) in &field.arguments {
            let constant = value
                .node
                .clone()
                .into_const_with(|variable| {
                    Ok::<_, std::convert::Infallible>(
                        variables.get(&variable).cloned().unwrap_or_default(),
                    )
                })
                .unwrap_or_default();
            arguments.insert(
                name.node.to_string(),
                constant.into_json().unwrap_or_default(),
            );
        }
        let mut arguments = serde_json::Value::Object(arguments);
        redact(&mut arguments);
        arguments
    }
}
