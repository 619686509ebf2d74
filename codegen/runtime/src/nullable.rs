//! Keeping "absent" and "null" apart.
//!
//! A field that the spec marks both optional (may be absent) and nullable (may be `null`) is
//! generated as `Option<Option<T>>`: `None` = absent, `Some(None)` = `null`, `Some(Some(v))`.
//! Serde alone folds `null` into `None`; [`deserialize`] keeps it.

use serde::{Deserialize, Deserializer};

/// Deserializes a present field into `Some(..)`, so that `null` becomes `Some(None)`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Probe {
        #[serde(
            default,
            deserialize_with = "super::deserialize",
            skip_serializing_if = "Option::is_none"
        )]
        field: Option<Option<u8>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        let cases = [
            ("{}", None),
            (r#"{"field":null}"#, Some(None)),
            (r#"{"field":3}"#, Some(Some(3))),
        ];
        for (json, expected) in cases {
            let probe: Probe = serde_json::from_str(json).unwrap();
            assert_eq!(probe.field, expected, "{json}");
            assert_eq!(serde_json::to_string(&probe).unwrap(), json);
        }
    }
}
