//! Times the packed-column path natively (a benchmark, not a test):
//! `cargo run --release -p mqci-batch --example packed [rows]`.
use std::time::Instant;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let m = mqci::default_methodology(mqci::Options::default());
    let ids: Vec<String> = mqci::model::Indicator::ALL
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    let mut packed = vec![0.0; rows * 12];
    for (c, i) in mqci::model::Indicator::ALL.iter().enumerate() {
        let p = m.indicator(*i).unwrap();
        for r in 0..rows {
            packed[c * rows + r] =
                p.worst + (p.best - p.worst) * ((r * 7 + c * 13) % 100) as f64 / 100.0;
        }
    }
    let raw = mqci_batch::mapping::raw_figures();
    for _ in 0..3 {
        let t0 = Instant::now();
        let numeric =
            mqci_batch::score::NumericTable::from_packed(&packed, &ids, rows, &raw).unwrap();
        let t1 = Instant::now();
        let mapping = mqci_batch::mapping::Mapping {
            columns: Vec::new(),
            raw: raw.clone(),
        };
        let (values, _) = mqci_batch::score::derive(&numeric, &mapping.raw);
        let t2 = Instant::now();
        let out = mqci_batch::score::score(&values, &m);
        let t3 = Instant::now();
        println!(
            "{rows} rows × 12: check {:.1} ms, derive {:.1} ms, score {:.1} ms ({} complete)",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3,
            out.index.iter().filter(|x| !x.is_nan()).count()
        );
    }
}
