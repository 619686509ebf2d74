//! The JSON Schema of the spec format, derived from the spec model, so editors validate and
//! complete spec files (`# yaml-language-server: $schema=spec.schema.json`).

use crate::spec::SpecFile;

/// The schema as pretty-printed JSON (draft 2020-12), ending with a newline.
pub fn spec_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<SpecFile>();
    schema.insert("title".into(), "approval-codegen spec file".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
