//! Native timing of the three parts of an `assess` call that run in Rust (reading the input
//! value, the assessment, writing the result tape), for finding where the time goes:
//! `cargo run --release --example assess_speed` (add `CARGO_PROFILE_RELEASE_DEBUG=true` and run
//! the binary under `perf record` for a profile). The browser figure is `tests/bench/assess.mjs`.
use mqci::value::Value;
use std::time::Instant;
fn main() {
    // The twelve figures of tests/bench/assess.mjs, as typed (strings).
    let m = mqci::default_methodology(mqci::Options::default());
    let vals = [
        ("grade_product_rate", "96.5"),
        ("microelectronic_equipment_share", "58"),
        ("qms_certification_rate", "72"),
        ("quality_loss_rate", "1.2"),
        ("spot_check_pass_rate", "93.7"),
        ("export_inspection_pass_rate", "99.8"),
        ("rd_expenditure_share", "1.7"),
        ("renovation_expenditure_share", "0.4"),
        ("patents_per_million_output", "0.012"),
        ("new_product_sales_share", "21"),
        ("avg_sales_revenue", "3.2"),
        ("export_sales_share", "12"),
    ];
    let v = Value::Object(vec![
        (
            "values".into(),
            Value::Object(
                vals.iter()
                    .map(|(k, x)| (k.to_string(), Value::String(x.to_string())))
                    .collect(),
            ),
        ),
        ("scores".into(), Value::Object(vec![])),
    ]);
    let n = 200_000;
    let mut acc = 0.0;
    let t = Instant::now();
    for _ in 0..n {
        let i = mqci::Input::from_value(&v).expect("a valid input");
        acc += i.values.len() as f64;
    }
    let read = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let input = mqci::Input::from_value(&v).expect("a valid input");
    let t = Instant::now();
    for _ in 0..n {
        let r = mqci::assess(&input, &m).expect("a valid input");
        acc += r.index.expect("a valid input");
    }
    let comp = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let r = mqci::assess(&input, &m).expect("a valid input");
    let t = Instant::now();
    for _ in 0..n {
        let tp = mqci::tape::to_tape(&r).expect("a valid input");
        acc += tp.nums.len() as f64;
    }
    let tape = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!(
        "tape: {} entries, {} bytes of text",
        tape_len(&r).0,
        tape_len(&r).1
    );
    println!("from_value {read:.3} µs  assess {comp:.3} µs  tape {tape:.3} µs  ({acc})");
}

fn tape_len(r: &mqci::Assessment) -> (usize, usize) {
    let t = mqci::tape::to_tape(r).expect("a tape");
    (t.nums.len(), t.text.len())
}
