//! Times the batch engine's phases natively on the CSV of `tests/bench/batch.mjs` (a
//! benchmark, not a test; for profiling, e.g. under `perf record`):
//! `cargo run --profile batch -p mqci-batch --example phases [rows] [repeats]`.
//! Prints the median of each phase: read (bytes → table and its mapping), cells (mapped cells
//! → numbers), derive, score, ranks. On glibc, `MALLOC_MMAP_THRESHOLD_=4294967296
//! MALLOC_TRIM_THRESHOLD_=8589934592` keeps freed memory for reuse, as the WebAssembly module
//! does (otherwise every repeat also pays fresh pages).

use std::time::Instant;

use mqci::{default_methodology, Options};
use mqci_batch::mapping::Mapping;
use mqci_batch::read::{read_table, ReadOptions};
use mqci_batch::score::{score_numeric, NumericTable, Policy};
use mqci_batch::summary::ranks;

/// The bench's CSV (tests/bench/batch.mjs `makeCsv`, same generator and columns).
fn make_csv(n: usize) -> Vec<u8> {
    let heads = [
        "企业名称",
        "街道",
        "产品质量等级品率",
        "微电子控制设备比重",
        "质量管理体系认证率",
        "质量损失率",
        "产品监督抽查合格率",
        "出口商品检验合格率",
        "研究与试验发展经费比重",
        "技术改造经费比重",
        "每百万元产值拥有专利数",
        "新产品销售比重",
        "平均产品销售收入",
        "国际市场销售率",
    ];
    let lo = [
        50.0, 30.0, 30.0, 0.5, 80.0, 99.5, 0.5, 0.1, 0.001, 5.0, 0.2, 2.0,
    ];
    let hi = [
        120.0, 80.0, 95.0, 3.0, 99.0, 99.95, 3.0, 1.0, 0.02, 35.0, 10.0, 30.0,
    ];
    let mut s: u32 = 12345;
    let mut r = || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        s as f64 / 4294967296.0
    };
    let streets = ["东城街道", "西城街道", "南湖街道", "高新园区"];
    let mut out = heads.join(",");
    out.push_str("\r\n");
    for i in 0..n {
        out.push_str(&format!("企业{}有限公司,{}", i + 1, streets[i % 4]));
        for k in 0..12 {
            let span = hi[k] - lo[k];
            let cap = if k == 0 || (k >= 8 && k != 9 && k != 11) {
                f64::INFINITY
            } else {
                100.0
            };
            let v = (lo[k] - span * 0.1 + r() * span * 1.2).min(cap).max(0.0);
            let digits = if k == 8 { 4 } else { 2 };
            out.push_str(&format!(",{v:.digits$}"));
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let repeats: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let bytes = make_csv(rows);
    let m = default_methodology(Options::default());
    println!(
        "{rows} rows, {:.1} MB of CSV, median of {repeats}",
        bytes.len() as f64 / 1e6
    );
    let (mut read, mut cells, mut derived, mut score, mut rank) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut complete = 0;
    for _ in 0..repeats {
        let t = Instant::now();
        let (table, _) = read_table(&bytes, "bench.csv", &ReadOptions::default()).unwrap();
        let mapping = Mapping::for_table(&table);
        read.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let numeric = NumericTable::from_table(&table, &mapping, Policy::Missing);
        cells.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let (values, _) = mqci_batch::score::derive(&numeric, &mapping.raw);
        derived.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = mqci_batch::score::score(&values, &m);
        score.push(t.elapsed().as_secs_f64() * 1e3);
        // As the module does it (derive, score and the errors merged), for the ranks.
        let result = score_numeric(&numeric, &mapping, &m);
        let t = Instant::now();
        let r = ranks(&result.index);
        rank.push(t.elapsed().as_secs_f64() * 1e3);
        complete = r.iter().filter(|&&x| x > 0).count();
    }
    let (a, b, c, d, e) = (
        median(read),
        median(cells),
        median(derived),
        median(score),
        median(rank),
    );
    println!(
        "read {a:.1} ms, cells {b:.1} ms, derive {c:.1} ms, score {d:.1} ms, ranks {e:.1} ms; total {:.1} ms; {complete} complete",
        a + b + c + d + e
    );
}
