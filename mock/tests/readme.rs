//! The README's mock example is the crate's doctest (its visible lines), so the README shows
//! code that compiles and runs.

#[test]
fn the_readme_example_is_the_compiled_doctest() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).expect("README.md");
    let section = &readme[readme.find("## Mock vendor").expect("the section")..];
    let block = section[section.find("```rust\n").expect("an example") + 8..]
        .split("\n```")
        .next()
        .expect("a block");
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("lib.rs");
    let docs: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let start = docs
        .iter()
        .position(|line| *line == "```rust")
        .expect("the doctest")
        + 1;
    let end = start
        + docs[start..]
            .iter()
            .position(|line| *line == "```")
            .expect("its end");
    let visible: Vec<&str> = docs[start..end]
        .iter()
        .copied()
        .filter(|line| !line.starts_with("# ") && *line != "#")
        .collect();
    assert_eq!(block, visible.join("\n"));
}
