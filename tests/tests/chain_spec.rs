//! A long chain of object types, each holding two fields of the next, checks: the cycle check
//! walks each type and field once (it used to enumerate paths, doubling per type). How check
//! time grows with the chain's length is a benchmark row (`cargo xtask bench`), not a timing here.

use approval_codegen::diagnostic::{SourceMap, render_all};
use approval_codegen::{check, load};

#[test]
fn a_chain_of_two_thousand_types_checks() {
    let mut sources = SourceMap::default();
    let loaded = load::load_text(
        "chain.yaml".into(),
        approval_tests::chain::spec(2_000),
        &mut sources,
    )
    .unwrap_or_else(|d| panic!("{}", d.render(&sources)));
    let checked = check::check(vec![loaded])
        .unwrap_or_else(|diagnostics| panic!("{}", render_all(&diagnostics, &sources)));
    assert_eq!(checked.ir().vendors[0].types.len(), 2_000);
}

#[test]
fn a_chain_closed_into_a_cycle_is_reported_once_per_type_on_it() {
    let text = approval_tests::chain::spec(50).replace(
        "      - {name: end, type: string, doc: End.}\n",
        "      - {name: end, type: Link40, doc: Back to link 40.}\n",
    );
    let mut sources = SourceMap::default();
    let loaded = load::load_text("chain.yaml".into(), text, &mut sources).unwrap();
    let diagnostics = check::diagnostics(vec![loaded]);
    // Links 40 to 49 are on the cycle; 0 to 39 only lead into it.
    assert_eq!(
        diagnostics.len(),
        10,
        "{}",
        render_all(&diagnostics, &sources)
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d.message.contains("contains itself"))
    );
}
