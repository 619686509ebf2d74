//! A deterministic synthetic spec of any size, for scaling benchmarks and property tests.
//!
//! Each endpoint brings its own realistic shapes: a body with a nested object, an enum, a list
//! of objects, a tagged union and constraints, and a response with nullable fields and a map.

use std::fmt::Write as _;

/// YAML text of a spec with `endpoints` endpoints (vendor `synthetic`).
pub fn spec(endpoints: usize) -> String {
    spec_in_order(endpoints, false)
}

/// The same spec with its `types:` and `endpoints:` entries written in reverse order, which
/// must not change the generated code.
pub fn spec_in_order(endpoints: usize, reversed: bool) -> String {
    let mut out = String::from(
        "vendor: synthetic\ntitle: Synthetic\ndoc: Generated for benchmarks.\nbase_url: https://example.invalid\n\
         sources:\n  gen:\n    title: generator\n    url: https://example.invalid/gen\n\
         envelope:\n  style: wrapped\n  code: code\n  message: msg\n  payload: data\n  success: 0\n  doc: Wrapped.\n  source: gen\n\
         errors:\n  - {code: 1, name: Failed, message: failed, doc: Failure., source: gen}\ntypes:\n",
    );
    let order = |n: usize| if reversed { endpoints - 1 - n } else { n };
    for n in (0..endpoints).map(order) {
        let _ = write!(
            out,
            "  Status{n}:\n    kind: enum\n    repr: string\n    doc: Status {n}.\n    source: gen\n    values:\n\
             \x20     - {{value: open, doc: Open.}}\n      - {{value: closed, doc: Closed.}}\n      - {{value: \"3\", name: Three, doc: Three.}}\n\
             \x20 Item{n}:\n    kind: object\n    doc: Item {n}.\n    source: gen\n    fields:\n\
             \x20     - {{name: itemId, type: string, required: true, doc: Id., constraints: {{max_length: 64}}}}\n\
             \x20     - {{name: amount, type: decimal, doc: Amount., constraints: {{scale: 2, min: 0}}}}\n\
             \x20     - {{name: when, type: datetime_minutes, doc: When.}}\n\
             \x20 Text{n}:\n    kind: object\n    doc: Text member {n}.\n    source: gen\n    fields:\n\
             \x20     - {{name: value, type: string, required: true, doc: Text.}}\n\
             \x20 Many{n}:\n    kind: object\n    doc: List member {n}.\n    source: gen\n    fields:\n\
             \x20     - {{name: value, type: list<string>, required: true, doc: Values.}}\n\
             \x20 Part{n}:\n    kind: union\n    tag: type\n    doc: Part {n}.\n    source: gen\n    variants:\n\
             \x20     - {{value: text, type: Text{n}, doc: Text.}}\n      - {{value: many, type: Many{n}, doc: Many.}}\n\
             \x20 Body{n}:\n    kind: object\n    doc: Body {n}.\n    source: gen\n    fields:\n\
             \x20     - {{name: token, type: string, required: true, secret: true, doc: Token.}}\n\
             \x20     - {{name: status, type: Status{n}, required: true, doc: Status.}}\n\
             \x20     - {{name: items, type: list<Item{n}>, doc: Items., constraints: {{max_length: 100}}}}\n\
             \x20     - {{name: parts, type: list<Part{n}>, doc: Parts.}}\n\
             \x20     - {{name: pageSize, type: i32, default: \"20\", doc: Page size., constraints: {{min: 1, max: 1000}}}}\n\
             \x20     - {{name: startTime, type: timestamp_ms, required: true, doc: Start.}}\n\
             \x20     - {{name: endTime, type: timestamp_ms, required: true, doc: End.}}\n\
             \x20   rules:\n      - {{start: startTime, end: endTime, max_days: 180, doc: Window.}}\n\
             \x20 Reply{n}:\n    kind: object\n    doc: Reply {n}.\n    source: gen\n    fields:\n\
             \x20     - {{name: id, type: i64, required: true, doc: Id.}}\n\
             \x20     - {{name: note, type: string, required: true, nullable: true, doc: Note.}}\n\
             \x20     - {{name: extra, type: lenient<i64>, nullable: true, doc: Extra.}}\n\
             \x20     - {{name: labels, type: map<string>, doc: Labels.}}\n\
             \x20     - {{name: items, type: list<Item{n}>, required: true, doc: Items.}}\n"
        );
    }
    out.push_str("endpoints:\n");
    for n in (0..endpoints).map(order) {
        let _ = write!(
            out,
            "  call_{n}:\n    doc: Call {n}.\n    source: gen\n    method: POST\n    path: /api/{n}/{{id}}\n\
             \x20   path_params:\n      - {{name: id, type: string, required: true, doc: Id.}}\n\
             \x20   query:\n      - {{name: trace, type: string, doc: Trace.}}\n\
             \x20   body: Body{n}\n    response: Reply{n}\n    errors: [1]\n"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_deterministic_and_grows_linearly() {
        assert_eq!(super::spec(3), super::spec(3));
        let (one, ten) = (super::spec(1).len(), super::spec(10).len());
        assert!(ten > 9 * (one / 2) && ten < 10 * one, "{one} {ten}");
    }
}
