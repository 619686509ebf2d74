//! Changes to fields and parameters: presence, type, nullability, secrecy, names, defaults,
//! constraints.

use super::{Differ, field_type};
use crate::diff::text;
use crate::diff::{Direction, Rule};
use crate::naming;
use crate::spec::{Constraints, Field, Span};
use std::collections::BTreeMap;

/// The Rust name a field gets, as written in Rust (`note`, `r#type`): its `rust_name`, else
/// derived from its wire name, exactly as the generator resolves it.
fn rust_ident(field: &Field) -> String {
    match naming::field_ident(
        &field.name.value,
        field.rust_name.as_deref().map(String::as_str),
    ) {
        Ok(ident) if ident.raw => format!("r#{}", ident.name),
        Ok(ident) => ident.name,
        // Checked specs always resolve; show what would have been used.
        Err(unusable) => unusable,
    }
}

/// How an added or removed field is described: its type and Rust name.
fn summary(field: &Field) -> String {
    format!("`{}`, Rust `{}`", field_type(field).text, rust_ident(field))
}

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
                    summary(field),
                    field.name.span,
                    direction,
                ),
                None => self.push(
                    Rule::ParamAdded,
                    &item,
                    summary(field),
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
                    "{}{}",
                    summary(field),
                    if field.required { ", was required" } else { "" }
                ),
                span,
                effective,
            );
        }
    }

    fn field(&mut self, item: &str, old: &Field, new: &Field, direction: Direction) {
        let span = new.name.span;
        let (was, now) = (field_type(old), field_type(new));
        if was.text != now.text {
            self.push(
                Rule::Retyped,
                item,
                text::arrow(format!("`{}`", was.text), format!("`{}`", now.text)),
                now.span,
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
        self.if_changed(
            Rule::RustNameChanged,
            item,
            format!("`{}`", rust_ident(old)),
            format!("`{}`", rust_ident(new)),
            span,
            direction,
        );
        let default =
            |f: &Field| text::optional(f.default.as_ref().map(|d| format!("`{}`", d.value)));
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
        let shown = |v: Option<f64>| text::optional(v.map(text::number));
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
                format!("{name}: {}", text::arrow(shown(was), shown(now))),
                span,
                direction,
            );
        }
        let forms = |o: &Constraints| {
            (
                o.format
                    .as_ref()
                    .map(|f| text::string_format(f.value).to_owned()),
                o.prefix.as_ref().map(|p| format!("`{}`", p.value)),
                o.flags.as_ref().map(|f| {
                    let flags: Vec<String> = f.value.iter().map(u64::to_string).collect();
                    format!("flags {}", flags.join(" + "))
                }),
            )
        };
        let (was, now) = (forms(old), forms(new));
        let changes = [
            ("format", was.0, now.0),
            ("prefix", was.1, now.1),
            ("flags", was.2, now.2),
        ];
        for (name, a, b) in changes {
            if a != b {
                let rule = if b.is_some() {
                    Rule::ConstraintTightened
                } else {
                    Rule::ConstraintLoosened
                };
                self.push(
                    rule,
                    item,
                    format!(
                        "{name}: {}",
                        text::arrow(text::optional(a), text::optional(b))
                    ),
                    span,
                    direction,
                );
            }
        }
    }
}
