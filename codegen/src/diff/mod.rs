//! Semantic comparison of two spec sets, for reviewers of a spec change: what changed in each
//! vendor's API, and whether it breaks the wire (old requests still accepted, old responses
//! still decoded) or the Rust API (downstream code still compiles), as oasdiff and
//! cargo-semver-checks reason. A consumer of loaded, checked specs, beside the generator.

mod compare;
mod report;
mod rules;
mod text;

pub use compare::compare;
pub use report::{to_json, to_markdown};
pub use rules::{Impact, Rule, Severity};

/// Where a change is, for people and for bots annotating a pull request.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Spec file (as shown, `/`-separated).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// One semantic change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that classified it.
    pub rule: Rule,
    /// Vendor module.
    pub vendor: String,
    /// The item, as a path: `types.InstanceCreateBody.uuid`, `endpoints.instance_create`.
    pub item: String,
    /// What changed, in words.
    pub detail: String,
    /// In the new spec (or the old one, for removals).
    pub location: Location,
    /// Whether the changed item is sent, received, or both.
    pub direction: Direction,
}

/// Which way the changed item travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Only in requests.
    Request,
    /// Only in responses.
    Response,
    /// In both.
    Both,
    /// In neither (unused types, docs).
    Neither,
}

impl Change {
    /// Impact on the wire.
    pub fn wire(&self) -> Impact {
        self.rule.wire(self.direction)
    }

    /// Impact on downstream Rust code.
    pub fn api(&self) -> Impact {
        self.rule.api()
    }

    /// Whether either audience is broken.
    pub fn is_breaking(&self) -> bool {
        self.wire() == Impact::Breaking || self.api() == Impact::Breaking
    }

    /// A stable id: the same change gets the same fingerprint in every run and on every
    /// machine (FNV-1a over rule, vendor, item and detail).
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [self.rule.id(), &self.vendor, &self.item, &self.detail] {
            for byte in part.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}
