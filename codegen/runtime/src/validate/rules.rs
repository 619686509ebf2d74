//! The rule checks generated `validate()` methods call, one function per rule kind.

use super::{Path, Rule, ValidationErrors};
use crate::{
    Date, DateTimeMinutes, DateTimeSeconds, Decimal, EpochMillis, Lenient, Rfc3339, Secret,
};

/// Shown instead of a secret value.
pub const REDACTED: &str = "[redacted]";

/// Values with a numeric reading.
pub trait Numeric {
    /// The number, if the value has one (a `Lenient` string may not).
    fn number(&self) -> Option<f64>;
    /// The value as written, for error messages.
    fn shown(&self) -> String;
}

macro_rules! numeric_as {
    ($($ty:ty),*) => {$(
        impl Numeric for $ty {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn number(&self) -> Option<f64> {
                Some(*self as f64)
            }
            fn shown(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
numeric_as!(i32, i64, f64);

impl Numeric for Decimal {
    fn number(&self) -> Option<f64> {
        Some(self.as_f64())
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Numeric for EpochMillis {
    #[allow(clippy::cast_precision_loss)]
    fn number(&self) -> Option<f64> {
        Some(self.0 as f64)
    }
    fn shown(&self) -> String {
        self.0.to_string()
    }
}

impl<T: Numeric> Numeric for Lenient<T> {
    fn number(&self) -> Option<f64> {
        match self {
            Self::Native(value) => value.number(),
            Self::Text(text) => text.trim().parse().ok(),
        }
    }
    fn shown(&self) -> String {
        match self {
            Self::Native(value) => value.shown(),
            Self::Text(text) => format!("{text:?}"),
        }
    }
}

/// Values with a length: characters of a string, items of a list or map.
pub trait Measure {
    /// The length.
    fn measure(&self) -> usize;
    /// The value as written, for error messages.
    fn shown(&self) -> String;
}

impl Measure for String {
    fn measure(&self) -> usize {
        self.chars().count()
    }
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Measure for Secret<String> {
    fn measure(&self) -> usize {
        self.expose().chars().count()
    }
    fn shown(&self) -> String {
        REDACTED.to_owned()
    }
}

impl<T> Measure for Vec<T> {
    fn measure(&self) -> usize {
        self.len()
    }
    fn shown(&self) -> String {
        format!("{} item(s)", self.len())
    }
}

impl<T> Measure for std::collections::BTreeMap<String, T> {
    fn measure(&self) -> usize {
        self.len()
    }
    fn shown(&self) -> String {
        format!("{} entr(y/ies)", self.len())
    }
}

/// Text values, for string-form rules.
pub trait Text {
    /// The text.
    fn text(&self) -> &str;
    /// The value as written, for error messages.
    fn shown(&self) -> String;
}

impl Text for String {
    fn text(&self) -> &str {
        self
    }
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Text for str {
    fn text(&self) -> &str {
        self
    }
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Text for Secret<String> {
    fn text(&self) -> &str {
        self.expose()
    }
    fn shown(&self) -> String {
        REDACTED.to_owned()
    }
}

/// Values that name an instant, for ordering rules. Wall-clock times without a zone are
/// compared as if they shared one, which is what the vendor does.
pub trait Instant {
    /// Milliseconds since the epoch (wall-clock times read as UTC).
    fn epoch_millis(&self) -> Option<i64>;
    /// The value as written.
    fn shown(&self) -> String;
}

impl Instant for EpochMillis {
    fn epoch_millis(&self) -> Option<i64> {
        Some(self.0)
    }
    fn shown(&self) -> String {
        self.0.to_string()
    }
}

impl Instant for Rfc3339 {
    fn epoch_millis(&self) -> Option<i64> {
        Some(self.timestamp().as_millisecond())
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

macro_rules! civil_instant {
    ($($ty:ty => $to_datetime:expr),*) => {$(
        impl Instant for $ty {
            fn epoch_millis(&self) -> Option<i64> {
                let to_datetime: fn(&$ty) -> jiff::civil::DateTime = $to_datetime;
                jiff::tz::Offset::UTC.to_timestamp(to_datetime(self)).ok().map(|t| t.as_millisecond())
            }
            fn shown(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
civil_instant!(
    DateTimeSeconds => |value| value.0,
    DateTimeMinutes => |value| value.0,
    Date => |value| value.0.to_datetime(jiff::civil::Time::midnight())
);

/// A string of decimal epoch milliseconds (`"1567690398020"`), read as an instant for range
/// rules; text that is not such a number names no instant, so the rule does not judge it.
#[derive(Clone, Copy, Debug)]
pub struct EpochMillisText<'a>(pub &'a str);

impl Instant for EpochMillisText<'_> {
    fn epoch_millis(&self) -> Option<i64> {
        let text = self.0.trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok()
    }
    fn shown(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// `value` ≥ `min`.
pub fn min<T: Numeric>(path: &Path<'_>, value: &T, min: f64, errors: &mut ValidationErrors) {
    if value.number().is_some_and(|number| number < min) {
        errors.push(
            path,
            Rule::Minimum,
            format!("at least {min}"),
            value.shown(),
        );
    }
}

/// `value` ≤ `max`.
pub fn max<T: Numeric>(path: &Path<'_>, value: &T, max: f64, errors: &mut ValidationErrors) {
    if value.number().is_some_and(|number| number > max) {
        errors.push(path, Rule::Maximum, format!("at most {max}"), value.shown());
    }
}

/// A `Lenient` string that is not a number at all.
pub fn numeric_text<T: Numeric>(path: &Path<'_>, value: &T, errors: &mut ValidationErrors) {
    if value.number().is_none() {
        errors.push(path, Rule::Pattern, "a number", value.shown());
    }
}

/// At least `min` characters or items.
pub fn min_length<T: Measure + ?Sized>(
    path: &Path<'_>,
    value: &T,
    min: usize,
    errors: &mut ValidationErrors,
) {
    if value.measure() < min {
        errors.push(
            path,
            Rule::MinLength,
            format!("at least {min} character(s) or item(s)"),
            value.shown(),
        );
    }
}

/// At most `max` characters or items.
pub fn max_length<T: Measure + ?Sized>(
    path: &Path<'_>,
    value: &T,
    max: usize,
    errors: &mut ValidationErrors,
) {
    if value.measure() > max {
        errors.push(
            path,
            Rule::MaxLength,
            format!("at most {max} character(s) or item(s)"),
            value.shown(),
        );
    }
}

/// At most `digits` digits after the decimal point.
pub fn scale(path: &Path<'_>, value: &Decimal, digits: usize, errors: &mut ValidationErrors) {
    if value.scale() > digits {
        errors.push(
            path,
            Rule::Scale,
            format!("at most {digits} digit(s) after the decimal point"),
            value,
        );
    }
}

/// Starts with `prefix`.
pub fn prefix<T: Text + ?Sized>(
    path: &Path<'_>,
    value: &T,
    prefix: &str,
    errors: &mut ValidationErrors,
) {
    if !value.text().starts_with(prefix) {
        errors.push(
            path,
            Rule::Pattern,
            format!("text starting with {prefix:?}"),
            value.shown(),
        );
    }
}

/// An RFC 4122 version-4 UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
pub fn uuid_v4<T: Text + ?Sized>(path: &Path<'_>, value: &T, errors: &mut ValidationErrors) {
    let text = value.text().as_bytes();
    let hex_at = |i: usize| text.get(i).is_some_and(u8::is_ascii_hexdigit);
    let ok = text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| text[i] == b'-')
        && (0..36).filter(|i| ![8, 13, 18, 23].contains(i)).all(hex_at)
        && text[14] == b'4'
        && matches!(text[19].to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b');
    if !ok {
        errors.push(path, Rule::Pattern, "a version-4 UUID", value.shown());
    }
}

/// Decimal digits only.
pub fn digits<T: Text + ?Sized>(path: &Path<'_>, value: &T, errors: &mut ValidationErrors) {
    let text = value.text();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(path, Rule::Pattern, "decimal digits", value.shown());
    }
}

/// A decimal string summing one or more of the distinct bit `flags` (Feishu
/// `cancel_bot_notification`: 1, 2 and 4, so "1" to "7"; "0", "8" and "9" are refused).
pub fn bit_flags<T: Text + ?Sized>(
    path: &Path<'_>,
    value: &T,
    flags: &[u64],
    errors: &mut ValidationErrors,
) {
    let all = flags.iter().fold(0, |all, flag| all | flag);
    let text = value.text();
    let sum = text
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse::<u64>().ok())
        .flatten();
    if !sum.is_some_and(|sum| sum != 0 && sum & !all == 0) {
        let expected = format!("a sum of one or more of the flags {flags:?} (1 to {all})");
        errors.push(path, Rule::Pattern, expected, value.shown());
    }
}

/// `start` is not after `end`, and (with `max_days`) they are at most that many days apart.
/// Reported at `end_path`.
pub fn range<A: Instant, B: Instant>(
    end_path: &Path<'_>,
    start_name: &str,
    start: &A,
    end: &B,
    max_days: Option<u32>,
    errors: &mut ValidationErrors,
) {
    let (Some(from), Some(to)) = (start.epoch_millis(), end.epoch_millis()) else {
        return;
    };
    if to < from {
        errors.push(
            end_path,
            Rule::Range,
            format!("not before `{start_name}` ({})", start.shown()),
            end.shown(),
        );
    } else if let Some(days) = max_days
        // i128: two far-apart epoch values overflow an i64 difference.
        && i128::from(to) - i128::from(from) > i128::from(days) * 86_400_000
    {
        errors.push(
            end_path,
            Rule::Range,
            format!(
                "at most {days} days after `{start_name}` ({})",
                start.shown()
            ),
            end.shown(),
        );
    }
}

/// The names of fields, for messages: `` `a`, `b` ``.
fn names(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At least one of `fields` (wire names of the object at `path`) is present; `present` says,
/// in the same order, which are. Reported at the first field.
pub fn one_of(path: &Path<'_>, fields: &[&str], present: &[bool], errors: &mut ValidationErrors) {
    if !present.iter().any(|p| *p) {
        let first = fields.first().copied().unwrap_or_default();
        errors.push(
            &path.field(first),
            Rule::OneOf,
            format!("at least one of {} present", names(fields)),
            "none present",
        );
    }
}

/// At least one of `fields` has a value that is not empty; `filled` says, in the same order,
/// which have one. Reported at the first field.
pub fn not_all_empty(
    path: &Path<'_>,
    fields: &[&str],
    filled: &[bool],
    errors: &mut ValidationErrors,
) {
    if !filled.iter().any(|f| *f) {
        let first = fields.first().copied().unwrap_or_default();
        errors.push(
            &path.field(first),
            Rule::NotAllEmpty,
            format!("at least one of {} given and not empty", names(fields)),
            "all absent or empty",
        );
    }
}

/// Both fields are present or neither is. Reported at the one that is missing.
pub fn both_or_neither(
    path: &Path<'_>,
    (first, first_present): (&str, bool),
    (second, second_present): (&str, bool),
    errors: &mut ValidationErrors,
) {
    let missing = match (first_present, second_present) {
        (true, false) => Some((second, first)),
        (false, true) => Some((first, second)),
        _ => None,
    };
    if let Some((missing, given)) = missing {
        errors.push(
            &path.field(missing),
            Rule::BothOrNeither,
            format!("present, since `{given}` is (both or neither)"),
            "absent",
        );
    }
}

/// Whether a present value counts as filled for [`not_all_empty`]: strings and lists that
/// have something in them.
pub fn is_filled<T: Measure + ?Sized>(value: &T) -> bool {
    value.measure() > 0
}

/// A value the spec does not list, sent in a request.
pub fn unknown_value(path: &Path<'_>, value: &dyn std::fmt::Debug, errors: &mut ValidationErrors) {
    errors.push(
        path,
        Rule::UnknownValue,
        "a value the spec lists",
        format!("{value:?}"),
    );
}

/// A union member the vendor refuses in requests.
pub fn not_allowed(path: &Path<'_>, tag: &str, why: &str, errors: &mut ValidationErrors) {
    errors.push(path, Rule::NotAllowed, why.to_owned(), format!("{tag:?}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(check: impl FnOnce(&Path<'_>, &mut ValidationErrors)) -> Vec<Rule> {
        let mut errors = ValidationErrors::default();
        check(&Path::ROOT.field("f"), &mut errors);
        errors.errors().iter().map(|e| e.rule).collect()
    }

    #[test]
    fn bit_flags_take_exactly_the_sums_of_one_or_more_flags() {
        let flags = [1, 2, 4];
        for ok in ["1", "2", "3", "4", "5", "6", "7"] {
            assert!(run(|p, e| bit_flags(p, ok, &flags, e)).is_empty(), "{ok}");
        }
        for bad in [
            "0",
            "8",
            "9",
            "",
            "-1",
            "+3",
            " 3",
            "3.0",
            "x",
            "18446744073709551616",
        ] {
            assert_eq!(
                run(|p, e| bit_flags(p, bad, &flags, e)),
                [Rule::Pattern],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn each_rule_fires_and_passes() {
        assert_eq!(run(|p, e| max(p, &1001, 1000.0, e)), [Rule::Maximum]);
        assert!(run(|p, e| max(p, &1000, 1000.0, e)).is_empty());
        assert_eq!(run(|p, e| min(p, &0, 1.0, e)), [Rule::Minimum]);
        assert_eq!(
            run(|p, e| max_length(p, &"审批".repeat(33), 64, e)),
            [Rule::MaxLength]
        );
        assert!(run(|p, e| max_length(p, &"审批".repeat(32), 64, e)).is_empty());
        assert_eq!(
            run(|p, e| scale(p, &Decimal::from_f64(1.125).unwrap(), 2, e)),
            [Rule::Scale]
        );
        assert_eq!(
            run(|p, e| uuid_v4(p, &"not-a-uuid".to_owned(), e)),
            [Rule::Pattern]
        );
        assert!(
            run(|p, e| uuid_v4(p, &"9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f".to_owned(), e))
                .is_empty()
        );
        assert_eq!(run(|p, e| digits(p, &"3a".to_owned(), e)), [Rule::Pattern]);
        let start = EpochMillis(0);
        assert_eq!(
            run(|p, e| range(p, "s", &start, &EpochMillis(-1), None, e)),
            [Rule::Range]
        );
        assert_eq!(
            run(|p, e| range(p, "s", &start, &EpochMillis(181 * 86_400_000), Some(180), e)),
            [Rule::Range]
        );
        assert!(
            run(|p, e| range(p, "s", &start, &EpochMillis(180 * 86_400_000), Some(180), e))
                .is_empty()
        );
    }

    #[test]
    fn presence_rules_fire_and_pass() {
        assert_eq!(
            run(|p, e| one_of(p, &["a", "b"], &[false, false], e)),
            [Rule::OneOf]
        );
        assert!(run(|p, e| one_of(p, &["a", "b"], &[false, true], e)).is_empty());
        assert_eq!(
            run(|p, e| not_all_empty(p, &["a", "b"], &[false, false], e)),
            [Rule::NotAllEmpty]
        );
        assert!(run(|p, e| not_all_empty(p, &["a", "b"], &[true, false], e)).is_empty());
        assert_eq!(
            run(|p, e| both_or_neither(p, ("a", true), ("b", false), e)),
            [Rule::BothOrNeither]
        );
        assert!(run(|p, e| both_or_neither(p, ("a", true), ("b", true), e)).is_empty());
        assert!(run(|p, e| both_or_neither(p, ("a", false), ("b", false), e)).is_empty());
        assert!(!is_filled(&String::new()));
        assert!(is_filled(&vec![1]));
    }

    #[test]
    fn epoch_millisecond_text_is_an_instant() {
        let day = 86_400_000_i64;
        let (from, late) = ("0".to_owned(), (31 * day).to_string());
        assert_eq!(
            run(|p, e| range(
                p,
                "s",
                &EpochMillisText(&from),
                &EpochMillisText(&late),
                Some(30),
                e
            )),
            [Rule::Range]
        );
        let fine = (30 * day).to_string();
        assert!(
            run(|p, e| range(
                p,
                "s",
                &EpochMillisText(&from),
                &EpochMillisText(&fine),
                Some(30),
                e
            ))
            .is_empty()
        );
        assert_eq!(EpochMillisText("12a").epoch_millis(), None);
        assert_eq!(EpochMillisText("-1").epoch_millis(), None);
    }

    #[test]
    fn secrets_are_redacted_in_errors() {
        let mut errors = ValidationErrors::default();
        max_length(
            &Path::ROOT.field("token"),
            &Secret::from("tok-secret-value"),
            3,
            &mut errors,
        );
        let shown = errors.to_string();
        assert!(
            shown.contains(REDACTED) && !shown.contains("tok-secret"),
            "{shown}"
        );
    }
}
