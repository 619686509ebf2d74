//! Secret values (access tokens) that never show up in `Debug` output.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A value that must not leak into logs: `Debug` prints `Secret([redacted])`.
///
/// It serializes as the bare value, because the vendor needs the real token on the wire;
/// reading it in code takes an explicit [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a secret value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret value itself; call sites that read it are easy to find.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::from("tok-123");
        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
        assert!(!format!("{:#?}", Some(&secret)).contains("tok-123"));
    }

    #[test]
    fn serializes_the_bare_value() {
        let secret = Secret::from("tok-123");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"tok-123\"");
        let back: Secret<String> = serde_json::from_str("\"tok-123\"").unwrap();
        assert_eq!(back.expose(), "tok-123");
    }
}
