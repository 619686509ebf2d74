//! Pieces of the decoders that generated objects and envelopes carry (hand-written
//! `Deserialize` impls, so that unlisted fields are kept instead of dropped). Not for direct use.

use serde::Deserializer;
use serde::de::{self, Visitor};
use std::borrow::Cow;
use std::fmt;

/// An object key, borrowed from the input when it has no escapes.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string (for an unlisted field).
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Key<'de> {
    /// The key's text, still borrowed from the input when it was.
    pub fn into_cow(self) -> Cow<'de, str> {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

/// Reads a string value through `read` without copying it first (a string enum's wire value).
///
/// # Errors
/// When the value is not a string.
pub fn read_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    read: fn(&str) -> T,
) -> Result<T, D::Error> {
    parse_str(deserializer, "a string", |text| {
        Ok::<T, std::convert::Infallible>(read(text))
    })
}

/// Parses a string value where it lies (serde's `Cow<str>` would copy it first): vendor time
/// formats, JSON carried in a string, string enums. `expecting` names what the string holds.
///
/// # Errors
/// When the value is not a string, or `parse` refuses it (its error becomes the message).
pub fn parse_str<'de, D: Deserializer<'de>, T, E: fmt::Display>(
    deserializer: D,
    expecting: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(ParseStr { expecting, parse })
}

struct ParseStr<F> {
    expecting: &'static str,
    parse: F,
}

impl<T, E: fmt::Display, F: FnOnce(&str) -> Result<T, E>> Visitor<'_> for ParseStr<F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<R: de::Error>(self, text: &str) -> Result<T, R> {
        (self.parse)(text).map_err(R::custom)
    }
}

/// Stores a field's decoded value, refusing a second value for the same field (as serde's
/// derived decoders do).
///
/// # Errors
/// When the field was already set.
pub fn set_once<T, E: de::Error>(
    slot: &mut Option<T>,
    wire: &'static str,
    value: T,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(wire));
    }
    *slot = Some(value);
    Ok(())
}

/// A required field's value, or serde's "missing field" error.
///
/// # Errors
/// When the field was not received.
pub fn required<T, E: de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire))
}

/// Reads an inline envelope (payload and status fields share one object) in one pass: the
/// payload `T` without the `status_fields`, and the head `H` from those fields. When the payload
/// does not fit, the head is read again from the whole text: an error body's payload need not
/// fit `T`, and its status must still be known.
#[inline]
pub fn read_inline<T: de::DeserializeOwned, H: de::DeserializeOwned>(
    text: &str,
    status_fields: &'static [&'static str],
) -> (Result<T, serde_json::Error>, Result<H, serde_json::Error>) {
    let mut status = Vec::with_capacity(status_fields.len());
    let mut reader = serde_json::Deserializer::from_str(text);
    let mut payload = T::deserialize(SetAside::new(&mut reader, status_fields, &mut status));
    // Checked beside the payload rather than through it: the payload is not moved again.
    if let (Ok(_), Err(error)) = (&payload, reader.end()) {
        payload = Err(error);
    }
    let head = match &payload {
        Ok(_) => H::deserialize(de::value::MapDeserializer::<_, serde_json::Error>::new(
            status.into_iter(),
        )),
        Err(_) => serde_json::from_str(text),
    };
    (payload, head)
}

/// A deserializer for an object that sets some of its keys aside: an inline payload shares its
/// object with the envelope's status fields, which are read from the same pass but are not the
/// payload's (nor its unknown fields).
#[derive(Debug)]
struct SetAside<'a, D> {
    inner: D,
    keys: &'static [&'static str],
    aside: &'a mut Vec<(&'static str, serde_json::Value)>,
}

impl<'a, D> SetAside<'a, D> {
    /// Reads the object `inner` holds as if `keys` were not among its keys; their values go to
    /// `aside`.
    fn new(
        inner: D,
        keys: &'static [&'static str],
        aside: &'a mut Vec<(&'static str, serde_json::Value)>,
    ) -> Self {
        Self { inner, keys, aside }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for SetAside<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (keys, aside) = (self.keys, self.aside);
        self.inner.deserialize_map(Filtering {
            visitor,
            keys,
            aside,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Filtering<'a, V> {
    visitor: V,
    keys: &'static [&'static str],
    aside: &'a mut Vec<(&'static str, serde_json::Value)>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Filtering<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let (keys, aside) = (self.keys, self.aside);
        self.visitor.visit_map(FilteredMap { map, keys, aside })
    }
}

struct FilteredMap<'a, A> {
    map: A,
    keys: &'static [&'static str],
    aside: &'a mut Vec<(&'static str, serde_json::Value)>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for FilteredMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        use serde::de::IntoDeserializer;
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            if let Some(&wire) = self.keys.iter().find(|wire| **wire == key.as_str()) {
                let value = self.map.next_value()?;
                self.aside.push((wire, value));
                continue;
            }
            return match key.0 {
                Cow::Borrowed(key) => seed
                    .deserialize(de::value::BorrowedStrDeserializer::new(key))
                    .map(Some),
                Cow::Owned(key) => seed.deserialize(key.into_deserializer()).map(Some),
            };
        }
        Ok(None)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_borrow_unless_escaped() {
        let key: Key<'_> = serde_json::from_str(r#""plain""#).unwrap();
        assert!(matches!(key.0, Cow::Borrowed("plain")));
        let key: Key<'_> = serde_json::from_str(r#""es\u0063aped""#).unwrap();
        assert_eq!(key.as_str(), "escaped");
    }

    #[test]
    fn keys_set_aside_are_not_seen_by_the_payload() {
        use serde::Deserialize;
        let json = r#"{"errorCode":0,"kept":1,"errorMessage":"","es\u0063aped":2}"#;
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let mut aside = Vec::new();
        let keys = &["errorCode", "errorMessage"];
        let reading = SetAside::new(&mut deserializer, keys, &mut aside);
        let seen = std::collections::BTreeMap::<String, u8>::deserialize(reading).unwrap();
        let seen: Vec<_> = seen.into_iter().collect();
        assert_eq!(seen, [("escaped".into(), 2), ("kept".into(), 1)]);
        let aside_keys: Vec<&str> = aside.iter().map(|(key, _)| *key).collect();
        assert_eq!(aside_keys, ["errorCode", "errorMessage"]);
    }

    #[test]
    fn a_second_value_is_refused() {
        let mut slot = None;
        set_once::<u8, serde_json::Error>(&mut slot, "f", 1).unwrap();
        let err = set_once::<u8, serde_json::Error>(&mut slot, "f", 2).unwrap_err();
        assert!(err.to_string().contains("duplicate field `f`"), "{err}");
    }
}
