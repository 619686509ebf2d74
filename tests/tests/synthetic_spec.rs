//! The synthetic spec used by the benchmarks is itself a valid spec that generates code.

#[test]
fn synthetic_spec_checks_and_generates() {
    let mut sources = approval_codegen::diagnostic::SourceMap::default();
    let loaded = approval_codegen::load::load_text(
        "synthetic.yaml".into(),
        approval_tests::synthetic::spec(5),
        &mut sources,
    )
    .unwrap_or_else(|d| panic!("{}", d.render(&sources)));
    let checked = approval_codegen::check::check(vec![loaded]).unwrap_or_else(|diagnostics| {
        panic!(
            "{}",
            approval_codegen::diagnostic::render_all(&diagnostics, &sources)
        )
    });
    let rendered = approval_codegen::render(
        &checked,
        approval_codegen::format::Style::PrettyPlease,
        None,
    )
    .expect("renders");
    assert_eq!(
        rendered
            .iter()
            .filter(|f| f.path.to_string_lossy().contains("call_"))
            .count(),
        5
    );
}
