//! The batch engine against the per-row oracles `mqci::assess` and `mqci::derive_indicators`,
//! on random tables; every missing-cell form under both policies; bad cells kept as errors.

use mqci::model::Indicator;
use mqci::number::Figure;
use mqci::ordered::OrderedMap;
use mqci::{assess, default_methodology, Input, Options};
use mqci_batch::mapping::{raw_figures, suggest, Mapping};
use mqci_batch::score::{
    derive, score, score_table, BatchResult, NumericTable, Policy, Values, MISSING_FORMS, NA,
    SUB_IDS,
};
use mqci_batch::table::{Cell, Table};

/// xorshift64*: a small deterministic generator (no dependency for a test's random rows).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random indicator value: inside and beyond the worst–best span, on round and ragged
/// decimals, sometimes a fraction (for the percent warning), sometimes 0.
fn random_value(rng: &mut Rng, i: Indicator) -> f64 {
    let m = default_methodology(Options::default());
    let p = m.indicator(i).unwrap();
    let (lo, hi) = (p.worst.min(p.best), p.worst.max(p.best));
    let span = hi - lo;
    let x = match rng.below(6) {
        0 => rng.unit(),
        1 => 0.0,
        2 => lo + span * rng.unit(),
        3 => (lo + span * rng.unit() * 100.0).round() / 100.0,
        _ => (lo - span * 0.3 + span * 1.6 * rng.unit()).max(0.0),
    };
    x.min(i.unit().max_value())
}

fn compare_row(v: &Values, r: usize, out: &BatchResult) {
    let m = default_methodology(Options::default());
    let mut input = Input::default();
    for i in Indicator::ALL {
        let x = v.values[i as usize][r];
        if x == NA {
            input.not_applicable.push(i.id().to_string());
        } else if !x.is_nan() {
            input.values.insert(i.id().to_string(), Figure::Number(x));
        }
    }
    let a = match assess(&input, &m) {
        Ok(a) => a,
        Err(e) => {
            // A whole secondary not applicable: refused by both, the row kept with its error.
            let ours: Vec<_> = out.errors.iter().filter(|x| x.row == r).collect();
            assert_eq!(ours.len(), 1, "row {r}: {e}");
            assert_eq!(ours[0].error.code(), e.code(), "row {r}");
            assert!(out.index[r].is_nan());
            return;
        }
    };
    let opt = |x: f64| (!x.is_nan()).then_some(x);
    assert_eq!(opt(out.index[r]), a.index, "row {r}: index");
    match a.range {
        Some(range) => assert_eq!((out.min[r], out.max[r]), (range.min, range.max), "row {r}"),
        None => assert_eq!((out.min[r], out.max[r]), (out.index[r], out.index[r])),
    }
    let band = (out.band[r] != 255).then(|| m.bands[out.band[r] as usize].id.clone());
    assert_eq!(band, a.band.map(|b| b.id), "row {r}: band");
    for (k, id) in SUB_IDS.iter().enumerate() {
        let expected = a
            .secondary
            .get(*id)
            .or_else(|| a.tertiary.get(*id))
            .copied()
            .flatten();
        assert_eq!(opt(out.sub[r * 8 + k]), expected, "row {r}: {id}");
    }
    for i in Indicator::ALL {
        let expected = a.indicators.get(i.id()).unwrap().score;
        assert_eq!(
            opt(out.scores[r * 12 + i as usize]),
            expected,
            "row {r}: {}",
            i.id()
        );
    }
    let warned: Vec<String> = out
        .warnings
        .iter()
        .filter(|w| w.row == r)
        .map(|w| format!("{}:{}", w.code, w.indicator.map_or("", |i| i.id())))
        .collect();
    let expected: Vec<String> = a
        .warnings
        .iter()
        .map(|w| match w.code.id() {
            "partial_basis" => "partial_basis:".to_string(),
            code => format!("{code}:{}", w.field.trim_start_matches("values.")),
        })
        .collect();
    assert_eq!(warned, expected, "row {r}: warnings");
    assert_eq!(out.missing[r] as usize, a.missing.len(), "row {r}: missing");
}

