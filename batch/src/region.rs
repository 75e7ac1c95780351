//! The region's own index from its enterprises' raw figures, the way official statistics
//! aggregate (docs/methodology.md §2): each indicator of the region is Σ numerators ÷
//! Σ denominators over the enterprises that report both (质量损失率 = Σ(内部 + 外部损失成本) ÷
//! Σ工业总产值 × 100, 平均产品销售收入 = Σ产品销售收入 ÷ number of enterprises, …), computed with
//! `mqci::derive_indicators` on the sums, then assessed with `mqci::assess`. Beside it: the
//! mean and the median of the enterprises' own indices.
//!
//! Why they differ: the region's ratio weights each enterprise by its denominator (a large
//! plant's 质量损失率 counts for more), the mean of indices weights every enterprise alike and
//! passes each ratio through the clamped 60–100 scale first; the median ignores the tails.
//! An enterprise given a ready indicator value (not its raw figures) cannot enter a sum: it
//! counts in the mean and median but not in that indicator of the region ([`RegionResult::used`]).

use mqci::model::Indicator;
use mqci::number::Figure;
use mqci::ordered::OrderedMap;
use mqci::{Assessment, Methodology};

use crate::mapping::Mapping;
use crate::score::{BatchResult, NumericTable, NA};
use crate::table::Table;

