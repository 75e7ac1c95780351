//! Measures the batch engine natively (a benchmark, not a test):
//! `cargo run --profile batch -p mqci-batch --example speed [rows]` (the module's own
//! profile, opt-level 3; `--release` is the engines' `opt-level = "z"`).
//! Prints rows/s for reading a CSV, scoring it columnar, and one `mqci::assess` per row.

use std::time::Instant;

use mqci::model::Indicator;
use mqci::number::Figure;
use mqci::{assess, default_methodology, Input, Options};
use mqci_batch::mapping::suggest;
use mqci_batch::read::{read_table, ReadOptions};
use mqci_batch::score::{score_table, Policy};

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let m = default_methodology(Options::default());
    let mut csv = String::from("企业名称,行业,街道");
    for i in Indicator::ALL {
        csv.push(',');
        csv.push_str(&m.indicator(i).map(|p| p.zh.clone()).unwrap_or_default());
    }
    csv.push('\n');
    let mut seed = 0x1234_5678_9ABC_DEF1u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for r in 0..rows {
        csv.push_str(&format!("企业{r},C{},街道{}", r % 31, r % 17));
        for i in Indicator::ALL {
            let p = m.indicator(i).unwrap();
            let x = p.worst + (p.best - p.worst) * (next() * 1.2 - 0.1);
            let x = (x.max(0.0) * 100.0).round() / 100.0;
            if next() < 0.05 {
                csv.push_str(",—");
            } else {
                csv.push_str(&format!(",{x}"));
            }
        }
        csv.push('\n');
    }
    let bytes = csv.into_bytes();
    println!("{rows} rows, {:.1} MB of CSV", bytes.len() as f64 / 1e6);

    let t0 = Instant::now();
    let (table, _) = read_table(&bytes, "speed.csv", &ReadOptions::default()).unwrap();
    let t_read = t0.elapsed().as_secs_f64();
    let mapping = suggest(&table.headers);
    let t1 = Instant::now();
    let numeric = mqci_batch::score::NumericTable::from_table(&table, &mapping, Policy::Missing);
    let t_cells = t1.elapsed().as_secs_f64();
    let t1b = Instant::now();
    let _ = mqci_batch::score::score_numeric(&numeric, &mapping, &m);
    let t_only = t1b.elapsed().as_secs_f64();
    println!("  of which reading the cells {t_cells:.3} s, derive + score {t_only:.3} s");
    let t1 = Instant::now();
    let out = score_table(&table, &mapping, Policy::Missing, &m);
    let t_score = t1.elapsed().as_secs_f64();
    let scored = out.index.iter().filter(|x| !x.is_nan()).count();
    println!(
        "read {:.3} s ({:.0} rows/s); score (parse cells + score) {:.3} s ({:.0} rows/s); {scored} complete",
        t_read,
        rows as f64 / t_read,
        t_score,
        rows as f64 / t_score
    );

    let t = Instant::now();
    let csv = mqci_batch::export::export_csv(&table, &out, &m, Policy::Missing, &[]);
    let t_csv = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let numeric = mqci_batch::score::NumericTable::from_table(&table, &mapping, Policy::Missing);
    let groups = mapping.group_columns();
    let regions = mqci_batch::region::regions(&table, &numeric, &mapping, &out, &groups, &m);
    let t_regions = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let meta = mqci_batch::export::ExportMeta {
        date: "2026-12-01".into(),
        input_name: "speed.csv".into(),
        input_digest: mqci_batch::export::digest(&bytes),
        policy: Policy::Missing,
        corrections: Vec::new(),
    };
    let xlsx =
        mqci_batch::export::export_xlsx(&table, &mapping, &out, &regions, &m, &meta).unwrap();
    let t_xlsx = t.elapsed().as_secs_f64();
    println!(
        "regions ({} groups) {t_regions:.3} s; export CSV {t_csv:.3} s ({:.1} MB); XLSX {t_xlsx:.3} s ({:.1} MB)",
        regions.len(),
        csv.len() as f64 / 1e6,
        xlsx.len() as f64 / 1e6
    );

    let t2 = Instant::now();
    let mut same = 0;
    for r in 0..rows {
        let mut input = Input::default();
        for i in Indicator::ALL {
            let x = out.values[r * 12 + i as usize];
            if x.is_finite() {
                input.values.insert(i.id().to_string(), Figure::Number(x));
            }
        }
        if let Ok(a) = assess(&input, &m) {
            if a.index == (!out.index[r].is_nan()).then_some(out.index[r]) {
                same += 1;
            }
        }
    }
    let t_assess = t2.elapsed().as_secs_f64();
    println!(
        "one mqci::assess per row {:.3} s ({:.0} rows/s), {same}/{rows} equal; columnar is {:.1}× faster",
        t_assess,
        rows as f64 / t_assess,
        t_assess / t_score
    );
}
