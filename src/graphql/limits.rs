//! Document limits async-graphql lacks, checked on our own parse of the request, before the library looks at the
//! document at all (its own parse step already walks fragment spreads recursively, which is exponential):
//! aliases per document, root fields per operation, and the size of each operation after fragment expansion.
//! (Depth and complexity use the library's own limits, set in the schema builder.)
//!
//! The expanded size is computed in one pass with each fragment's size memoised, so a "fragment bomb" (a few
//! hundred bytes that expand to millions of fields) costs microseconds to measure and is refused before the
//! library's validation, which re-expands fragments at every use, ever sees it. `__typename` counts like any
//! other field.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use super::{
    error::{ErrorCode, request_error},
    prescan::prescan,
};
use async_graphql::{
    Name, Request, ServerError, ServerResult,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest},
    parser::{
        parse_query,
        types::{ExecutableDocument, Selection, SelectionSet},
    },
};

/// The caps, and the extension factory that enforces them.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Maximum aliased fields in the whole document.
    pub max_aliases: usize,
    /// Maximum root fields in any one operation.
    pub max_root_fields: usize,
    /// Maximum fields (and directives) in any one operation once its fragments are expanded.
    pub max_selections: usize,
}

impl ExtensionFactory for DocumentLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_trait::async_trait]
impl Extension for DocumentLimits {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        // Floods are refused on their bytes: parsing them is what costs.
        let scan = prescan(&request.query);
        check_aliases(scan.aliases, self)?;
        if scan.names > 2 * self.max_selections {
            return Err(limit_error(format!(
                "an operation may select at most {} fields; this document names {} outside arguments",
                self.max_selections, scan.names
            )));
        }
        // A document that does not parse is left for the library to report in its usual words.
        if let Ok(document) = parse_query(&request.query) {
            check(&document, self)?;
            request.set_parsed_query(document);
        }
        next.run(ctx, request).await
    }
}

/// Checks a parsed document against every cap.
pub fn check(document: &ExecutableDocument, limits: &DocumentLimits) -> ServerResult<()> {
    let mut sizes = FragmentSizes::new(document);
    for (_, operation) in document.operations.iter() {
        let selection_set = &operation.node.selection_set.node;
        let root_fields = selection_set.items.len();
        if root_fields > limits.max_root_fields {
            return Err(limit_error(format!(
                "an operation may select at most {} root fields; this one selects {root_fields}",
                limits.max_root_fields
            )));
        }
        let size = sizes.of(selection_set)?;
        if size > limits.max_selections {
            return Err(limit_error(format!(
                "an operation may select at most {} fields once fragments are expanded; this one selects {}",
                limits.max_selections,
                if size == usize::MAX {
                    "too many to count".to_owned()
                } else {
                    size.to_string()
                }
            )));
        }
    }
    Ok(())
}

/// Refuses more aliases than allowed (counted by [`prescan`], before parsing).
fn check_aliases(aliases: usize, limits: &DocumentLimits) -> ServerResult<()> {
    if aliases > limits.max_aliases {
        return Err(limit_error(format!(
            "a document may use at most {} aliases; this one uses {aliases}",
            limits.max_aliases
        )));
    }
    Ok(())
}

/// Expanded sizes of selection sets, with each fragment measured once.
struct FragmentSizes<'a> {
    document: &'a ExecutableDocument,
    measured: HashMap<&'a Name, usize>,
    measuring: HashSet<&'a Name>,
}

impl<'a> FragmentSizes<'a> {
    fn new(document: &'a ExecutableDocument) -> Self {
        Self {
            document,
            measured: HashMap::new(),
            measuring: HashSet::new(),
        }
    }

    /// Fields and directives in `selection_set` with every fragment spread expanded (saturating).
    fn of(&mut self, selection_set: &'a SelectionSet) -> ServerResult<usize> {
        let mut total: usize = 0;
        for selection in &selection_set.items {
            let size = match &selection.node {
                Selection::Field(field) => 1usize
                    .saturating_add(field.node.directives.len())
                    .saturating_add(self.of(&field.node.selection_set.node)?),
                Selection::InlineFragment(fragment) => fragment
                    .node
                    .directives
                    .len()
                    .saturating_add(self.of(&fragment.node.selection_set.node)?),
                Selection::FragmentSpread(spread) => {
                    let name = &spread.node.fragment_name.node;
                    spread
                        .node
                        .directives
                        .len()
                        .saturating_add(self.fragment(name)?)
                }
            };
            total = total.saturating_add(size);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a Name) -> ServerResult<usize> {
        if let Some(size) = self.measured.get(name) {
            return Ok(*size);
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            // An unknown fragment is the validator's to report.
            return Ok(0);
        };
        if !self.measuring.insert(name) {
            return Err(limit_error(format!("fragment {name} spreads itself")));
        }
        let size = self.of(&fragment.node.selection_set.node)?;
        self.measuring.remove(name);
        self.measured.insert(name, size);
        Ok(size)
    }
}

fn limit_error(message: String) -> ServerError {
    request_error(ErrorCode::BadRequest, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DocumentLimits = DocumentLimits {
        max_aliases: 4,
        max_root_fields: 10,
        max_selections: 1000,
    };

    fn parse(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).unwrap()
    }

    #[test]
    fn aliases_are_counted_in_operations_and_fragments() {
        let aliases = prescan(
            "query { a: me { id } b: me { x: id } ...F } fragment F on Query { c: me { id } }",
        )
        .aliases;
        assert!(check_aliases(aliases, &LIMITS).is_ok());
        let error = check_aliases(
            aliases,
            &DocumentLimits {
                max_aliases: 3,
                ..LIMITS
            },
        )
        .unwrap_err();
        assert!(error.message.contains("uses 4"), "{}", error.message);
    }

    #[test]
    fn root_fields_are_capped() {
        let document = parse("{ me { id } roles { code } users { edges { cursor } } }");
        assert!(
            check(
                &document,
                &DocumentLimits {
                    max_root_fields: 3,
                    ..LIMITS
                }
            )
            .is_ok()
        );
        assert!(
            check(
                &document,
                &DocumentLimits {
                    max_root_fields: 2,
                    ..LIMITS
                }
            )
            .is_err()
        );
    }

    #[test]
    fn a_fragment_bomb_is_measured_without_expanding_it() {
        // Each level doubles: 2^30 fields from a document of a few hundred bytes.
        let mut query = String::from("query { ...F0 }\n");
        for level in 0..30 {
            query.push_str(&format!(
                "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n",
                next = level + 1
            ));
        }
        query.push_str("fragment F30 on Query { __typename }\n");
        // Without memoisation this would walk a billion spreads; with it, 31 fragments are measured once each.
        let error = check(&parse(&query), &LIMITS).unwrap_err();
        assert!(
            error.message.contains("at most 1000 fields"),
            "{}",
            error.message
        );
    }

    #[test]
    fn repeated_typename_counts() {
        let query = format!("{{ me {{ {} }} }}", "__typename ".repeat(2000));
        assert!(check(&parse(&query), &LIMITS).is_err());
    }

    #[test]
    fn self_spreading_fragments_are_refused() {
        let document =
            parse("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
        assert!(
            check(&document, &LIMITS)
                .unwrap_err()
                .message
                .contains("spreads itself")
        );
    }
}
