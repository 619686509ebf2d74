//! A spec of `n` object types in a chain, each holding two fields of the next: the shape that
//! made a path-enumerating cycle check take time doubling with every type.

use std::fmt::Write as _;

/// YAML text of the chain spec (vendor `chain`), with one endpoint whose body is the head.
pub fn spec(types: usize) -> String {
    let mut out = String::from(
        "vendor: chain\ntitle: Chain\ndoc: Object types nested in a chain.\nbase_url: https://example.invalid\n\
         sources:\n  gen:\n    title: generator\n    url: https://example.invalid/gen\n\
         envelope:\n  style: wrapped\n  code: code\n  message: msg\n  payload: data\n  success: 0\n  doc: Wrapped.\n  source: gen\n\
         types:\n",
    );
    for n in 0..types {
        let _ = write!(
            out,
            "  Link{n}:\n    kind: object\n    doc: Link {n}.\n    source: gen\n    fields:\n"
        );
        if n + 1 < types {
            let next = n + 1;
            let _ = write!(
                out,
                "      - {{name: left, type: Link{next}, doc: Left.}}\n      - {{name: right, type: Link{next}, doc: Right.}}\n"
            );
        } else {
            out.push_str("      - {name: end, type: string, doc: End.}\n");
        }
    }
    out.push_str(
        "endpoints:\n  walk:\n    doc: Takes the chain.\n    source: gen\n    method: POST\n    path: /walk\n    body: Link0\n",
    );
    out
}
