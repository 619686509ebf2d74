//! `cargo xtask bench`: generation, scaling, generated-code compile cost, decoding,
//! validation, webhook intake and the async client against the mock, each row a ratio measured
//! in this one run. Prints a table and writes JSON.
//!
//! Plain timing (median of batches), no criterion: the figures are ratios within one run, and
//! the binary must stay cheap to build on a two-core machine.

// A directory, not `src/bin/client.rs`, which cargo would take for a binary of its own.
#[path = "bench/client.rs"]
mod client;
#[path = "bench/progenitor.rs"]
mod progenitor;

use approval_api::runtime::Validate;
use approval_codegen::diagnostic::SourceMap;
use approval_codegen::format::Style;
use approval_codegen::{check, load, write};
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Median time of one call of `f`, from 9 batches each long enough to measure.
fn time<R>(mut f: impl FnMut() -> R) -> Duration {
    let start = Instant::now();
    black_box(f());
    let once = start.elapsed().max(Duration::from_nanos(50));
    let per_batch =
        (Duration::from_millis(40).as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32;
    let mut samples: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                black_box(f());
            }
            start.elapsed() / per_batch
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

/// Times `a` and `b` in alternating batches and keeps each one's fastest batch, so that load
/// from other processes (which only ever slows a batch down) skews neither side of a ratio.
fn time_pair<A, B>(mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> (Duration, Duration) {
    let batch = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let once = batch(&mut || {
        black_box(a());
    })
    .max(Duration::from_nanos(50));
    let per_batch =
        (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32;
    let (mut best_a, mut best_b) = (Duration::MAX, Duration::MAX);
    for _ in 0..15 {
        let ta = batch(&mut || {
            for _ in 0..per_batch {
                black_box(a());
            }
        });
        let tb = batch(&mut || {
            for _ in 0..per_batch {
                black_box(b());
            }
        });
        best_a = best_a.min(ta / per_batch);
        best_b = best_b.min(tb / per_batch);
    }
    (best_a, best_b)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Report {
    rows: Vec<(String, String, String)>,
    json: serde_json::Map<String, Value>,
}

impl Report {
    fn row(&mut self, section: &str, what: &str, figure: String, key: &str, value: Value) {
        self.rows
            .push((section.to_owned(), what.to_owned(), figure));
        self.json.insert(key.to_owned(), value);
    }
}

fn root() -> PathBuf {
    approval_tests::workspace_root()
}

fn load_vendor_specs() -> (Vec<load::LoadedSpec>, SourceMap) {
    let mut sources = SourceMap::default();
    let (specs, diagnostics) =
        load::load_dir(&root().join("specs"), &root(), &mut sources).expect("specs");
    assert!(diagnostics.is_empty());
    (specs, sources)
}

fn load_text(text: &str) -> Vec<load::LoadedSpec> {
    let mut sources = SourceMap::default();
    vec![
        load::load_text("synthetic.yaml".into(), text.to_owned(), &mut sources)
            .expect("synthetic spec parses"),
    ]
}

fn generation(report: &mut Report) {
    let specs_dir = root().join("specs");
    let out = std::env::temp_dir().join(format!("approval-bench-write-{}", std::process::id()));
    let (specs, _) = load_vendor_specs();
    let checked = check::check(specs.clone()).expect("specs check");
    let formatted = approval_codegen::render(&checked, Style::Rustfmt, None).expect("rustfmt");
    write::write(&out, &formatted).expect("first write");
    let printed =
        time(|| approval_codegen::render(&checked, Style::PrettyPlease, None).expect("renders"));
    let formatted_cold =
        time(|| approval_codegen::render(&checked, Style::Rustfmt, None).expect("rustfmt"));
    let stages = [
        (
            "load (read + parse YAML, type expressions, paths)",
            time(load_vendor_specs),
        ),
        ("check (builds the IR)", check_time(&specs)),
        ("emit + prettyplease (all cores)", printed),
        (
            "rustfmt, one run over the changed files (here: all)",
            formatted_cold.saturating_sub(printed),
        ),
        (
            "write (compare; nothing changed)",
            time(|| write::write(&out, &formatted).expect("writes")),
        ),
    ];
    let cold: Duration = stages.iter().map(|(_, d)| *d).sum();
    let warm = time(|| approval_codegen::run_dirs(&specs_dir, &out, &root(), false).expect("runs"));
    let section = "generation, 4 vendor specs";
    for (stage, duration) in stages {
        report.row(
            section,
            stage,
            format!(
                "{:.2} ms ({:.0}% of a cold run)",
                ms(duration),
                100.0 * duration.as_secs_f64() / cold.as_secs_f64()
            ),
            &format!("generation.{stage}"),
            json!(ms(duration)),
        );
    }
    report.row(
        section,
        "cold run (every file through rustfmt)",
        format!("{:.1} ms", ms(cold)),
        "generation.cold_ms",
        json!(ms(cold)),
    );
    report.row(
        section,
        "warm run, `cargo xtask codegen` with nothing changed (rustfmt output reused)",
        format!("{:.1} ms (target < 100 ms)", ms(warm)),
        "generation.warm_ms",
        json!(ms(warm)),
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// Peak resident memory of this process, from /proc (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Child mode: generate a synthetic spec once and print
/// "seconds peak_mib load check ir emit+format".
fn scale_one(endpoints: usize) {
    let text = approval_tests::synthetic::spec(endpoints);
    let start = Instant::now();
    let specs = load_text(&text);
    let loaded = start.elapsed();
    let checked = check::check(specs).expect("synthetic spec checks");
    let checked_at = start.elapsed();
    let rendered = approval_codegen::render(&checked, Style::PrettyPlease, None).expect("renders");
    let elapsed = start.elapsed();
    black_box(rendered);
    let stages = [loaded, checked_at - loaded, elapsed - checked_at];
    let stages: Vec<String> = stages
        .iter()
        .map(|d| format!("{:.3}", d.as_secs_f64()))
        .collect();
    println!(
        "{} {} {}",
        elapsed.as_secs_f64(),
        peak_rss_mib().unwrap_or(f64::NAN),
        stages.join(" ")
    );
}

/// Time of `check` (which takes the specs by value) on `specs`, without the time of cloning them.
fn check_time(specs: &[load::LoadedSpec]) -> Duration {
    let cloned = time(|| specs.to_vec());
    time(|| check::check(specs.to_vec()).expect("specs check")).saturating_sub(cloned)
}

/// Check time of a chain of object types, each holding two fields of the next (exponential
/// before the cycle check became Tarjan's SCC): it should double with the length.
fn chain_scaling(report: &mut Report) {
    let mut previous: Option<(usize, Duration)> = None;
    for types in [1_250, 2_500, 5_000] {
        let specs = load_text(&approval_tests::chain::spec(types));
        let checked = check_time(&specs);
        let growth = previous.map_or(String::new(), |(n, d)| {
            format!(
                ", ×{:.2} for ×{} types",
                checked.as_secs_f64() / d.as_secs_f64(),
                types / n
            )
        });
        report.row(
            "check of a chain of object types, two fields each (check builds the IR)",
            &format!("{types} types"),
            format!(
                "{:.2} ms, {:.2} µs/type{growth}",
                ms(checked),
                checked.as_secs_f64() * 1e6 / types as f64
            ),
            &format!("chain.{types}_ms"),
            json!(ms(checked)),
        );
        previous = Some((types, checked));
    }
}

fn scaling(report: &mut Report) {
    let exe = std::env::current_exe().expect("own path");
    let mut previous: Option<(usize, f64)> = None;
    for endpoints in [10, 100, 1_000, 5_000] {
        let mut runs: Vec<Vec<f64>> = (0..3)
            .map(|_| {
                let output = Command::new(&exe)
                    .args(["--scale-one", &endpoints.to_string()])
                    .output()
                    .expect("child runs");
                String::from_utf8_lossy(&output.stdout)
                    .split_whitespace()
                    .map(|p| p.parse::<f64>().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        runs.sort_by(|a, b| a[0].total_cmp(&b[0]));
        let run = &runs[1];
        let (seconds, peak) = (run[0], run[1]);
        let split: Vec<String> = ["load", "check + IR", "emit + prettyplease (all cores)"]
            .iter()
            .zip(&run[2..])
            .map(|(stage, s)| format!("{stage} {:.0}%", 100.0 * s / seconds))
            .collect();
        let growth = previous.map_or(String::new(), |(n, s)| {
            format!(", ×{:.1} for ×{} endpoints", seconds / s, endpoints / n)
        });
        report.row(
            "scaling (load → check + IR → emit + prettyplease on all cores; one process per size)",
            &format!("{endpoints} endpoints"),
            format!(
                "{:.0} ms, peak RSS {peak:.0} MiB, {:.0} µs/endpoint{growth} ({})",
                seconds * 1e3,
                seconds * 1e6 / endpoints as f64,
                split.join(", ")
            ),
            &format!("scaling.{endpoints}"),
            json!({"seconds": seconds, "peak_rss_mib": peak, "stages_seconds": &run[2..]}),
        );
        previous = Some((endpoints, seconds));
    }
}

/// Writes a standalone copy of generated code with a manifest that does not need the workspace.
fn standalone_crate(dir: &Path, files: &[write::RenderedFile], features: &str) {
    let _ = std::fs::remove_dir_all(dir.join("src"));
    write::write(dir, files).expect("writes");
    let runtime = root().join("codegen/runtime");
    let manifest = format!(
        "[package]\nname = \"bench-generated\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n[features]\ndefault = [{features}]\n{}\n[dependencies]\napproval-api-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n",
        files
            .iter()
            .find(|f| f.path == Path::new("Cargo.toml"))
            .map(|f| f
                .text
                .split("[features]")
                .nth(1)
                .unwrap_or("")
                .split("[dependencies]")
                .next()
                .unwrap_or("")
                .replace("default = []\n", ""))
            .unwrap_or_default(),
        runtime.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
}

/// The cargo that runs this bench (`cargo xtask bench` sets `CARGO`).
fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn cargo_check_seconds(dir: &Path, target: &Path) -> f64 {
    let run = || {
        Command::new(cargo())
            .args(["check", "--quiet", "--offline"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .status()
            .expect("cargo runs")
    };
    assert!(run().success(), "cargo check of {} failed", dir.display());
    let lib = dir.join("src/lib.rs");
    let mut samples: Vec<f64> = (0..3)
        .map(|_| {
            let text = std::fs::read_to_string(&lib).expect("lib.rs");
            std::fs::write(&lib, text).expect("touch");
            let start = Instant::now();
            assert!(run().success());
            start.elapsed().as_secs_f64()
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[1]
}

fn compile_cost(report: &mut Report) {
    let base = root().join("target/bench");
    let target = base.join("check-target");
    let (specs, _) = load_vendor_specs();
    let vendor_endpoints: usize = specs.iter().map(|s| s.spec.endpoints.0.len()).sum();
    let checked = check::check(specs).expect("specs check");
    let vendor_files =
        approval_codegen::render(&checked, Style::PrettyPlease, None).expect("renders");
    let vendor_dir = base.join("check-vendors");
    standalone_crate(&vendor_dir, &vendor_files, "\"full\"");
    let vendors = cargo_check_seconds(&vendor_dir, &target);
    let synthetic = load_text(&approval_tests::synthetic::spec(1_000));
    let synthetic = check::check(synthetic).expect("synthetic spec checks");
    let synthetic_files =
        approval_codegen::render(&synthetic, Style::PrettyPlease, None).expect("renders");
    let synthetic_dir = base.join("check-synthetic");
    standalone_crate(&synthetic_dir, &synthetic_files, "\"full\"");
    let thousand = cargo_check_seconds(&synthetic_dir, &target);
    let section = "generated-code cost (`cargo check` of the generated crate, dependencies warm)";
    report.row(
        section,
        &format!("4 vendor specs ({vendor_endpoints} endpoints)"),
        format!(
            "{:.2} s, {:.0} ms/endpoint",
            vendors,
            vendors * 1e3 / vendor_endpoints as f64
        ),
        "compile.vendors_seconds",
        json!(vendors),
    );
    report.row(
        section,
        "synthetic, 1,000 endpoints",
        format!("{:.1} s, {:.1} ms/endpoint", thousand, thousand),
        "compile.synthetic_1000_seconds",
        json!(thousand),
    );
}

/// `decode_response`, the call users make (status, envelope and payload), against parsing the
/// same bytes into `serde_json::Value`.
fn decode_response_rows(report: &mut Report, section: &str) {
    use approval_api::runtime::Endpoint;
    use approval_api::{fxiaoke_71360, ikcrm};
    type Case = (&'static str, &'static str, &'static str, fn(&[u8]));
    let cases: [Case; 3] = [
        (
            "ikcrm execute_records_detail (6.9 KB)",
            "ikcrm/execute_records_detail.response.json",
            "decoding.decode_response.ikcrm_ratio",
            |bytes| {
                black_box(
                    ikcrm::execute_records_detail::Request::decode_response(200, bytes)
                        .expect("decodes"),
                );
            },
        ),
        (
            "71360 approval/get",
            "fxiaoke_71360/approval_get.response.json",
            "decoding.decode_response.fxiaoke_71360_get_ratio",
            |bytes| {
                black_box(
                    fxiaoke_71360::approval_get::Request::decode_response(200, bytes)
                        .expect("decodes"),
                );
            },
        ),
        (
            "71360 approval/get, keys sorted (discriminant first)",
            "fxiaoke_71360/approval_get.response.json",
            "decoding.decode_response.fxiaoke_71360_get_sorted_ratio",
            |bytes| {
                black_box(
                    fxiaoke_71360::approval_get::Request::decode_response(200, bytes)
                        .expect("decodes"),
                );
            },
        ),
    ];
    for (what, fixture, key, decode) in cases {
        let text = approval_tests::fixture(fixture);
        // `sorted`: the same JSON compact with keys in order, so `approveType` precedes
        // `formRecord` and the form decodes straight from the input instead of via a buffer.
        let bytes = if key.ends_with("sorted_ratio") {
            serde_json::to_vec(&serde_json::from_str::<Value>(&text).expect("json")).expect("json")
        } else {
            text.into_bytes()
        };
        let (typed, value) = time_pair(
            || decode(&bytes),
            || serde_json::from_slice::<Value>(&bytes).expect("decodes"),
        );
        report.row(
            section,
            &format!("`decode_response`, {what}"),
            format!(
                "{:.1} µs, Value {:.1} µs: ×{:.2} the time of Value (target ≤ ×0.6)",
                typed.as_secs_f64() * 1e6,
                value.as_secs_f64() * 1e6,
                typed.as_secs_f64() / value.as_secs_f64()
            ),
            key,
            json!(typed.as_secs_f64() / value.as_secs_f64()),
        );
    }
}

fn decoding(report: &mut Report) {
    use approval_api::{feishu, ikcrm};
    let ikcrm_body = approval_tests::fixture("ikcrm/execute_records_detail.response.json");
    let typed = time(|| {
        serde_json::from_str::<ikcrm::errors::Envelope<ikcrm::types::ExecuteRecordDetail>>(
            &ikcrm_body,
        )
        .expect("decodes")
    });
    let value = time(|| serde_json::from_str::<Value>(&ikcrm_body).expect("decodes"));
    let section = "decoding (typed vs serde_json::Value, same bytes)";
    decode_response_rows(report, section);
    report.row(
        section,
        "ikcrm detail tree (6.9 KB), `Envelope<T>` only",
        format!(
            "typed {:.1} µs, Value {:.1} µs: typed takes ×{:.2} the time of Value",
            typed.as_secs_f64() * 1e6,
            value.as_secs_f64() * 1e6,
            typed.as_secs_f64() / value.as_secs_f64()
        ),
        "decoding.ikcrm_ratio",
        json!(typed.as_secs_f64() / value.as_secs_f64()),
    );
    let request: Value = serde_json::from_str(&approval_tests::fixture(
        "feishu/instance_create/request.json",
    ))
    .expect("json");
    let form = request["form"].as_str().expect("form").to_owned();
    let typed =
        time(|| serde_json::from_str::<Vec<feishu::types::Widget>>(&form).expect("decodes"));
    let value = time(|| serde_json::from_str::<Value>(&form).expect("decodes"));
    report.row(
        section,
        "Feishu form (5 widgets)",
        format!(
            "typed {:.2} µs, Value {:.2} µs: typed takes ×{:.2} the time of Value",
            typed.as_secs_f64() * 1e6,
            value.as_secs_f64() * 1e6,
            typed.as_secs_f64() / value.as_secs_f64()
        ),
        "decoding.feishu_form_ratio",
        json!(typed.as_secs_f64() / value.as_secs_f64()),
    );
}

/// Object fields in a JSON document, counting the documents inside JSON strings.
fn count_fields(value: &Value) -> usize {
    match value {
        Value::Object(map) => map.len() + map.values().map(count_fields).sum::<usize>(),
        Value::Array(items) => items.iter().map(count_fields).sum(),
        Value::String(text) if text.starts_with('[') || text.starts_with('{') => {
            serde_json::from_str::<Value>(text).map_or(0, |v| count_fields(&v))
        }
        _ => 0,
    }
}

fn validation(report: &mut Report) {
    use approval_api::{feishu, fxiaoke_71360};
    let section = "validation (documented requests)";
    let feishu_json = approval_tests::fixture("feishu/instance_create/request.json");
    let body: feishu::types::InstanceCreateBody =
        serde_json::from_str(&feishu_json).expect("decodes");
    let fields = count_fields(&serde_json::from_str(&feishu_json).expect("json"));
    let took = time(|| body.validate());
    report.row(
        section,
        &format!("Feishu create instance ({fields} fields)"),
        format!(
            "{:.0} ns, {:.1} ns/field",
            took.as_secs_f64() * 1e9,
            took.as_secs_f64() * 1e9 / fields as f64
        ),
        "validation.feishu_ns_per_field",
        json!(took.as_secs_f64() * 1e9 / fields as f64),
    );
    let query_json = approval_tests::fixture("fxiaoke_71360/approval_query.request.json");
    let query: fxiaoke_71360::types::ApprovalQueryBody =
        serde_json::from_str(&query_json).expect("decodes");
    let fields = count_fields(&serde_json::from_str(&query_json).expect("json"));
    let took = time(|| query.validate());
    report.row(
        section,
        &format!("71360 approval query ({fields} fields)"),
        format!(
            "{:.0} ns, {:.1} ns/field",
            took.as_secs_f64() * 1e9,
            took.as_secs_f64() * 1e9 / fields as f64
        ),
        "validation.query_ns_per_field",
        json!(took.as_secs_f64() * 1e9 / fields as f64),
    );
}

/// Feishu webhook intake: one ~1 KB v2 event, sealed as Feishu sends it, checked (signature,
/// timestamp window, token), decrypted and decoded into the generated typed `feishu::Event`
/// (and, for comparison, kept as `RawEvent`), on this one thread.
fn webhook(report: &mut Report) {
    use approval_api::feishu::Event;
    use approval_api_runtime::webhook::{self, Intake, RawEvent, Received};
    use std::time::{SystemTime, UNIX_EPOCH};
    let template: Value = serde_json::from_str(&approval_tests::fixture(
        "feishu/events/approval_approval_updated_v4.json",
    ))
    .expect("fixture");
    // Grow `process_obj` (a JSON string) until the plaintext is about 1 KB.
    let mut document = template.clone();
    let mut nodes = Vec::new();
    while serde_json::to_vec(&document).expect("json").len() < 1024 {
        nodes.push(json!({"id": format!("node{}", nodes.len()), "type": "APPROVAL"}));
        document["event"]["object"]["process_obj"] =
            Value::String(json!({ "lineList": nodes }).to_string());
    }
    let plaintext = serde_json::to_vec(&document).expect("json");
    let token = template["header"]["token"].as_str().expect("token");
    let now = SystemTime::now();
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let (headers, body) =
        webhook::seal(&plaintext, "bench encrypt key", seconds, "nonce", [7; 16]).expect("seals");
    let intake = Intake::with_encrypt_key("bench encrypt key").verification_token(token);
    let typed = intake.receive::<Event>(&headers, &body, now);
    assert!(
        matches!(&typed, Ok(Received::Event(d)) if matches!(d.event, Event::ApprovalUpdated(_))),
        "{typed:?}"
    );
    let once = intake.receive::<RawEvent>(&headers, &body, now);
    assert!(matches!(once, Ok(Received::Event(_))), "{once:?}");
    let mut row = |payload: &str, key: &str, took: Duration| {
        let per_second = 1.0 / took.as_secs_f64();
        report.row(
            "webhook intake (one core)",
            &format!(
                "v2 event, {} B plaintext, {} B encrypted body: signature + timestamp + decrypt + token + envelope + {payload}",
                plaintext.len(),
                body.len()
            ),
            format!(
                "{:.2} µs/event, {:.0} events/s (target ≥ 100,000)",
                took.as_secs_f64() * 1e6,
                per_second
            ),
            key,
            json!(per_second),
        );
    };
    // Alternated, best of three, so that load from other processes does not favour one of them.
    let (mut typed, mut raw) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        typed = typed.min(time(|| intake.receive::<Event>(&headers, &body, now)));
        raw = raw.min(time(|| intake.receive::<RawEvent>(&headers, &body, now)));
    }
    row("typed `feishu::Event`", "webhook.events_per_second", typed);
    row(
        "`RawEvent` (JSON kept, not typed)",
        "webhook.raw_events_per_second",
        raw,
    );
    let event_json = serde_json::to_string(&document["event"]).expect("json");
    let took = time(|| Event::parse("approval.approval.updated_v4", &event_json));
    report.row(
        "webhook intake (one core)",
        &format!(
            "of which `feishu::Event::parse` of the {} B `event` object alone",
            event_json.len()
        ),
        format!("{:.2} µs/event", took.as_secs_f64() * 1e6),
        "webhook.typed_decode_ns",
        json!(took.as_secs_f64() * 1e9),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, n] = args.as_slice()
        && flag == "--scale-one"
    {
        scale_one(n.parse().expect("a number of endpoints"));
        return;
    }
    if let [flag, specs, out] = args.as_slice()
        && flag == "--generate"
    {
        progenitor::generate_child(Path::new(specs), Path::new(out));
        return;
    }
    let skip_compile = args.iter().any(|a| a == "--no-compile");
    // `--only decoding,webhook`: just those sections (for a quick look; the table says which).
    let only: Option<Vec<&str>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|at| args.get(at + 1))
        .map(|list| list.split(',').collect());
    let wanted = |section: &str| only.as_ref().is_none_or(|only| only.contains(&section));
    let mut report = Report {
        rows: Vec::new(),
        json: serde_json::Map::new(),
    };
    if args
        .windows(2)
        .any(|w| w[0] == "--against" && w[1] == "progenitor")
    {
        progenitor::against(&mut report, &args);
        write_report(report, "bench-progenitor.json");
        return;
    }
    if let Some(other) = args
        .iter()
        .position(|a| a == "--against")
        .map(|i| args.get(i + 1))
    {
        eprintln!("error: --against takes `progenitor`, not {other:?}");
        std::process::exit(2);
    }
    type Section = (&'static str, fn(&mut Report));
    let sections: [Section; 8] = [
        ("generation", generation),
        ("chain", chain_scaling),
        ("scaling", scaling),
        ("compile", compile_cost),
        ("decoding", decoding),
        ("validation", validation),
        ("webhook", webhook),
        ("client", client::client),
    ];
    for (name, run) in sections {
        if wanted(name) && !(skip_compile && name == "compile") {
            run(&mut report);
        }
    }
    write_report(report, "bench.json");
}

/// Prints the table and writes the JSON under `target/bench/`.
fn write_report(report: Report, json_name: &str) {
    print_table(&report);
    let out = root().join("target/bench").join(json_name);
    std::fs::create_dir_all(out.parent().expect("parent")).expect("target/bench");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&Value::Object(report.json)).expect("json"),
    )
    .expect("writes JSON");
    println!("\nJSON: {}", out.display());
}

fn print_table(report: &Report) {
    println!("| section | measurement | figure |\n|---|---|---|");
    for (section, what, figure) in &report.rows {
        println!("| {section} | {what} | {figure} |");
    }
}
