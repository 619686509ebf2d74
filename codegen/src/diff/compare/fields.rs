//! Changes to fields and parameters: presence, type, nullability, secrecy, names, defaults,
//! constraints.

use super::Differ;
use super::canonical;
use crate::diff::{Direction, Rule};
use crate::spec::{Constraints, Field, Span};
use std::collections::BTreeMap;

impl Differ<'_> {
    pub(super) fn fields(
        &mut self,
        parent: &str,
        old: &[Field],
        new: &[Field],
        direction: Direction,
    ) {
        let was: BTreeMap<&str, &Field> = old.iter().map(|f| (f.name.value.as_str(), f)).collect();
        let now: BTreeMap<&str, &Field> = new.iter().map(|f| (f.name.value.as_str(), f)).collect();
        for field in new {
            let item = format!("{parent}.{}", field.name.value);
            match was.get(field.name.as_str()) {
                None if field.required => self.push(
                    Rule::RequiredParamAdded,
                    &item,
                    format!("`{}`", field.ty.value),
                    field.name.span,
                    direction,
                ),
                None => self.push(
                    Rule::ParamAdded,
                    &item,
                    format!("`{}`", field.ty.value),
                    field.name.span,
                    direction,
                ),
                Some(before) => self.field(&item, before, field, direction),
            }
        }
        for field in old.iter().filter(|f| !now.contains_key(f.name.as_str())) {
            // Removing a field breaks decoding only where old code required it.
            let effective = if field.required {
                direction
            } else {
                Direction::Request
            };
            let span = new.first().map_or(field.name.span, |f| f.name.span);
            self.push(
                Rule::ParamRemoved,
                &format!("{parent}.{}", field.name.value),
                format!(
                    "`{}`{}",
                    field.ty.value,
                    if field.required { ", was required" } else { "" }
                ),
                span,
                effective,
            );
        }
    }

    fn field(&mut self, item: &str, old: &Field, new: &Field, direction: Direction) {
        let span = new.name.span;
        if canonical(&old.ty) != canonical(&new.ty) {
            self.push(
                Rule::Retyped,
                item,
                format!("`{}` → `{}`", old.ty.value, new.ty.value),
                new.ty.span,
                direction,
            );
        }
        match (old.required, new.required) {
            (false, true) => self.push(Rule::MadeRequired, item, "", span, direction),
            (true, false) => self.push(Rule::MadeOptional, item, "", span, direction),
            _ => {}
        }
        match (old.nullable, new.nullable) {
            (false, true) => self.push(Rule::MadeNullable, item, "", span, direction),
            (true, false) => self.push(Rule::MadeNonNullable, item, "", span, direction),
            _ => {}
        }
        if old.secret != new.secret {
            self.push(
                Rule::SecretChanged,
                item,
                if new.secret {
                    "now secret"
                } else {
                    "no longer secret"
                },
                span,
                direction,
            );
        }
        let rust_name = |f: &Field| f.rust_name.as_ref().map(|n| n.value.clone());
        self.if_changed(
            Rule::RustNameChanged,
            item,
            rust_name(old),
            rust_name(new),
            span,
            direction,
        );
        let default = |f: &Field| f.default.as_ref().map(|d| d.value.clone());
        self.if_changed(
            Rule::DefaultChanged,
            item,
            default(old),
            default(new),
            span,
            direction,
        );
        self.constraints(
            item,
            old.constraints.as_ref(),
            new.constraints.as_ref(),
            span,
            direction,
        );
        let doc = |f: &Field| {
            (
                f.doc.value.clone(),
                f.quirk.as_ref().map(|q| q.value.clone()),
            )
        };
        if doc(old) != doc(new) {
            self.push(
                Rule::DocChanged,
                item,
                "description or quirk",
                new.doc.span,
                Direction::Neither,
            );
        }
    }

    fn constraints(
        &mut self,
        item: &str,
        old: Option<&Constraints>,
        new: Option<&Constraints>,
        span: Span,
        direction: Direction,
    ) {
        let empty = Constraints::default();
        let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        let value = |v: &Option<crate::spec::Spanned<f64>>| v.as_ref().map(|s| s.value);
        let count = |v: &Option<crate::spec::Spanned<u64>>| v.as_ref().map(|s| s.value as f64);
        let scale = |v: &Option<crate::spec::Spanned<u32>>| v.as_ref().map(|s| f64::from(s.value));
        // (name, old, new, whether a larger bound is stricter)
        let bounds = [
            ("min", value(&old.min), value(&new.min), true),
            ("max", value(&old.max), value(&new.max), false),
            (
                "min_length",
                count(&old.min_length),
                count(&new.min_length),
                true,
            ),
            (
                "max_length",
                count(&old.max_length),
                count(&new.max_length),
                false,
            ),
            ("scale", scale(&old.scale), scale(&new.scale), false),
        ];
        for (name, was, now, larger_is_stricter) in bounds {
            let tightened = match (was, now) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) if a != b => (b > a) == larger_is_stricter,
                _ => continue,
            };
            let rule = if tightened {
                Rule::ConstraintTightened
            } else {
                Rule::ConstraintLoosened
            };
            self.push(
                rule,
                item,
                format!("{name}: {was:?} → {now:?}"),
                span,
                direction,
            );
        }
        let text = |o: &Constraints| {
            (
                o.format.as_ref().map(|f| format!("{:?}", f.value)),
                o.prefix.as_ref().map(|p| p.value.clone()),
            )
        };
        let (was, now) = (text(old), text(new));
        for (name, a, b) in [("format", was.0, now.0), ("prefix", was.1, now.1)] {
            if a != b {
                let rule = if b.is_some() {
                    Rule::ConstraintTightened
                } else {
                    Rule::ConstraintLoosened
                };
                self.push(
                    rule,
                    item,
                    format!("{name}: {a:?} → {b:?}"),
                    span,
                    direction,
                );
            }
        }
    }
}
