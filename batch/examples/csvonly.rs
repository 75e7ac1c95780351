use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/tmp/speed-bench.csv").unwrap();
    for _ in 0..5 {
        let t = Instant::now();
        let _ = std::str::from_utf8(text.as_bytes()).unwrap();
        let a = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rec = csv::StringRecord::new();
        let mut n = 0usize;
        while r.read_record(&mut rec).unwrap() {
            n += rec.len();
        }
        let b = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rec = csv::ByteRecord::new();
        while r.read_byte_record(&mut rec).unwrap() {
            n += rec.len();
        }
        let c = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let (tb, _) =
            mqci_batch::read::read_table(text.as_bytes(), "x.csv", &Default::default()).unwrap();
        let d = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "utf8 {a:.1} string-records {b:.1} byte-records {c:.1} read_table {d:.1} ({n} {})",
            tb.rows
        );
    }
}