#[test]
fn random_rows_score_as_assess_does() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let rows = 3000;
    let values: [Vec<f64>; 12] = std::array::from_fn(|k| {
        let i = Indicator::ALL[k];
        (0..rows)
            .map(|r| {
                // The first 1000 rows are complete; after that ~15 % of cells are missing, and
                // from row 2000 on ~15 % more are not applicable.
                if r >= 1000 && rng.below(100) < 15 {
                    f64::NAN
                } else if r >= 2000 && rng.below(100) < 15 {
                    NA
                } else {
                    random_value(&mut rng, i)
                }
            })
            .collect()
    });
    let v = Values {
        rows,
        values: values.map(std::borrow::Cow::Owned),
        percent: Default::default(),
        derived: [false; 12],
    };
    let out = score(&v, &default_methodology(Options::default()));
    assert!(out.index[..1000].iter().all(|x| !x.is_nan()));
    assert!(out.index[1000..].iter().any(|x| x.is_nan()));
    for r in 0..rows {
        compare_row(&v, r, &out);
    }
    for options in [Options {
        standardization: mqci::methodology::Standardization::Exponential,
        ..Options::default()
    }] {
        let m = default_methodology(options);
        let out = score(&v, &m);
        for r in 0..200 {
            let mut input = Input::default();
            for i in Indicator::ALL {
                let x = v.values[i as usize][r];
                if !x.is_nan() {
                    input.values.insert(i.id().to_string(), Figure::Number(x));
                }
            }
            let a = assess(&input, &m).unwrap();
            assert_eq!(
                (!out.index[r].is_nan()).then_some(out.index[r]),
                a.index,
                "row {r}"
            );
        }
    }
}

