//! Helpers for generated unions.
//!
//! A tagged union decodes in one streaming pass: map entries before the tag (usually just `id`)
//! are buffered, the tag picks the member, and the member's own `Deserialize` then reads the
//! buffered entries followed by the rest of the live map. Only a member whose tag the spec does
//! not list is collected into a JSON value, to keep it unchanged. This works with any serde
//! deserializer and avoids building a `serde_json::Value` for every member.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::ser::Error as _;
use serde::{Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

mod buffered;
pub use buffered::Buffered;

/// Serializes a union member with its tag field added (`"type": "input"`).
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag_field: &str,
    tag: &str,
    member: &T,
) -> Result<S::Ok, S::Error> {
    match serde_json::to_value(member).map_err(S::Error::custom)? {
        Value::Object(mut map) => {
            map.insert(tag_field.to_owned(), Value::String(tag.to_owned()));
            map.serialize(serializer)
        }
        _ => Err(S::Error::custom(
            "a union member must serialize to a JSON object",
        )),
    }
}

/// Implemented by generated tagged unions; [`deserialize_tagged`] does the rest.
pub trait TaggedUnion: Sized {
    /// Wire name of the tag field.
    const TAG_FIELD: &'static str;

    /// Whether the spec lists this tag.
    fn is_known(tag: &str) -> bool;

    /// Decodes the member for a listed tag from a map deserializer.
    ///
    /// # Errors
    /// When the member does not have its documented shape.
    fn decode_member<'de, D: Deserializer<'de>>(tag: &str, member: D) -> Result<Self, D::Error>;

    /// Keeps a member with an unlisted tag (or none) as received.
    fn unknown(tag: Option<String>, raw: Value) -> Self;
}

/// Implemented by generated unions whose shape a sibling field names (71360 `formRecord` by
/// `approveType`). The containing object decodes the member straight from the input when the
/// sibling came first ([`Chosen`]), and from buffered JSON otherwise ([`Pending::Raw`]).
pub trait SiblingUnion: Sized {
    /// The discriminating sibling's type.
    type Discriminant;

    /// Decodes the member `discriminant` names; an unlisted or absent one, or an object none of
    /// whose keys the member lists, is kept as received.
    ///
    /// # Errors
    /// When the value does not have the shape the discriminant names.
    fn decode_chosen<'de, D: Deserializer<'de>>(
        discriminant: Option<&Self::Discriminant>,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// Decodes a sibling-chosen union with its discriminant already known.
#[derive(Debug)]
pub struct Chosen<'a, U: SiblingUnion>(pub Option<&'a U::Discriminant>);

impl<'de, U: SiblingUnion> DeserializeSeed<'de> for Chosen<'_, U> {
    type Value = U;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        U::decode_chosen(self.0, deserializer)
    }
}

/// A seed's value that may be `null` (`None`).
#[derive(Debug)]
pub struct Nullable<S>(pub S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A sibling-chosen union while its object is read: decoded if its discriminant came first,
/// else its JSON, decoded once the whole object has been read.
#[derive(Debug)]
pub enum Pending<'de, U> {
    /// Decoded straight from the input.
    Decoded(U),
    /// Read before its discriminant.
    Raw(Buffered<'de>),
}

impl<U: SiblingUnion> Pending<'_, U> {
    /// The union, given the discriminant's final value.
    ///
    /// # Errors
    /// When buffered JSON does not have the shape the discriminant names.
    pub fn resolve(self, discriminant: Option<&U::Discriminant>) -> Result<U, serde_json::Error> {
        match self {
            Self::Decoded(union) => Ok(union),
            Self::Raw(buffered) => buffered.decode(Chosen::<U>(discriminant)),
        }
    }
}

/// `Deserialize` for a generated tagged union.
///
/// # Errors
/// When the input is not a map, the tag is not a string, or the member is malformed.
pub fn deserialize_tagged<'de, T: TaggedUnion, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(TaggedVisitor(PhantomData))
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: TaggedUnion> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with a `{}` field", T::TAG_FIELD)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut buffered: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(T::TAG_FIELD))? {
            if let Key::Other(key) = key {
                buffered.push((key, map.next_value()?));
                continue;
            }
            let tag = map.next_value_seed(TagSeed(T::TAG_FIELD))?;
            if T::is_known(&tag) {
                let rest = Chained {
                    buffered: buffered.into_iter(),
                    pending: None,
                    live: map,
                };
                return T::decode_member(&tag, MapDeserializer(rest));
            }
            let mut raw: Map<String, Value> = buffered.into_iter().collect();
            raw.insert(
                T::TAG_FIELD.to_owned(),
                Value::String(tag.clone().into_owned()),
            );
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                raw.insert(key, value);
            }
            return Ok(T::unknown(Some(tag.into_owned()), Value::Object(raw)));
        }
        Ok(T::unknown(
            None,
            Value::Object(buffered.into_iter().collect()),
        ))
    }
}

/// A map key: the tag field, or another key (kept for buffering).
enum Key {
    Tag,
    Other(String),
}

/// Reads a key without allocating when it is the tag.
struct KeySeed(&'static str);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0 {
            Key::Tag
        } else {
            Key::Other(key.to_owned())
        })
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(if key == self.0 {
            Key::Tag
        } else {
            Key::Other(key)
        })
    }
}

/// Reads the tag's string value, borrowing it from the input when possible.
struct TagSeed(&'static str);

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = std::borrow::Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = std::borrow::Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string in field `{}`", self.0)
    }

    fn visit_borrowed_str<E: de::Error>(self, tag: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(tag))
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(tag.to_owned()))
    }

    fn visit_string<E: de::Error>(self, tag: String) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(tag))
    }
}

/// Buffered entries, then the live map.
struct Chained<A> {
    buffered: std::vec::IntoIter<(String, Value)>,
    pending: Option<Value>,
    live: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Chained<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.buffered.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => self.live.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.live.next_value_seed(seed),
        }
    }
}

/// A deserializer that hands its map to whatever the member asks for.
struct MapDeserializer<M>(M);

impl<'de, M: MapAccess<'de>> Deserializer<'de> for MapDeserializer<M> {
    type Error = M::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, M::Error> {
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}
