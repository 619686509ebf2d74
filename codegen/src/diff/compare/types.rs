//! Changes to named types: kinds, enum values, union members.

use super::Differ;
use super::{canonical, enum_values, union_variants};
use crate::diff::text;
use crate::diff::{Direction, Rule};
use crate::naming;
use crate::spec::{EnumRepr, TypeDef, TypeKind};
use std::collections::BTreeSet;

impl Differ<'_> {
    pub(super) fn types(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, def) in after.types.iter() {
            let item = format!("types.{}", name.value);
            let direction = self.direction_of(name);
            match before.types.get(name) {
                None => self.push(
                    Rule::TypeAdded,
                    &item,
                    text::kind(def.kind.value),
                    name.span,
                    direction,
                ),
                Some(old) if old.kind.value != def.kind.value => {
                    self.push(
                        Rule::TypeKindChanged,
                        &item,
                        text::arrow(text::kind(old.kind.value), text::kind(def.kind.value)),
                        def.kind.span,
                        direction,
                    );
                }
                Some(old) => self.same_kind(&item, old, def, direction),
            }
        }
        for (name, def) in before
            .types
            .iter()
            .filter(|(n, _)| after.types.get(n).is_none())
        {
            self.push(
                Rule::TypeRemoved,
                &format!("types.{}", name.value),
                text::kind(def.kind.value),
                after.vendor.span,
                self.direction_of(name),
            );
        }
    }

    fn same_kind(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        if old.doc.value != new.doc.value
            || old.quirk.as_ref().map(|q| &q.value) != new.quirk.as_ref().map(|q| &q.value)
        {
            self.push(
                Rule::DocChanged,
                item,
                "description or quirk",
                new.doc.span,
                Direction::Neither,
            );
        }
        match new.kind.value {
            TypeKind::Object => {
                self.fields(
                    item,
                    old.fields.as_deref().unwrap_or_default(),
                    new.fields.as_deref().unwrap_or_default(),
                    direction,
                );
                let rules = |d: &TypeDef| {
                    d.rules
                        .iter()
                        .map(text::object_rule)
                        .collect::<BTreeSet<_>>()
                };
                let (was, now) = (rules(old), rules(new));
                for rule in now.difference(&was) {
                    self.push(Rule::ObjectRuleAdded, item, rule, new.kind.span, direction);
                }
                for rule in was.difference(&now) {
                    self.push(
                        Rule::ObjectRuleRemoved,
                        item,
                        rule,
                        new.kind.span,
                        direction,
                    );
                }
            }
            TypeKind::Newtype => {
                let inner =
                    |d: &TypeDef| d.inner.as_ref().map(|t| canonical(t)).unwrap_or_default();
                if inner(old) != inner(new) {
                    self.push(
                        Rule::Retyped,
                        item,
                        text::arrow(format!("`{}`", inner(old)), format!("`{}`", inner(new))),
                        new.kind.span,
                        direction,
                    );
                }
            }
            TypeKind::Enum => self.enum_values(item, old, new, direction),
            TypeKind::Union => self.union(item, old, new, direction),
        }
    }

    fn enum_values(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        let repr = |d: &TypeDef| d.repr.as_ref().map(|r| r.value);
        if repr(old) != repr(new) {
            let shown = |d: &TypeDef| text::optional(repr(d).map(text::repr));
            self.push(
                Rule::EnumReprChanged,
                item,
                text::arrow(shown(old), shown(new)),
                new.kind.span,
                direction,
            );
            return;
        }
        let integer = repr(new) == Some(EnumRepr::Integer);
        let (was, now) = (enum_values(old, integer), enum_values(new, integer));
        for (wire, value) in &now {
            match was.get(wire) {
                None => self.push(
                    Rule::EnumValueAdded,
                    item,
                    format!("`{wire}`"),
                    value.value.span,
                    direction,
                ),
                Some(before) => {
                    let variant = |v: &crate::spec::EnumValue| {
                        naming::variant_ident(&v.value, v.name.as_ref().map(|n| n.value.as_str()))
                            .map(|i| i.name)
                            .unwrap_or_default()
                    };
                    if variant(before) != variant(value) {
                        self.push(
                            Rule::EnumVariantRenamed,
                            item,
                            format!("`{wire}`: `{}` → `{}`", variant(before), variant(value)),
                            value.value.span,
                            direction,
                        );
                    }
                    let label = |v: &crate::spec::EnumValue| text::optional(v.label.as_deref());
                    if label(before) != label(value) {
                        self.push(
                            Rule::EnumValueRelabelled,
                            item,
                            format!("`{wire}`: {}", text::arrow(label(before), label(value))),
                            value.value.span,
                            direction,
                        );
                    }
                    if before.doc.value != value.doc.value {
                        self.push(
                            Rule::DocChanged,
                            item,
                            format!("value `{wire}`"),
                            value.doc.span,
                            Direction::Neither,
                        );
                    }
                }
            }
        }
        for wire in was.keys().filter(|w| !now.contains_key(*w)) {
            self.push(
                Rule::EnumValueRemoved,
                item,
                format!("`{wire}`"),
                new.kind.span,
                direction,
            );
        }
    }

    fn union(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        let selector = |d: &TypeDef| {
            let tag = d.tag.as_ref().map(|t| format!("tag `{}`", t.value));
            let sibling = d
                .discriminator
                .as_ref()
                .map(|t| format!("discriminator `{}`", t.value));
            text::optional(
                [tag, sibling]
                    .into_iter()
                    .flatten()
                    .reduce(|a, b| format!("{a} and {b}")),
            )
        };
        if selector(old) != selector(new) {
            self.push(
                Rule::TypeKindChanged,
                item,
                format!("chosen by {}", text::arrow(selector(old), selector(new))),
                new.kind.span,
                direction,
            );
        }
        let (was, now) = (union_variants(old), union_variants(new));
        for (tag, variant) in &now {
            match was.get(tag) {
                None => self.push(
                    Rule::UnionVariantAdded,
                    item,
                    format!("`{tag}` (`{}`)", variant.ty.value),
                    variant.value.span,
                    direction,
                ),
                Some(before) if before.ty.value != variant.ty.value => {
                    self.push(
                        Rule::UnionVariantRetyped,
                        item,
                        format!(
                            "`{tag}`: {}",
                            text::arrow(
                                format!("`{}`", before.ty.value),
                                format!("`{}`", variant.ty.value)
                            )
                        ),
                        variant.ty.span,
                        direction,
                    );
                }
                Some(_) => {}
            }
        }
        for tag in was.keys().filter(|t| !now.contains_key(*t)) {
            self.push(
                Rule::UnionVariantRemoved,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
        let refused = |d: &TypeDef| {
            d.not_creatable
                .iter()
                .flat_map(|l| l.values.iter().map(|v| v.value.clone()))
                .collect::<BTreeSet<_>>()
        };
        let (was, now) = (refused(old), refused(new));
        for tag in now.difference(&was) {
            self.push(
                Rule::NotCreatableAdded,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
        for tag in was.difference(&now) {
            self.push(
                Rule::NotCreatableRemoved,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
    }
}
