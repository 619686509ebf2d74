//! Rules across the fields of one object (`rules:`), and the IR rules built from them.

use super::Checker;
use crate::ir;
use crate::scalar::Scalar;
use crate::spec::type_expr::TypeExpr;
use crate::spec::{Field, InstantText, ObjectRule, Span, Spanned};

/// The time scalars a range rule compares without `text:`.
const TIME_SCALARS: [Scalar; 5] = [
    Scalar::TimestampMs,
    Scalar::DateTime,
    Scalar::DateTimeMinutes,
    Scalar::Date,
    Scalar::Rfc3339,
];

const KINDS: &str =
    "exactly one of `start`/`end` (a range), `one_of`, `not_all_empty`, `both_or_neither`";

impl Checker<'_> {
    /// The IR rules of an object with these fields; `None` when one is unsound (reported).
    pub(super) fn object_rules(
        &mut self,
        rules: &[ObjectRule],
        fields: &[Field],
    ) -> Option<Vec<ir::ObjectRule>> {
        let mut built = Vec::with_capacity(rules.len());
        for rule in rules {
            built.push(self.object_rule(rule, fields));
        }
        super::all(built)
    }

    fn object_rule(&mut self, rule: &ObjectRule, fields: &[Field]) -> Option<ir::ObjectRule> {
        self.non_empty(&rule.doc, "doc");
        let doc = rule.doc.value.trim().to_owned();
        let is_range = rule.start.is_some() || rule.end.is_some();
        let kinds = [
            is_range,
            rule.one_of.is_some(),
            rule.not_all_empty.is_some(),
            rule.both_or_neither.is_some(),
        ];
        if kinds.iter().filter(|kind| **kind).count() != 1 {
            self.error(rule.doc.span, "a rule must be of exactly one kind", KINDS);
            return None;
        }
        if !is_range {
            for (key, span) in [
                ("max_days", rule.max_days.as_ref().map(|d| d.span)),
                ("text", rule.text.as_ref().map(|t| t.span)),
            ] {
                if let Some(span) = span {
                    self.error(
                        span,
                        format!("`{key}` applies to range rules only"),
                        format!("`start:` and `end:` beside it, or no `{key}`"),
                    );
                }
            }
        }
        if let Some(names) = &rule.one_of {
            let fields = self.field_set(names, fields, 2, None, rule.doc.span)?;
            return Some(ir::ObjectRule::OneOf(ir::FieldSetRule { fields, doc }));
        }
        if let Some(names) = &rule.not_all_empty {
            let fields = self.field_set(names, fields, 2, None, rule.doc.span)?;
            return Some(ir::ObjectRule::NotAllEmpty(ir::FieldSetRule {
                fields,
                doc,
            }));
        }
        if let Some(names) = &rule.both_or_neither {
            let fields = self.field_set(names, fields, 2, Some(2), rule.doc.span)?;
            return Some(ir::ObjectRule::BothOrNeither(ir::FieldSetRule {
                fields,
                doc,
            }));
        }
        self.range_rule(rule, fields, doc)
    }

    /// The indices of a rule's fields: each an optional field of the object, named once, and
    /// between `min` and `max` of them.
    fn field_set(
        &mut self,
        names: &[Spanned<String>],
        fields: &[Field],
        min: usize,
        max: Option<usize>,
        rule_span: Span,
    ) -> Option<Vec<usize>> {
        let span = names.first().map_or(rule_span, |name| name.span);
        if names.len() < min || max.is_some_and(|max| names.len() > max) {
            let expected = match max {
                Some(max) if max == min => format!("exactly {min} field names"),
                _ => format!("at least {min} field names"),
            };
            self.error(
                span,
                format!("this rule names {} field(s)", names.len()),
                expected,
            );
            return None;
        }
        let mut indices = Vec::with_capacity(names.len());
        let mut sound = true;
        for name in names {
            match self.rule_field(name, fields) {
                Some(index) if indices.contains(&index) => {
                    self.error(
                        name.span,
                        format!("`{}` is named twice in this rule", name.value),
                        "each field once",
                    );
                    sound = false;
                }
                Some(index) if fields[index].required => {
                    self.error(
                        name.span,
                        format!(
                            "`{}` is required, so a rule about its presence says nothing",
                            name.value
                        ),
                        "optional fields only",
                    );
                    sound = false;
                }
                Some(index) => indices.push(index),
                None => sound = false,
            }
        }
        sound.then_some(indices)
    }

    /// The index of the field a rule names, reported when there is none.
    fn rule_field(&mut self, name: &Spanned<String>, fields: &[Field]) -> Option<usize> {
        let index = fields.iter().position(|f| f.name.value == name.value);
        if index.is_none() {
            self.error(
                name.span,
                format!("`{}` is not a field of this object", name.value),
                "the wire name of one of its fields",
            );
        }
        index
    }

    fn range_rule(
        &mut self,
        rule: &ObjectRule,
        fields: &[Field],
        doc: String,
    ) -> Option<ir::ObjectRule> {
        let mut ends = [None, None];
        for (slot, (key, end)) in ends
            .iter_mut()
            .zip([("start", &rule.start), ("end", &rule.end)])
        {
            let Some(end) = end else {
                self.error(
                    rule.doc.span,
                    format!("a range rule needs `{key}:`"),
                    "both `start:` and `end:`",
                );
                continue;
            };
            let Some(index) = self.rule_field(end, fields) else {
                continue;
            };
            let scalar = match fields[index].ty.value.expr() {
                Some(TypeExpr::Scalar(scalar)) => Some(*scalar),
                _ => None,
            };
            let fits = match rule.text.as_ref().map(|t| t.value) {
                Some(InstantText::EpochMs) => scalar == Some(Scalar::String),
                None => scalar.is_some_and(|s| TIME_SCALARS.contains(&s)),
            };
            if fits {
                *slot = Some(index);
            } else {
                let ty = fields[index].ty.value.canonical();
                let (message, expected) = if rule.text.is_some() {
                    (
                        format!("range rule field `{}` has type `{ty}`, not `string`", end.value),
                        "a `string` field (`text: epoch_ms` reads its text as epoch milliseconds), or no `text:` for time types".to_owned(),
                    )
                } else {
                    (
                        format!(
                            "range rule field `{}` has type `{ty}`, which names no instant",
                            end.value
                        ),
                        format!(
                            "a field of type {}, or `text: epoch_ms` on the rule for strings of epoch milliseconds",
                            TIME_SCALARS
                                .iter()
                                .map(|s| format!("`{}`", s.name()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                };
                self.error(end.span, message, expected);
            }
        }
        let [Some(start), Some(end)] = ends else {
            return None;
        };
        Some(ir::ObjectRule::Range(ir::RangeRule {
            start,
            end,
            max_days: rule.max_days.as_ref().map(|d| d.value),
            epoch_ms_text: rule.text.is_some(),
            doc,
        }))
    }
}
