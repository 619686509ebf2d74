//! Proptest strategies of JSON that conforms to a spec type, built by walking the checked specs'
//! IR, so every object, enum (with unknown values), union (with unknown members), list, map,
//! lenient, JSON-in-string and scalar format the specs use gets values — and a new type or field
//! in a spec gets them without a test edit.
//!
//! Values are [`Json`] trees rather than `serde_json::Value`: they keep the order keys were
//! generated in (so a tagged union's tag is not always first in the text) and they mark the
//! `json_string<T>` fields, whose text is compared as the JSON it carries (key order inside it
//! is not meaningful, and the generated code writes some of it in struct order, some sorted).
//!
//! This module is the one place that reads the IR for the property tests; a change to the IR
//! shows up here as a compile error.

use approval_codegen::ir::{self, Presence, Scalar, Ty, TypeKind};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// A JSON value as generated: ordered object entries, and JSON carried inside a string marked.
#[derive(Clone)]
pub enum Json {
    /// A scalar, or a value of the `json` type (any JSON, kept as is).
    Leaf(Value),
    /// An array.
    List(Vec<Json>),
    /// An object, entries in the order they are written.
    Object(Vec<(String, Json)>),
    /// A string whose text is this JSON (`json_string<T>`).
    Embedded(Box<Json>),
}

/// Shown as its JSON text: shrunk failures print readably.
impl std::fmt::Debug for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl Json {
    /// The JSON text, keys in the order held.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Leaf(value) => out.push_str(&value.to_string()),
            Self::List(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(entries) => {
                out.push('{');
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            Self::Embedded(inner) => out.push_str(&Value::String(inner.to_text()).to_string()),
        }
    }

    /// Whether `actual` (a re-encoded value) says the same: equal JSON, with the text of
    /// embedded JSON compared as JSON. The error names the first path that differs.
    pub fn matches(&self, actual: &Value) -> Result<(), String> {
        self.matches_at(actual, &mut String::from("$"))
    }

    fn matches_at(&self, actual: &Value, path: &mut String) -> Result<(), String> {
        let differs = |expected: &dyn std::fmt::Display| {
            Err(format!(
                "at {path}: expected {expected}, re-encoded as {actual}"
            ))
        };
        match (self, actual) {
            (Self::Leaf(expected), _) if expected == actual => Ok(()),
            (Self::List(items), Value::Array(actual_items))
                if items.len() == actual_items.len() =>
            {
                for (index, (item, actual_item)) in items.iter().zip(actual_items).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    item.matches_at(actual_item, path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            (Self::Object(entries), Value::Object(actual_entries)) => {
                let expected_keys: BTreeSet<&str> =
                    entries.iter().map(|(k, _)| k.as_str()).collect();
                let actual_keys: BTreeSet<&str> =
                    actual_entries.keys().map(String::as_str).collect();
                if expected_keys != actual_keys {
                    return Err(format!(
                        "at {path}: keys {expected_keys:?}, re-encoded with keys {actual_keys:?}"
                    ));
                }
                for (key, value) in entries {
                    let len = path.len();
                    path.push('.');
                    path.push_str(key);
                    value.matches_at(&actual_entries[key], path)?;
                    path.truncate(len);
                }
                Ok(())
            }
            (Self::Embedded(inner), Value::String(text)) => match serde_json::from_str(text) {
                Ok(parsed) => {
                    path.push_str("(embedded)");
                    inner.matches_at(&parsed, path)
                }
                Err(error) => Err(format!(
                    "at {path}: embedded JSON re-encoded as unparsable {text:?}: {error}"
                )),
            },
            _ => differs(&self.to_text()),
        }
    }
}

/// Limits of the generated values.
#[derive(Debug, Clone)]
pub struct Limits {
    /// How many named types deep values nest before optional parts are left out and lists are
    /// empty (required parts still nest; check guarantees that ends).
    pub depth: u32,
    /// Most items of a list or map.
    pub items: usize,
    /// The `timestamp_ms` values (any `i64` by default).
    pub epoch_millis: std::ops::RangeInclusive<i64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            depth: 4,
            items: 3,
            epoch_millis: i64::MIN..=i64::MAX,
        }
    }
}

/// Builds strategies for the types of one vendor, memoised by type and remaining depth.
#[derive(Debug)]
pub struct Shapes<'a> {
    vendor: &'a ir::Vendor,
    limits: Limits,
    memo: RefCell<HashMap<(Ty, u32), BoxedStrategy<Json>>>,
}

