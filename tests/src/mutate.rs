//! Deterministic mutations of spec text for the hostile-input tests: a small seeded PRNG (no
//! dependency) and the edits a careless or malicious author makes.

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

/// Applies 1–3 random edits to `text`.
pub fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..=rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let at = rng.below(lines.len());
        match rng.below(9) {
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
