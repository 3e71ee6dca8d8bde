//! A lexical pass over a GraphQL document before anything parses it: parsing a large document costs
//! milliseconds, so a flood of aliases or fields must be refused on its bytes. In an executable document every
//! `:` outside parentheses (arguments, variable definitions and directive arguments, object values included),
//! strings and comments belongs to an alias, so the alias count is exact for any document that would parse;
//! every name outside them is a field, a fragment spread, a directive or a keyword, a bound on the selections.

/// What the pass found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prescan {
    /// Aliases in the whole document.
    pub aliases: usize,
    /// Names outside parentheses (at least the number of field selections written).
    pub names: usize,
}

/// Scans `document` once, in linear time, without allocating.
pub fn prescan(document: &str) -> Prescan {
    let bytes = document.as_bytes();
    let mut scan = Prescan::default();
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            b'"' if bytes[at..].starts_with(br#"""""#) => {
                at += 3;
                while at < bytes.len() && !bytes[at..].starts_with(br#"""""#) {
                    at += if bytes[at..].starts_with(br#"\""""#) {
                        4
                    } else {
                        1
                    };
                }
                at += 3;
            }
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\n' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
            }
            b'(' => {
                depth += 1;
                at += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                at += 1;
            }
            b':' => {
                scan.aliases += usize::from(depth == 0);
                at += 1;
            }
            byte if byte == b'_' || byte.is_ascii_alphabetic() => {
                scan.names += usize::from(depth == 0);
                while at < bytes.len() && (bytes[at] == b'_' || bytes[at].is_ascii_alphanumeric()) {
                    at += 1;
                }
            }
            _ => at += 1,
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_colons_outside_arguments_strings_and_comments() {
        let document = r#"
            # a comment: with a colon
            query Q($first: Int = 3, $filter: ProductFilter = {search: "a:b"}) {
              mine: me { id }
              products(first: $first, filter: $filter) @include(if: true) { edges { node { sku label: nameTh } } }
              productBySku(sku: """block: "quoted" \""" still: string""") { id }
            }
        "#;
        let scan = prescan(document);
        assert_eq!(scan.aliases, 2);
        // query Q mine me id products include edges node sku label nameTh productBySku id
        assert_eq!(scan.names, 14);
    }

    #[test]
    fn a_flood_is_counted_without_parsing() {
        let flood: String = (0..5_000)
            .map(|index| format!("a{index}: __typename "))
            .collect();
        let scan = prescan(&format!("{{ {flood} }}"));
        assert_eq!(scan.aliases, 5_000);
        assert_eq!(scan.names, 10_000);
    }
}