impl<'a> Shapes<'a> {
    /// Strategies for `vendor`'s types.
    pub fn new(vendor: &'a ir::Vendor, limits: Limits) -> Self {
        Self {
            vendor,
            limits,
            memo: RefCell::default(),
        }
    }

    /// Values of the named type `name`.
    ///
    /// # Panics
    /// When the vendor has no such type (a test table out of date).
    pub fn named(&self, name: &str) -> BoxedStrategy<Json> {
        let ty = Ty::Named(self.ident(name).clone());
        self.of(&ty, self.limits.depth)
    }

    fn ident(&self, name: &str) -> &ir::RustIdent {
        &self
            .vendor
            .types
            .iter()
            .find(|t| t.ident.name == name)
            .unwrap_or_else(|| panic!("{} has no type {name}", self.vendor.module.name))
            .ident
    }

    fn lookup(&self, ident: &ir::RustIdent) -> &'a ir::NamedType {
        self.vendor
            .named(ident)
            .unwrap_or_else(|| panic!("checked IR names an unknown type {}", ident.name))
    }

    /// Values of `ty` with `depth` named types still allowed to nest.
    pub fn of(&self, ty: &Ty, depth: u32) -> BoxedStrategy<Json> {
        let key = (ty.clone(), depth);
        if let Some(strategy) = self.memo.borrow().get(&key) {
            return strategy.clone();
        }
        let strategy = self.build(ty, depth);
        self.memo.borrow_mut().insert(key, strategy.clone());
        strategy
    }

    fn build(&self, ty: &Ty, depth: u32) -> BoxedStrategy<Json> {
        // Out of depth, nothing optional is built (not even its strategy: a recursive type
        // would recurse for ever): lists and maps are empty, lenient values are text.
        match ty {
            Ty::Scalar(scalar) => scalar_json(*scalar, &self.limits),
            Ty::List(_) | Ty::Map(_) if depth == 0 => Just(match ty {
                Ty::List(_) => Json::List(Vec::new()),
                _ => Json::Object(Vec::new()),
            })
            .boxed(),
            Ty::List(inner) => {
                proptest::collection::vec(self.of(inner, depth), 0..=self.limits.items)
                    .prop_map(Json::List)
                    .boxed()
            }
            Ty::Map(inner) => self.map_entries(inner, depth, BTreeSet::new()),
            Ty::Lenient(_) if depth == 0 => any_string().prop_map(string_leaf).boxed(),
            Ty::Lenient(inner) => {
                // Either the native form or any text (kept as received, parsed or not).
                prop_oneof![self.of(inner, depth), any_string().prop_map(string_leaf)].boxed()
            }
            Ty::JsonString(inner) => self
                .of(inner, depth)
                .prop_map(|json| Json::Embedded(Box::new(json)))
                .boxed(),
            Ty::Named(ident) => self.named_type(self.lookup(ident), depth.saturating_sub(1)),
        }
    }

    /// A JSON object with string keys (`map<T>`), keys outside `reserved` (names of sibling
    /// fields, when the map is flattened into an object).
    fn map_entries(
        &self,
        inner: &Ty,
        depth: u32,
        reserved: BTreeSet<String>,
    ) -> BoxedStrategy<Json> {
        if depth == 0 {
            return Just(Json::Object(Vec::new())).boxed();
        }
        let items = self.limits.items;
        proptest::collection::btree_map(
            any_string().prop_filter("a sibling field's name", move |key| !reserved.contains(key)),
            self.of(inner, depth),
            0..=items,
        )
        .prop_map(|entries| Json::Object(entries.into_iter().collect()))
        .boxed()
    }

    fn named_type(&self, named: &'a ir::NamedType, depth: u32) -> BoxedStrategy<Json> {
        match &named.kind {
            TypeKind::Object(object) => self.object(object, depth),
            TypeKind::Enum(enumeration) => enum_json(enumeration),
            TypeKind::Newtype(scalar) => scalar_json(
                match scalar {
                    ir::NewtypeScalar::String => Scalar::String,
                    ir::NewtypeScalar::I64 => Scalar::I64,
                    ir::NewtypeScalar::I32 => Scalar::I32,
                },
                &self.limits,
            ),
            TypeKind::TaggedUnion(union) => self.tagged_union(union, depth),
            // Decoding needs the sibling, so a sibling union is generated with its object.
            TypeKind::SiblingUnion(_) => arbitrary_json(2).prop_map(Json::Leaf).boxed(),
        }
    }

    /// The wire names an object's entries take, its flattened objects' included.
    fn wire_names(&self, object: &ir::Object, out: &mut BTreeSet<String>) {
        for field in &object.fields {
            match (&field.ty, field.flatten) {
                (Ty::Named(ident), true) => {
                    if let TypeKind::Object(inner) = &self.lookup(ident).kind {
                        self.wire_names(inner, out);
                    }
                }
                (_, true) => {}
                (_, false) => {
                    out.insert(field.wire.clone());
                }
            }
        }
    }

    fn object(&self, object: &ir::Object, depth: u32) -> BoxedStrategy<Json> {
        let mut reserved = BTreeSet::new();
        self.wire_names(object, &mut reserved);
        // Each part gives the entries it adds; a sibling union's part also writes its
        // discriminator, so that field has no part of its own.
        let discriminators: BTreeSet<usize> = object
            .fields
            .iter()
            .filter_map(|field| field.discriminated_by)
            .collect();
        let mut parts: Vec<BoxedStrategy<Vec<(String, Json)>>> = Vec::new();
        for (index, field) in object.fields.iter().enumerate() {
            if discriminators.contains(&index) {
                continue;
            }
            let part = match field.discriminated_by {
                Some(by) => self.sibling_union_pair(&object.fields[by], field, depth),
                None if field.flatten => self.flattened(field, depth, reserved.clone()),
                None => {
                    let wire = field.wire.clone();
                    self.presence(field, || self.of(&field.ty, depth), depth)
                        .prop_map(move |value| {
                            value
                                .map(|value| (wire.clone(), value))
                                .into_iter()
                                .collect()
                        })
                        .boxed()
                }
            };
            parts.push(part);
        }
        parts
            .prop_map(|parts| Json::Object(parts.into_iter().flatten().collect()))
            .boxed()
    }

    /// `None` for absent, `Some(null)` for null, as the field's presence allows; out of depth,
    /// every optional part is absent and a nullable required one is null.
    fn presence(
        &self,
        field: &ir::Field,
        value: impl FnOnce() -> BoxedStrategy<Json>,
        depth: u32,
    ) -> BoxedStrategy<Option<Json>> {
        let null = || Just(Some(Json::Leaf(Value::Null)));
        match (field.presence, depth == 0) {
            (Presence::Required, _) => value().prop_map(Some).boxed(),
            (Presence::RequiredNullable, true) => null().boxed(),
            (Presence::RequiredNullable, false) => {
                prop_oneof![null(), value().prop_map(Some)].boxed()
            }
            (Presence::Optional | Presence::OptionalNullable, true) => Just(None).boxed(),
            (Presence::Optional, false) => prop_oneof![Just(None), value().prop_map(Some)].boxed(),
            (Presence::OptionalNullable, false) => {
                prop_oneof![Just(None), null(), value().prop_map(Some)].boxed()
            }
        }
    }

    /// A flattened field's entries, inline in the parent.
    fn flattened(
        &self,
        field: &ir::Field,
        depth: u32,
        reserved: BTreeSet<String>,
    ) -> BoxedStrategy<Vec<(String, Json)>> {
        let inline = || match &field.ty {
            Ty::Map(inner) => self.map_entries(inner, depth, reserved),
            other => self.of(other, depth),
        };
        self.presence(field, inline, depth)
            .prop_map(|value| match value {
                Some(Json::Object(entries)) => entries,
                Some(other) => panic!("a flattened field generated a non-object {other:?}"),
                None => Vec::new(),
            })
            .boxed()
    }

    /// A sibling-discriminated union field and its discriminator: a known discriminator value
    /// with its member's shape, or a value no member names (an unknown enum value, or a listed
    /// one without a member) with any JSON, kept as received.
    fn sibling_union_pair(
        &self,
        discriminator: &ir::Field,
        field: &ir::Field,
        depth: u32,
    ) -> BoxedStrategy<Vec<(String, Json)>> {
        let Ty::Named(ident) = &field.ty else {
            panic!("sibling union field {} is not a named type", field.wire)
        };
        let TypeKind::SiblingUnion(union) = &self.lookup(ident).kind else {
            panic!(
                "field {} is discriminated but not a sibling union",
                field.wire
            )
        };
        let enumeration = match &discriminator.ty {
            Ty::Named(ident) => match &self.lookup(ident).kind {
                TypeKind::Enum(enumeration) => Some(enumeration),
                _ => None,
            },
            _ => None,
        };
        let wire_of = move |text: &str| match enumeration {
            Some(enumeration) if enumeration.is_integer() => Value::from(
                text.parse::<i64>()
                    .unwrap_or_else(|_| panic!("integer enum value {text}")),
            ),
            _ => Value::String(text.to_owned()),
        };
        let mut members: Vec<BoxedStrategy<(Value, Json)>> = union
            .variants
            .iter()
            .map(|(variant, _)| {
                let tag = wire_of(&variant.wire);
                self.of(&Ty::Named(variant.ty.clone()), depth)
                    .prop_map(move |member| (tag.clone(), member))
                    .boxed()
            })
            .collect();
        let named: BTreeSet<String> = union.variants.iter().map(|(v, _)| v.wire.clone()).collect();
        let unnamed = match enumeration {
            Some(enumeration) => enum_json(enumeration)
                .prop_filter_map("a value a member names", |json| match json {
                    Json::Leaf(value) => Some(value),
                    _ => None,
                })
                .prop_filter("a value a member names", move |value| {
                    !named.contains(&wire_text(value))
                })
                .boxed(),
            None => any_string()
                .prop_filter("a value a member names", move |text| !named.contains(text))
                .prop_map(Value::String)
                .boxed(),
        };
        members.push(
            (unnamed, arbitrary_json(2))
                .prop_map(|(tag, raw)| (tag, Json::Leaf(raw)))
                .boxed(),
        );
        let (discriminator_wire, field_wire) = (discriminator.wire.clone(), field.wire.clone());
        assert!(
            discriminator.presence == Presence::Required
                && matches!(field.presence, Presence::Required | Presence::Optional),
            "sibling unions whose discriminator may be absent, or that may be null, are not generated yet ({field_wire})"
        );
        // An optional union field may also be left out, its discriminator still sent.
        let may_be_absent = field.presence == Presence::Optional;
        (proptest::strategy::Union::new(members), any::<bool>())
            .prop_map(move |((tag, member), absent)| {
                let mut entries = vec![(discriminator_wire.clone(), Json::Leaf(tag))];
                if !(may_be_absent && absent) {
                    entries.push((field_wire.clone(), member));
                }
                entries
            })
            .boxed()
    }

    /// A member object with its tag written at any position, or an object whose tag no member
    /// has (or that has none), kept as received.
    fn tagged_union(&self, union: &ir::TaggedUnion, depth: u32) -> BoxedStrategy<Json> {
        let mut members: Vec<BoxedStrategy<Json>> = Vec::new();
        for variant in &union.variants {
            let (tag_field, tag) = (union.tag.clone(), variant.wire.clone());
            members.push(
                (
                    self.of(&Ty::Named(variant.ty.clone()), depth),
                    any::<Index>(),
                )
                    .prop_map(move |(member, at)| {
                        let Json::Object(mut entries) = member else {
                            panic!("union member {tag} is not an object")
                        };
                        let at = at.index(entries.len() + 1);
                        entries.insert(
                            at,
                            (tag_field.clone(), Json::Leaf(Value::String(tag.clone()))),
                        );
                        Json::Object(entries)
                    })
                    .boxed(),
            );
        }
        let known: BTreeSet<String> = union.variants.iter().map(|v| v.wire.clone()).collect();
        let tag_field = union.tag.clone();
        let unknown_tag = proptest::option::of(
            any_string().prop_filter("a listed tag", move |tag| !known.contains(tag)),
        );
        let other_entries = proptest::collection::btree_map(any_string(), arbitrary_json(1), 0..3);
        members.push(
            (unknown_tag, other_entries)
                .prop_map(move |(tag, mut entries)| {
                    entries.remove(&tag_field);
                    if let Some(tag) = tag {
                        entries.insert(tag_field.clone(), Value::String(tag));
                    }
                    Json::Object(
                        entries
                            .into_iter()
                            .map(|(key, value)| (key, Json::Leaf(value)))
                            .collect(),
                    )
                })
                .boxed(),
        );
        proptest::strategy::Union::new(members).boxed()
    }
}

