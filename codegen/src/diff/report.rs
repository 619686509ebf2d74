//! The review report: Markdown to paste as a pull-request comment (summary table first, then
//! details), JSON for bots.

use super::{Change, Direction, Impact, Rule};
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn impact_text(impact: Impact, direction: Option<Direction>) -> String {
    match (impact, direction) {
        (Impact::Compatible, _) => "compatible".to_owned(),
        (Impact::Breaking, Some(Direction::Request)) => "**breaking** (requests)".to_owned(),
        (Impact::Breaking, Some(Direction::Response)) => "**breaking** (responses)".to_owned(),
        (Impact::Breaking, _) => "**breaking**".to_owned(),
    }
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown report.
pub fn to_markdown(changes: &[Change], base: &str) -> String {
    let mut out = String::new();
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    let _ = writeln!(out, "## API changes against `{base}`\n");
    if changes.is_empty() {
        out.push_str("No semantic change in the specs.\n");
        return out;
    }
    let _ = writeln!(out, "{} change(s), {breaking} breaking.\n", changes.len());
    out.push_str("| vendor | changes | breaking the wire | breaking the Rust API | docs only |\n|---|---:|---:|---:|---:|\n");
    let mut by_vendor: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in changes {
        by_vendor
            .entry(change.vendor.as_str())
            .or_default()
            .push(change);
    }
    for (vendor, list) in &by_vendor {
        let wire = list.iter().filter(|c| c.wire() == Impact::Breaking).count();
        let api = list.iter().filter(|c| c.api() == Impact::Breaking).count();
        let docs = list.iter().filter(|c| c.rule == Rule::DocChanged).count();
        let _ = writeln!(
            out,
            "| {vendor} | {} | {wire} | {api} | {docs} |",
            list.len()
        );
    }
    for (vendor, list) in &by_vendor {
        let _ = writeln!(out, "\n### {vendor}\n");
        let (docs, rest): (Vec<&&Change>, Vec<&&Change>) =
            list.iter().partition(|c| c.rule == Rule::DocChanged);
        if !rest.is_empty() {
            out.push_str("| severity | rule | item | change | wire | Rust API | where |\n|---|---|---|---|---|---|---|\n");
            let mut rest = rest;
            rest.sort_by_key(|c| (c.rule.severity(), c.location.line));
            for change in rest {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | `{}` | {} | {} | {} | `{}:{}` |",
                    change.rule.severity().id(),
                    change.rule.id(),
                    escape_cell(&change.item),
                    escape_cell(&if change.detail.is_empty() {
                        change.rule.describe().to_owned()
                    } else {
                        change.detail.clone()
                    }),
                    impact_text(change.wire(), Some(change.direction)),
                    impact_text(change.api(), None),
                    change.location.file,
                    change.location.line,
                );
            }
        }
        if !docs.is_empty() {
            let items: Vec<String> = docs
                .iter()
                .map(|c| format!("`{}`", if c.item.is_empty() { "vendor" } else { &c.item }))
                .collect();
            let _ = writeln!(
                out,
                "\nDocumentation changed ({}): {}.",
                docs.len(),
                items.join(", ")
            );
        }
    }
    out
}

/// The JSON report.
pub fn to_json(changes: &[Change], base: &str) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = changes
        .iter()
        .map(|change| {
            serde_json::json!({
                "fingerprint": change.fingerprint(),
                "rule": change.rule.id(),
                "severity": change.rule.severity().id(),
                "vendor": change.vendor,
                "item": change.item,
                "detail": change.detail,
                "direction": change.direction.id(),
                "wire": change.wire().id(),
                "api": change.api().id(),
                "file": change.location.file,
                "line": change.location.line,
            })
        })
        .collect();
    serde_json::json!({
        "base": base,
        "changes": changes.len(),
        "breaking": changes.iter().filter(|c| c.is_breaking()).count(),
        "entries": entries,
    })
}
