//! Diagnostics: what is wrong in which spec file, where, and what was expected.

use crate::spec::Span;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A spec file's name (as shown to users) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics (relative to where the tool runs, when possible).
    pub name: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// Every spec file read in one run.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, name: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile { name, text });
        FileId(self.files.len() - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0)
    }
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file it is in.
    pub file: FileId,
    /// Where in the file.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What would have been accepted.
    pub expected: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span` of `file`.
    pub fn new(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Self {
            file,
            span,
            message: message.into(),
            expected: None,
        }
    }

    /// Adds what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// `file:line:col` of this diagnostic.
    pub fn location(&self, sources: &SourceMap) -> String {
        let name = sources
            .get(self.file)
            .map_or_else(|| "<unknown>".into(), |f| f.name.display().to_string());
        format!("{name}:{}:{}", self.span.line, self.span.column)
    }

    /// Renders the diagnostic as rustc does: message, `file:line:col`, the source line with a
    /// marker under the offending text, then what was expected.
    pub fn render(&self, sources: &SourceMap) -> String {
        let Some(file) = sources.get(self.file) else {
            return format!("error: {}\n --> {}\n", self.message, self.location(sources));
        };
        let range = byte_range(&file.text, self.span);
        let name = file.name.display().to_string();
        let mut report = vec![
            Level::ERROR.primary_title(self.message.as_str()).element(
                Snippet::source(file.text.as_str())
                    .path(name.as_str())
                    .annotation(AnnotationKind::Primary.span(range)),
            ),
        ];
        let expected = self
            .expected
            .as_ref()
            .map(|text| format!("expected {text}"));
        if let Some(expected) = &expected {
            report.push(Group::with_title(
                Level::HELP.secondary_title(expected.as_str()),
            ));
        }
        let mut out = Renderer::plain().render(&report);
        out.push('\n');
        out
    }
}

/// Renders every diagnostic, then a count.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&diagnostic.render(sources));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "error: {} problem(s) in the specs; nothing was generated",
        diagnostics.len()
    );
    out
}

/// Byte range of a span in `text`, computed from line and column (characters), clamped to
/// the text and to character boundaries so that rendering never panics.
fn byte_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let line_start = text
        .split_inclusive('\n')
        .take(span.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let line = text[line_start..].split('\n').next().unwrap_or("");
    let column = line
        .char_indices()
        .nth(span.column.saturating_sub(1))
        .map_or(line.len(), |(offset, _)| offset);
    let start = line_start + column;
    let rest = &text[start..];
    let wanted = if span.len == 0 {
        rest.find(['\n', ':', ',', ']', '}'])
            .unwrap_or(rest.len())
            .max(1)
    } else {
        span.len
    };
    let mut end = (start + wanted)
        .min(start + rest.split('\n').next().map_or(0, str::len))
        .min(text.len());
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(line: usize, column: usize, len: usize) -> Span {
        Span {
            line,
            column,
            offset: None,
            len,
        }
    }

    #[test]
    fn byte_range_handles_multibyte_text_and_out_of_range_spans() {
        let text = "a: 审批\nb: x\n";
        assert_eq!(&text[byte_range(text, span(1, 4, 6))], "审批");
        assert_eq!(&text[byte_range(text, span(2, 4, 0))], "x");
        let far = byte_range(text, span(99, 99, 5));
        assert!(far.start <= text.len() && far.end <= text.len());
    }
}