/// Random raw figures, derived column by column, equal `mqci::derive_indicators` per row.
#[test]
fn random_raw_figures_derive_as_the_core_does() {
    let mut rng = Rng(0xDE41_7E00_0000_0042);
    let raw = raw_figures();
    let rows = 2000;
    let mut t = NumericTable {
        rows,
        raw: vec![None; raw.len()],
        raw_column: (0..raw.len()).map(Some).collect(),
        ..NumericTable::default()
    };
    let total = raw.iter().position(|r| r.id == "totalOutput").unwrap();
    for (n, f) in raw.iter().enumerate() {
        let col: Vec<f64> = (0..rows)
            .map(|_| {
                let base = if f.unit == "万元" { 1e5 } else { 200.0 };
                match rng.below(10) {
                    0 => f64::NAN,
                    1 => 0.0,
                    _ => (base * rng.unit() * 100.0).round() / 100.0,
                }
            })
            .collect();
        t.raw[n] = Some(col);
    }
    // Keep numerators mostly below their denominators so most rows derive cleanly.
    for (n, f) in raw.iter().enumerate() {
        if f.uses.iter().any(|(_, k)| *k == "numerator") && f.unit != "万元" && n != total {
            if let Some(col) = t.raw[n].as_mut() {
                col.iter_mut().for_each(|x| *x /= 3.0);
            }
        }
    }
    let (values, errors) = derive(&t, &raw);
    let mut compared = 0;
    for r in 0..rows {
        for i in Indicator::ALL {
            let spec = mqci::derive::raw_spec(i);
            let mut fields = OrderedMap::new();
            for f in &spec.fields {
                let n = raw
                    .iter()
                    .position(|x| x.uses.contains(&(i, f.key)))
                    .unwrap();
                let x = t.raw[n].as_ref().unwrap()[r];
                if !x.is_nan() {
                    fields.insert(f.key.to_string(), Figure::Number(x));
                }
            }
            let parts_given = spec.fields[..spec.fields.len() - 1]
                .iter()
                .any(|f| fields.contains_key(f.key));
            let mut input = OrderedMap::new();
            input.insert(i.id().to_string(), fields);
            let core = mqci::derive_indicators(&input);
            let ours = values.values[i as usize][r];
            let our_error = errors.iter().find(|e| {
                e.row == r && {
                    let cols: Vec<usize> = spec
                        .fields
                        .iter()
                        .map(|f| {
                            raw.iter()
                                .position(|x| x.uses.contains(&(i, f.key)))
                                .unwrap()
                        })
                        .collect();
                    cols.contains(&e.column) && e.error.field() == spec.fields.last().unwrap().zh
                        || e.error.field() == spec.fields[0].zh && cols.contains(&e.column)
                }
            });
            match core {
                Ok(map) => {
                    let expected = map.get(i.id()).copied();
                    assert_eq!(
                        (!ours.is_nan()).then_some(ours),
                        expected,
                        "row {r} {}",
                        i.id()
                    );
                    compared += 1;
                }
                Err(e) if !parts_given => {
                    // With no numerator the core refuses the figures (a missing numerator, or
                    // a zero denominator); in a table an empty numerator is a missing value.
                    assert!(["missing", "zero_denominator"].contains(&e.code()), "{e}");
                    assert!(ours.is_nan());
                }
                Err(e) => {
                    assert!(ours.is_nan(), "row {r} {}: {e}", i.id());
                    let ours = our_error.unwrap_or_else(|| panic!("row {r} {}: {e}", i.id()));
                    assert_eq!(ours.error.code(), e.code(), "row {r} {}", i.id());
                }
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
}

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    let mut all = vec![headers
        .iter()
        .map(|h| Cell::Text((*h).into()))
        .collect::<Vec<_>>()];
    for r in rows {
        all.push(
            r.iter()
                .map(|c| {
                    if c.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text((*c).into())
                    }
                })
                .collect(),
        );
    }
    Table::from_rows(all, 0)
}

#[test]
fn every_missing_form_under_both_policies() {
    let m = default_methodology(Options::default());
    let full = [
        "100", "60", "90", "1.0", "95", "97", "2.5", "4", "0.05", "20", "10", "25",
    ];
    let headers: Vec<&str> = Indicator::ALL.iter().map(|i| i.id()).collect();
    for form in MISSING_FORMS {
        let mut row = full;
        row[5] = form; // export_inspection_pass_rate
        let t = table(&headers, &[&full, &row]);
        let mapping = suggest(&t.headers);
        let missing = score_table(&t, &mapping, Policy::Missing, &m);
        assert!(missing.errors.is_empty(), "{form:?}: {:?}", missing.errors);
        assert!(missing.index[1].is_nan(), "{form:?}: a range");
        assert!(missing.min[1] < missing.max[1]);
        assert_eq!(missing.missing[1], 1);
        let na = score_table(&t, &mapping, Policy::NotApplicable, &m);
        assert!(!na.index[1].is_nan(), "{form:?}: scored without it");
        assert_eq!(na.not_applicable[1], 1 << 5);
        let w: Vec<_> = na.warnings.iter().filter(|w| w.row == 1).collect();
        assert_eq!((w.len(), w[0].code, w[0].value), (1, "partial_basis", 11.0));
        // supervision_inspection rests on spot_check_pass_rate alone: 60 + 40·(95−80)/19.
        assert_eq!(na.sub[8 + 4], 91.58);
        assert_eq!(na.index[0], missing.index[0]);
    }
}

#[test]
fn bad_cells_are_errors_and_rows_are_kept() {
    let m = default_methodology(Options::default());
    let t = table(
        &[
            "企业名称",
            "产品监督抽查合格率",
            "质量损失率",
            "工业总产值",
            "内部损失成本",
        ],
        &[
            &["甲", "abc", "1.2", "", ""],
            &["乙", "101", "1,5", "100", "200"],
            &["丙", "95%", "0.8", "0", "3"],
            &["丁", "=1+1", "2", "1000", "5"],
            &["戊", "90", "", "0", "3"],
        ],
    );
    let mapping: Mapping = suggest(&t.headers);
    let out = score_table(&t, &mapping, Policy::Missing, &m);
    assert_eq!(out.rows, 5);
    assert_eq!(out.index.len(), 5);
    let got: Vec<(usize, usize, &str, Option<&str>)> = out
        .errors
        .iter()
        .map(|e| (e.row, e.column, e.error.code(), e.error.value()))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 1, "not_a_number", Some("abc")),
            (1, 1, "above_maximum", Some("101")),
            (1, 2, "ambiguous", Some("1,5")),
            (3, 1, "not_a_number", Some("=1+1")),
            (4, 3, "zero_denominator", Some("0")),
        ]
    );
    // 乙: its 质量损失率 is bad, so it is not derived from the raw figures (200 > 100 would be a
    // second error); 丙 and 丁 have it given: the given value wins over the raw figures.
    assert_eq!(
        out.values[3 * 12 + Indicator::QualityLossRate as usize],
        2.0
    );
    assert_eq!(
        out.values[2 * 12 + Indicator::SpotCheckPassRate as usize],
        95.0
    );
}