/// The region (or one group of it) in figures.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionResult {
    /// The grouping column (`None` for the whole region).
    pub column: Option<usize>,
    /// The group's value in that column (`None` for the whole region).
    pub group: Option<String>,
    /// Enterprises (rows) in the group.
    pub rows: usize,
    /// Enterprises with a complete index.
    pub complete: usize,
    /// Per indicator, the enterprises whose raw figures entered the sums.
    pub used: [usize; 12],
    /// The sums, per indicator, field key → Σ (in the unit of `mqci::derive`).
    pub sums: Vec<(Indicator, Vec<(&'static str, f64)>)>,
    /// The region's indicator values (Σ numerators ÷ Σ denominators).
    pub values: OrderedMap<String, f64>,
    /// The region's assessment from those values; `None` if the sums could not be assessed.
    pub assessment: Option<Assessment>,
    /// Mean of the complete enterprises' indices (2 decimals).
    pub mean: Option<f64>,
    /// Median of the complete enterprises' indices (2 decimals).
    pub median: Option<f64>,
}

/// Mean and median (each rounded half-up to 2 decimals) of the non-NaN values.
pub fn mean_median(xs: impl Iterator<Item = f64>) -> (Option<f64>, Option<f64>) {
    let mut v: Vec<f64> = xs.filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return (None, None);
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let mean = v.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    (
        Some(mqci::decimal::round2(mean)),
        Some(mqci::decimal::round2(median)),
    )
}

/// One group's sums and assessment. `rows` are the data rows in the group.
fn region_of(
    rows: &[usize],
    numeric: &NumericTable,
    mapping: &Mapping,
    result: &BatchResult,
    m: &Methodology,
) -> RegionResult {
    let mut used = [0usize; 12];
    let mut sums = Vec::new();
    let mut raw_input: OrderedMap<String, OrderedMap<String, Figure>> = OrderedMap::new();
    for i in Indicator::ALL {
        let spec = mqci::derive::raw_spec(i);
        let cols: Vec<Option<&Vec<f64>>> = spec
            .fields
            .iter()
            .map(|f| {
                mapping
                    .raw
                    .iter()
                    .position(|r| r.uses.contains(&(i, f.key)))
                    .and_then(|n| numeric.raw.get(n))
                    .and_then(Option::as_ref)
            })
            .collect();
        let mut total = vec![0.0; spec.fields.len()];
        let mut n = 0;
        let direct = numeric.indicators[i as usize].as_ref();
        for &r in rows {
            // The enterprise's value came from its raw figures (not given, not an error).
            let value = result.values[r * 12 + i as usize];
            let given = direct.is_some_and(|d| !d[r].is_nan() && d[r] != NA);
            if !value.is_finite() || given {
                continue;
            }
            n += 1;
            for (k, c) in cols.iter().enumerate() {
                let x = match c {
                    Some(c) => c[r],
                    // No 企业数 column: one enterprise per row.
                    None if i == Indicator::AvgSalesRevenue && k == 1 => 1.0,
                    None => f64::NAN,
                };
                if x.is_finite() {
                    total[k] += x;
                }
            }
        }
        used[i as usize] = n;
        if n == 0 {
            continue;
        }
        let fields: Vec<(&'static str, f64)> =
            spec.fields.iter().map(|f| f.key).zip(total).collect();
        raw_input.insert(
            i.id().to_string(),
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
                .collect(),
        );
        sums.push((i, fields));
    }
    let values = mqci::derive_indicators(&raw_input).unwrap_or_default();
    let input = mqci::Input {
        values: values
            .iter()
            .map(|(k, v)| (k.clone(), Figure::Number(*v)))
            .collect(),
        ..mqci::Input::default()
    };
    let assessment = mqci::assess(&input, m).ok();
    let (mean, median) = mean_median(rows.iter().map(|&r| result.index[r]));
    RegionResult {
        column: None,
        group: None,
        rows: rows.len(),
        complete: rows.iter().filter(|&&r| !result.index[r].is_nan()).count(),
        used,
        sums,
        values,
        assessment,
        mean,
        median,
    }
}

/// The whole region, then every group of each grouping column (groups in order of first
/// appearance; an empty cell is the group `""`).
pub fn regions(
    table: &Table,
    numeric: &NumericTable,
    mapping: &Mapping,
    result: &BatchResult,
    group_columns: &[usize],
    m: &Methodology,
) -> Vec<RegionResult> {
    let all: Vec<usize> = (0..result.rows).collect();
    let mut out = vec![region_of(&all, numeric, mapping, result, m)];
    for &c in group_columns {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for r in 0..table.rows.min(result.rows) {
            let key = table.cell(r, c).text().trim().to_string();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rows)) => rows.push(r),
                None => groups.push((key, vec![r])),
            }
        }
        for (key, rows) in groups {
            let mut g = region_of(&rows, numeric, mapping, result, m);
            g.column = Some(c);
            g.group = Some(key);
            out.push(g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::suggest;
    use crate::score::{score_numeric, Policy};
    use crate::table::Cell;
    use mqci::{default_methodology, Options};

    #[test]
    fn mean_and_median_by_hand() {
        assert_eq!(
            mean_median([80.0, 90.0, 85.5, f64::NAN].into_iter()),
            (Some(85.17), Some(85.5))
        );
        assert_eq!(
            mean_median([70.0, 90.0, 85.0, 75.0].into_iter()),
            (Some(80.0), Some(80.0))
        );
        assert_eq!(mean_median([f64::NAN].into_iter()), (None, None));
    }

    /// Five enterprises in two streets, figures checked by hand.
    #[test]
    fn five_enterprises_by_hand() {
        let rows: &[&[&str]] = &[
            &[
                "企业名称",
                "街道",
                "工业总产值（万元）",
                "内部损失成本",
                "外部损失成本",
                "抽查批次",
                "抽查合格批次",
            ],
            &["甲", "A街道", "1000", "10", "5", "10", "9"],
            &["乙", "A街道", "3000", "20", "10", "20", "20"],
            &["丙", "B街道", "500", "5", "5", "4", "4"],
            &["丁", "B街道", "1500", "15", "0", "6", "5"],
            &["戊", "B街道", "4000", "20", "20", "—", "—"],
        ];
        let cells = rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::Text((*c).into())).collect())
            .collect();
        let table = Table::from_rows(cells, 0);
        let mapping = suggest(&table.headers);
        let m = default_methodology(Options::default());
        let numeric = NumericTable::from_table(&table, &mapping, Policy::Missing);
        let result = score_numeric(&numeric, &mapping, &m);
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        let groups = mapping.group_columns();
        assert_eq!(groups, vec![1]);
        let r = regions(&table, &numeric, &mapping, &result, &groups, &m);
        assert_eq!(r.len(), 3);

        // Whole region: Σ loss = 15 + 30 + 10 + 15 + 40 = 110 over Σ output 10 000 → 1.1 %;
        // spot checks 9 + 20 + 4 + 5 = 38 of 40 batches → 95 % (戊 reports none).
        let all = &r[0];
        assert_eq!((all.rows, all.group.clone()), (5, None));
        assert_eq!(all.values.get("quality_loss_rate"), Some(&1.1));
        assert_eq!(all.values.get("spot_check_pass_rate"), Some(&95.0));
        assert_eq!(all.used[Indicator::QualityLossRate as usize], 5);
        assert_eq!(all.used[Indicator::SpotCheckPassRate as usize], 4);
        let a = all.assessment.as_ref().unwrap();
        let score = |a: &Assessment, id: &str| a.indicators.get(id).unwrap().score;
        // 60 + 40·(3 − 1.1)/(3 − 0.5) = 90.4; 60 + 40·(95 − 80)/(99 − 80) = 91.578… → 91.58.
        assert_eq!(score(a, "quality_loss_rate"), Some(90.4));
        assert_eq!(score(a, "spot_check_pass_rate"), Some(91.58));
        // The mean of the enterprises' own rates is (1.5 + 1 + 2 + 1 + 1)/5 = 1.3 %, not 1.1 %.
        let own: Vec<f64> = (0..5)
            .map(|row| result.values[row * 12 + Indicator::QualityLossRate as usize])
            .collect();
        assert_eq!(own, vec![1.5, 1.0, 2.0, 1.0, 1.0]);
        // Two indicators only: every index is a range, so no mean or median.
        assert_eq!((all.mean, all.median, all.complete), (None, None, 0));

        // A街道: 45 / 4000 = 1.125 % → 90; 29 / 30 = 96.666…% → 60 + 40·16.666…/19 = 95.09.
        let a_st = &r[1];
        assert_eq!(
            (a_st.group.as_deref(), a_st.column, a_st.rows),
            (Some("A街道"), Some(1), 2)
        );
        assert_eq!(a_st.values.get("quality_loss_rate"), Some(&1.125));
        let a = a_st.assessment.as_ref().unwrap();
        assert_eq!(score(a, "quality_loss_rate"), Some(90.0));
        assert_eq!(score(a, "spot_check_pass_rate"), Some(95.09));
        // B街道: 65 / 6000 = 1.0833…% → 60 + 40·1.91666…/2.5 = 90.67; 9 / 10 = 90 % → 81.05.
        let b_st = &r[2];
        assert_eq!((b_st.group.as_deref(), b_st.rows), (Some("B街道"), 3));
        assert_eq!(b_st.values.get("spot_check_pass_rate"), Some(&90.0));
        let a = b_st.assessment.as_ref().unwrap();
        assert_eq!(score(a, "quality_loss_rate"), Some(90.67));
        assert_eq!(score(a, "spot_check_pass_rate"), Some(81.05));
        assert_eq!(
            b_st.sums[0].1,
            vec![
                ("internalLoss", 40.0),
                ("externalLoss", 25.0),
                ("totalOutput", 6000.0)
            ]
        );
    }
}
