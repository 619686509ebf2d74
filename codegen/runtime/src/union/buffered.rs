//! A sibling-chosen union member read before its discriminant, kept for decoding once the whole
//! object has been read.
//!
//! From JSON text (serde_json's own deserializer) the member is kept as the text it was received
//! as: serde_json skips over it without building values, and the member is decoded from that
//! text afterwards, so an out-of-order member costs a skip and one typed parse instead of a
//! `serde_json::Value` and a second decode. serde_json hands out raw text when asked for a
//! newtype struct of one private name (the one `RawValue` uses); `Box<RawValue>` itself cannot be
//! used, because it fails under serde's own buffering (an enclosing `#[serde(flatten)]`). Every
//! other deserializer, and serde_json should it ever change that name, lands in
//! `visit_newtype_struct` or a plain `visit_*`, and the member is kept as a `Value`: slower,
//! never wrong.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The name serde_json answers with the raw text of the next value.
const RAW_TEXT_TOKEN: &str = "$serde_json::private::RawValue";

/// A member's JSON as received: its text (borrowed from the input when possible), or a value.
#[derive(Debug)]
pub enum Buffered<'de> {
    /// The member's text, exactly as received.
    Text(Cow<'de, str>),
    /// The member, from a deserializer that does not hand out text.
    Value(Value),
}

impl Buffered<'_> {
    /// Decodes the member with `seed`, from its text or its value.
    ///
    /// # Errors
    /// When `seed` refuses it, or text follows the member (impossible for text serde_json
    /// delimited itself). A position inside the member's text would mislead, so errors from text
    /// carry the message alone, as errors from a value do.
    pub fn decode<T, S>(self, seed: S) -> Result<T, serde_json::Error>
    where
        S: for<'any> DeserializeSeed<'any, Value = T>,
    {
        match self {
            Self::Value(value) => seed.deserialize(value),
            Self::Text(text) => {
                let mut deserializer = serde_json::Deserializer::from_str(&text);
                seed.deserialize(&mut deserializer)
                    .and_then(|member| deserializer.end().map(|()| member))
                    .map_err(without_position)
            }
        }
    }
}

/// `error`'s message without serde_json's " at line L column C" suffix.
fn without_position(error: serde_json::Error) -> serde_json::Error {
    if error.line() == 0 {
        return error;
    }
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    <serde_json::Error as de::Error>::custom(text.strip_suffix(&suffix).unwrap_or(&text))
}

impl<'de: 'a, 'a> Deserialize<'de> for Buffered<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_newtype_struct(RAW_TEXT_TOKEN, BufferedVisitor)
            .map(|buffered: Buffered<'de>| buffered)
    }
}

struct BufferedVisitor;

impl<'de> Visitor<'de> for BufferedVisitor {
    type Value = Buffered<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json's answer: one entry, the token, whose value is the text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(first) = map.next_key::<crate::de::Key<'de>>()? else {
            return Ok(Buffered::Value(Value::Object(serde_json::Map::new())));
        };
        if first.as_str() == RAW_TEXT_TOKEN {
            // The text is a string, borrowed as a key is.
            return map
                .next_value::<crate::de::Key<'de>>()
                .map(|text| Buffered::Text(text.into_cow()));
        }
        let first_value: Value = map.next_value()?;
        let Value::Object(mut rest) = Value::deserialize(MapAccessDeserializer::new(map))? else {
            return Err(de::Error::custom("a map decoded as something else"));
        };
        let mut object = serde_json::Map::new();
        object.insert(first.into_string(), first_value);
        object.append(&mut rest);
        Ok(Buffered::Value(Value::Object(object)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(d).map(Buffered::Value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Buffered::Value)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(d).map(Buffered::Value)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::Null))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::Null))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Buffered::Value(Value::String(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffered(json: &str) -> Buffered<'_> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        Buffered::deserialize(&mut deserializer).expect("buffers")
    }

    #[test]
    fn json_text_is_kept_as_borrowed_text() {
        let json = r#"{"a": [1, {"b": "\u00e9"}], "c": null}"#;
        // A change of serde_json's raw-text name would make this a `Value` (slower, not wrong).
        assert!(matches!(buffered(json), Buffered::Text(Cow::Borrowed(text)) if text == json));
    }

    #[test]
    fn other_deserializers_give_a_value() {
        let value = serde_json::json!({"a": 1, "b": [true, null, "x"]});
        let Buffered::Value(kept) = Buffered::deserialize(serde::de::value::MapDeserializer::<
            _,
            serde_json::Error,
        >::new(
            [("a", 1_i64)].into_iter()
        ))
        .expect("buffers") else {
            panic!("a map deserializer has no text");
        };
        assert_eq!(kept, serde_json::json!({"a": 1}));
        // serde's own buffering (an object flattened into an envelope, as `Envelope<T>` does)
        // refuses raw values; the member comes through as a value instead.
        #[derive(Deserialize)]
        struct Payload<'a> {
            #[serde(borrow)]
            member: Buffered<'a>,
        }
        #[derive(Deserialize)]
        struct Envelope<'a> {
            #[serde(flatten, borrow)]
            payload: Payload<'a>,
            #[serde(rename = "errorCode")]
            _code: i32,
        }
        let text = serde_json::to_string(&serde_json::json!({"member": value, "errorCode": 0}))
            .expect("json");
        let envelope: Envelope<'_> = serde_json::from_str(&text).expect("decodes under flatten");
        let Buffered::Value(member) = envelope.payload.member else {
            panic!("serde's buffer has no text");
        };
        assert_eq!(member, value);
    }

    #[test]
    fn errors_from_text_carry_no_position_inside_the_member() {
        let error = buffered(r#"{"n": "x"}"#)
            .decode(std::marker::PhantomData::<std::collections::BTreeMap<String, u8>>)
            .expect_err("a string is not a number");
        assert_eq!(error.line(), 0);
        assert_eq!(
            error.to_string(),
            r#"invalid type: string "x", expected u8"#
        );
    }
}
