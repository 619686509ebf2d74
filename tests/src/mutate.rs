//! Deterministic mutations of spec text for the hostile-input tests: a small seeded PRNG (no
//! dependency) and the edits a careless or malicious author makes.
//!
//! Why a hand-written mutator rather than proptest here (the value properties use proptest,
//! `tests/tests/properties.rs`): the inputs are YAML texts, and the failures worth finding come
//! from breaking their shape — a cut line, bad indentation, a swapped key, a name renamed
//! everywhere — which a line edit reaches in one step, while a proptest strategy would have to
//! generate specs from a grammar and would mostly produce valid, uninteresting ones. Shrinking
//! does not help either: a failing mutant is one to three line edits of a real spec, reported
//! by its seed and the lines it changed, which is already minimal to read.

/// xorshift64*: deterministic, good enough to pick edits.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is remapped).
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next_u64() % bound as u64) as usize
        }
    }
}

const INJECTIONS: [&str; 14] = [
    "审批✓",
    "\u{202e}rtl",
    "a::b",
    "\"quoted\"",
    "*/ /*",
    "x\ny",
    "self",
    "9lives",
    "r#type",
    "{{nested}}",
    "list<list<list<",
    "~",
    "&anchor",
    "!!binary AAAA",
];

/// Names a spec may give a type or variant that the emitted code also uses (prelude items,
/// the runtime's and the generated crate's own names, local helpers), for the rename edit.
const SHADOWING_NAMES: [&str; 20] = [
    "From",
    "Into",
    "Default",
    "Clone",
    "Debug",
    "Copy",
    "Iterator",
    "ToString",
    "Display",
    "Unknown",
    "UnknownValue",
    "UnknownVariant",
    "Validate",
    "Endpoint",
    "Metadata",
    "Wire",
    "Value",
    "Path",
    "Map",
    "Param",
];

/// Renames one UpperCamelCase word (a type or variant name) everywhere in `lines`, whole words
/// only, so references follow the definition and the spec may still check.
fn rename_everywhere(lines: &mut [String], rng: &mut Rng) {
    let words: Vec<String> = lines
        .iter()
        .flat_map(|line| {
            line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .filter(|word| word.len() > 1 && word.starts_with(|c: char| c.is_ascii_uppercase()))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    if words.is_empty() {
        return;
    }
    let from = words[rng.below(words.len())].clone();
    let to = SHADOWING_NAMES[rng.below(SHADOWING_NAMES.len())];
    for line in lines.iter_mut() {
        let mut out = String::with_capacity(line.len());
        let mut rest = line.as_str();
        while let Some(found) = rest.find(&from) {
            let before = rest[..found].chars().next_back();
            let after = rest[found + from.len()..].chars().next();
            let boundary =
                |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
            out.push_str(&rest[..found]);
            out.push_str(if boundary(before) && boundary(after) {
                to
            } else {
                &from
            });
            rest = &rest[found + from.len()..];
        }
        out.push_str(rest);
        *line = out;
    }
}

/// Applies 1–3 random edits to `text`.
pub fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..=rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let at = rng.below(lines.len());
        match rng.below(10) {
            9 => rename_everywhere(&mut lines, rng),
            0 => {
                lines.remove(at);
            }
            1 => {
                let copy = lines[at].clone();
                lines.insert(at, copy);
            }
            2 => {
                // Retype a value: replace what follows the first `: ` with something else.
                if let Some((key, _)) = lines[at].split_once(": ") {
                    let replacement = [
                        "[]", "{}", "42", "-1", "true", "null", "\"\"", "1e400", "[a, [b]]",
                    ][rng.below(9)];
                    lines[at] = format!("{key}: {replacement}");
                }
            }
            3 => {
                let cut = rng.below(lines.len() + 1);
                lines.truncate(cut);
            }
            4 => {
                let injection = INJECTIONS[rng.below(INJECTIONS.len())];
                if let Some((key, _)) = lines[at].split_once(": ") {
                    lines[at] = format!("{key}: {injection}");
                } else {
                    lines[at].push_str(injection);
                }
            }
            5 => {
                // Huge values.
                if let Some((key, _)) = lines[at].split_once(": ") {
                    let huge = [
                        "x".repeat(100_000),
                        "9".repeat(400),
                        format!("list<{}string{}>", "list<".repeat(200), ">".repeat(200)),
                    ][rng.below(3)]
                    .clone();
                    lines[at] = format!("{key}: {huge}");
                }
            }
            6 => {
                // Break indentation.
                let line = &lines[at];
                lines[at] = if rng.below(2) == 0 {
                    format!("  {line}")
                } else {
                    line.trim_start().to_owned()
                };
            }
            7 => {
                // Cut a line in the middle of a character.
                let line = &lines[at];
                let cut = line
                    .char_indices()
                    .nth(rng.below(line.chars().count() + 1))
                    .map_or(line.len(), |(i, _)| i);
                lines[at] = line[..cut].to_owned();
            }
            _ => {
                // Swap two lines.
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