fn wire_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn string_leaf(text: String) -> Json {
    Json::Leaf(Value::String(text))
}

/// Any short string, control characters, quotes and non-BMP characters included.
pub fn any_string() -> BoxedStrategy<String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
        "[a-z0-9 \"\\\\/]{0,6}",
    ]
    .boxed()
}

/// Any JSON value, nested at most `depth` levels.
pub fn arbitrary_json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(any_string(), inner, 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

fn finite_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |value| value.is_finite())
}

fn enum_json(enumeration: &ir::Enum) -> BoxedStrategy<Json> {
    let listed: Vec<String> = enumeration
        .values
        .iter()
        .map(|v| v.wire.to_string())
        .collect();
    if enumeration.is_integer() {
        let listed: Vec<i64> = listed
            .iter()
            .map(|text| {
                text.parse()
                    .unwrap_or_else(|_| panic!("integer enum value {text}"))
            })
            .collect();
        let unknown = {
            let listed = listed.clone();
            any::<i64>().prop_filter("a listed value", move |value| !listed.contains(value))
        };
        prop_oneof![3 => proptest::sample::select(listed), 1 => unknown]
            .prop_map(|value| Json::Leaf(Value::from(value)))
            .boxed()
    } else {
        let unknown = {
            let listed = listed.clone();
            any_string().prop_filter("a listed value", move |value| !listed.contains(value))
        };
        prop_oneof![3 => proptest::sample::select(listed), 1 => unknown]
            .prop_map(string_leaf)
            .boxed()
    }
}

