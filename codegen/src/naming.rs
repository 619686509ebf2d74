//! How spec names become Rust identifiers. Shared by the checker (which rejects names that
//! cannot become identifiers, or that collide) and the IR (which records the identifiers).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A Rust identifier; `raw` means it must be written `r#name`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustIdent {
    /// The identifier without any `r#`.
    pub name: String,
    /// Whether it is a keyword that needs the raw form.
    pub raw: bool,
}

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Type names a spec may not take. Generated code names every std item by its full path, so
/// only the keyword `Self` is left.
pub const RESERVED_TYPE_NAMES: [&str; 1] = ["Self"];

/// Module names a vendor module already uses, so an endpoint may not take them.
pub const RESERVED_MODULE_NAMES: [&str; 7] = [
    "types", "errors", "context", "prelude", "metadata", "events", "client",
];

/// Whether `name` is a plain (non-raw) Rust identifier: ASCII, not a keyword.
fn is_plain_ident(name: &str) -> bool {
    name.is_ascii() && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// Whether `name` is a keyword that `r#` makes usable.
fn is_raw_able_keyword(name: &str) -> bool {
    name.is_ascii()
        && !NOT_RAW.contains(&name)
        && !is_plain_ident(name)
        && syn::parse_str::<syn::Ident>(&format!("r#{name}")).is_ok()
}

/// Identifiers longer than this are refused: no documented name comes near it, and rustc
/// needs gigabytes for identifiers of hundreds of thousands of characters.
pub const MAX_IDENT_LEN: usize = 200;

/// Checks an identifier (already in the right case), turning keywords into usable forms.
fn usable(name: String) -> Result<RustIdent, String> {
    if name.is_empty() || name.len() > MAX_IDENT_LEN {
        return Err(name);
    }
    if is_plain_ident(&name) {
        return Ok(RustIdent { name, raw: false });
    }
    if is_raw_able_keyword(&name) {
        return Ok(RustIdent { name, raw: true });
    }
    if NOT_RAW.contains(&name.as_str()) {
        return Ok(RustIdent {
            name: format!("{name}_"),
            raw: false,
        });
    }
    Err(name)
}

/// snake_case identifier for a field or module from its wire name (`taskId` → `task_id`,
/// `type` → `r#type`). `Err` carries the unusable result, for the diagnostic.
pub fn snake_ident(wire: &str) -> Result<RustIdent, String> {
    usable(wire.to_snake_case())
}

/// UpperCamelCase identifier for a type or variant (`all_pass` → `AllPass`).
pub fn camel_ident(wire: &str) -> Result<RustIdent, String> {
    usable(wire.to_upper_camel_case())
}

/// Checks an explicitly given snake_case name without changing it.
pub fn exact_snake(name: &str) -> Result<RustIdent, String> {
    if name.to_snake_case() != name {
        return Err(name.to_owned());
    }
    usable(name.to_owned())
}

/// Checks an explicitly given UpperCamelCase name without changing it.
pub fn exact_camel(name: &str) -> Result<RustIdent, String> {
    if name.to_upper_camel_case() != name {
        return Err(name.to_owned());
    }
    usable(name.to_owned())
}

/// The Rust name of a field: its `rust_name` as written, else derived from its wire name.
pub fn field_ident(wire: &str, rust_name: Option<&str>) -> Result<RustIdent, String> {
    match rust_name {
        Some(name) => exact_snake(name),
        None => snake_ident(wire),
    }
}

/// The variant name of an enum value or union member: its `name` as written, else derived from
/// its value.
pub fn variant_ident(value: &str, name: Option<&str>) -> Result<RustIdent, String> {
    match name {
        Some(name) => exact_camel(name),
        None => camel_ident(value),
    }
}

/// The identifier of a type name the checker accepted (UpperCamelCase, not a keyword).
pub fn type_ident(name: &str) -> RustIdent {
    RustIdent {
        name: name.to_owned(),
        raw: false,
    }
}

/// An identifier the generator makes from names it already checked (`DEFAULT_PAGE_SIZE`,
/// `page_size_or_default`); such names are never keywords.
pub fn fresh_ident(name: String) -> RustIdent {
    RustIdent { name, raw: false }
}

/// SCREAMING_SNAKE_CASE constant name.
pub fn const_name(name: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(name)
}

/// kebab-case cargo feature name.
pub fn feature_name(vendor: &str) -> String {
    heck::ToKebabCase::to_kebab_case(vendor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_escapes() {
        assert_eq!(snake_ident("taskId").unwrap().name, "task_id");
        assert_eq!(
            snake_ident("X-LXY-PLATFORM").unwrap().name,
            "x_lxy_platform"
        );
        assert_eq!(
            snake_ident("type").unwrap(),
            RustIdent {
                name: "type".into(),
                raw: true
            }
        );
        assert_eq!(snake_ident("self").unwrap().name, "self_");
        assert_eq!(camel_ident("self").unwrap().name, "Self_");
        assert_eq!(camel_ident("all_pass").unwrap().name, "AllPass");
        assert!(snake_ident("1abc").is_err());
        assert!(snake_ident("审批").is_err());
        assert!(snake_ident("a::b\"c").is_ok_and(|ident| ident.name == "a_b_c"));
        assert!(exact_snake("fooBar").is_err());
        assert!(exact_camel("foo").is_err());
    }
}
