//! Rustdoc attributes from spec text. Each line becomes its own `#[doc]` attribute, so doc
//! text can never close a comment, and text that rustdoc would read as markup is escaped.

use crate::ir::{Docs, SourceRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Escapes text so rustdoc shows it literally: no HTML tags, no intra-doc links.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `#[doc]` attributes for several paragraphs (already escaped where needed).
pub fn lines(paragraphs: &[String]) -> TokenStream {
    let out = doc_lines(paragraphs);
    quote! { #(#[doc = #out])* }
}

fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs
        .iter()
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if index > 0 {
            out.push(String::new());
        }
        out.extend(
            paragraph
                .lines()
                .map(|line| format!(" {}", visible_direction_controls(line.trim_end()))),
        );
    }
    out
}

/// Bidirectional-text controls written as `U+202E`: in a doc comment rustc refuses them
/// (`text_direction_codepoint_in_literal`), and they would hide what the text says.
fn visible_direction_controls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `#![doc]` attributes (module docs) for several paragraphs.
pub fn inner_lines(paragraphs: &[String]) -> TokenStream {
    let out = doc_lines(paragraphs);
    quote! { #(#![doc = #out])* }
}

/// A markdown link to a source, with section and date.
pub fn source_line(source: &SourceRef) -> String {
    let mut line = match &source.url {
        Some(url) => format!(
            "Source: [{}](<{}>)",
            escape(&source.title),
            url.replace([' ', '<', '>'], "")
        ),
        None => format!("Source: {}", escape(&source.title)),
    };
    if let Some(file) = &source.file {
        line.push_str(&format!(
            " (captured as `shared/vendor-docs/{}`)",
            escape(file)
        ));
    }
    if let Some(section) = &source.section {
        line.push_str(&format!(", section “{}”", escape(section)));
    }
    if let Some(updated) = &source.updated {
        line.push_str(&format!(" (updated {})", escape(updated)));
    }
    line.push('.');
    line
}

/// Docs of an item: text, quirk, source.
pub fn docs(docs: &Docs) -> TokenStream {
    lines(&paragraphs(docs))
}

/// The paragraphs of [`docs`], for callers that add their own.
pub fn paragraphs(docs: &Docs) -> Vec<String> {
    let mut paragraphs = vec![escape(&docs.text)];
    if let Some(quirk) = &docs.quirk {
        paragraphs.push(format!("**Vendor quirk:** {}", escape(quirk)));
    }
    if let Some(source) = &docs.source {
        paragraphs.push(source_line(source));
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_never_closes_a_comment() {
        assert_eq!(escape("a <b> [c] */ `d`"), "a &lt;b&gt; \\[c\\] */ `d`");
        let tokens = lines(&["one\ntwo */ three".to_owned()]).to_string();
        assert!(tokens.contains("\" two */ three\""), "{tokens}");
    }
}

#[cfg(test)]
mod bidi_tests {
    #[test]
    fn bidirectional_controls_never_reach_a_doc_line_or_a_literal() {
        let doc = super::lines(&["a\u{202e}b".to_owned()]).to_string();
        assert!(!doc.contains('\u{202e}') && doc.contains("U+202E"), "{doc}");
        // Wire values travel as string literals, which escape them themselves.
        let literal = proc_macro2::Literal::string("a\u{202e}b").to_string();
        assert!(!literal.contains('\u{202e}'), "{literal}");
    }
}