/// Values of a scalar in the form the vendors send and the runtime writes back: times in
/// their pattern with a real calendar date, RFC 3339 with any offset (`Z` for zero, which is
/// how the runtime writes it) and fraction digits without trailing zeros.
fn scalar_json(scalar: Scalar, limits: &Limits) -> BoxedStrategy<Json> {
    let leaf = |strategy: BoxedStrategy<Value>| strategy.prop_map(Json::Leaf).boxed();
    match scalar {
        Scalar::String => any_string().prop_map(string_leaf).boxed(),
        Scalar::Bool => leaf(any::<bool>().prop_map(Value::Bool).boxed()),
        Scalar::I32 => leaf(any::<i32>().prop_map(Value::from).boxed()),
        Scalar::I64 => leaf(any::<i64>().prop_map(Value::from).boxed()),
        Scalar::TimestampMs => leaf(limits.epoch_millis.clone().prop_map(Value::from).boxed()),
        Scalar::F64 => leaf(finite_f64().prop_map(Value::from).boxed()),
        Scalar::Decimal => leaf(
            prop_oneof![
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                finite_f64().prop_map(Value::from),
                (-1_000_000_i64..1_000_000, 1_u32..4).prop_map(|(cents, scale)| {
                    let text = format!("{}", cents as f64 / 10_f64.powi(scale as i32));
                    serde_json::from_str(&text).unwrap_or(Value::Null)
                }),
            ]
            .boxed(),
        ),
        Scalar::DateTime => date_time()
            .prop_map(|(date, (h, m, s))| format!("{date} {h:02}:{m:02}:{s:02}"))
            .prop_map(string_leaf)
            .boxed(),
        Scalar::DateTimeMinutes => date_time()
            .prop_map(|(date, (h, m, _))| format!("{date} {h:02}:{m:02}"))
            .prop_map(string_leaf)
            .boxed(),
        Scalar::Date => date().prop_map(string_leaf).boxed(),
        Scalar::Rfc3339 => (date_time(), fraction(), offset())
            .prop_map(|((date, (h, m, s)), fraction, offset)| {
                format!("{date}T{h:02}:{m:02}:{s:02}{fraction}{offset}")
            })
            .prop_map(string_leaf)
            .boxed(),
        Scalar::Json => arbitrary_json(3).prop_map(Json::Leaf).boxed(),
    }
}

fn date() -> impl Strategy<Value = String> {
    (1000_i32..=9999, 1_u32..=12, 1_u32..=31).prop_filter_map("a real date", |(y, m, d)| {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (d <= days).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

fn date_time() -> impl Strategy<Value = (String, (u32, u32, u32))> {
    (date(), (0_u32..24, 0_u32..60, 0_u32..60))
}

/// No fraction, or 1 to 9 digits without trailing zeros (how the runtime writes them).
fn fraction() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (1_usize..=9)
            .prop_flat_map(|digits| (Just(digits), 1..10_u64.pow(digits as u32)))
            .prop_filter("a trailing zero", |(_, value)| value % 10 != 0)
            .prop_map(|(digits, value)| format!(".{value:0digits$}")),
    ]
}

fn offset() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Z".to_owned()),
        (any::<bool>(), 0_u32..18, 0_u32..60)
            .prop_filter("zero is written `Z`", |(_, h, m)| *h != 0 || *m != 0)
            .prop_map(|(east, h, m)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' })),
    ]
}
