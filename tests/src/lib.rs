//! Shared helpers for the integration tests in `tests/tests/`.
#![forbid(unsafe_code)]

pub mod chain;
pub mod conforming;
pub mod mutate;
pub mod page_example;
pub mod synthetic;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// A fixture's text, by path under `tests/fixtures/`.
pub fn fixture(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read fixture {}: {error}", path.display()))
}

/// Decodes `json` as `T`, encodes it again, and returns (original, re-encoded) as JSON values,
/// so a test can assert they are equal.
pub fn round_trip<T: DeserializeOwned + Serialize>(
    json: &str,
) -> (serde_json::Value, serde_json::Value) {
    let original: serde_json::Value = serde_json::from_str(json).expect("fixture is valid JSON");
    let typed: T = serde_json::from_str(json)
        .unwrap_or_else(|error| panic!("fixture does not decode: {error}"));
    let back = serde_json::to_value(&typed).expect("typed value encodes");
    (original, back)
}
