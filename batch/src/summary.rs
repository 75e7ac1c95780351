//! The summary of a scored table: counts and shares per band, quartiles, a histogram, and
//! the rank of each row.

use mqci::decimal::round2;
use mqci::Methodology;

use crate::score::BatchResult;

/// Counts and distribution of the indices of a scored table.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Rows.
    pub rows: usize,
    /// Rows with a complete index.
    pub complete: usize,
    /// Rows with at least one bad cell.
    pub with_errors: usize,
    /// Per band of the methodology (in its order): complete rows in it.
    pub per_band: Vec<usize>,
    /// Mean of the complete indices (2 decimals).
    pub mean: Option<f64>,
    /// First quartile, median, third quartile (linear interpolation between ranks, as Excel's
    /// QUARTILE.INC; 2 decimals).
    pub quartiles: Option<[f64; 3]>,
    /// Complete indices per 1-point bin: `histogram[k]` counts 60 + k ≤ index < 61 + k (100 in the last).
    pub histogram: [usize; 40],
}

/// The value at quantile `q` (0–1) of sorted values, interpolated linearly between ranks.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let pos = q * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Summarizes a scored table.
pub fn summarize(result: &BatchResult, m: &Methodology) -> Summary {
    let mut sorted: Vec<f64> = result
        .index
        .iter()
        .copied()
        .filter(|x| !x.is_nan())
        .collect();
    sorted.sort_by(f64::total_cmp);
    let mut per_band = vec![0; m.bands.len()];
    for &b in &result.band {
        if let Some(c) = per_band.get_mut(b as usize) {
            *c += 1;
        }
    }
    let mut histogram = [0usize; 40];
    for &x in &sorted {
        let k = ((x - 60.0).floor().max(0.0) as usize).min(39);
        histogram[k] += 1;
    }
    let mut error_rows: Vec<usize> = result.errors.iter().map(|e| e.row).collect();
    error_rows.dedup();
    let mean =
        (!sorted.is_empty()).then(|| round2(sorted.iter().sum::<f64>() / sorted.len() as f64));
    let quartiles = match (
        quantile(&sorted, 0.25),
        quantile(&sorted, 0.5),
        quantile(&sorted, 0.75),
    ) {
        (Some(a), Some(b), Some(c)) => Some([round2(a), round2(b), round2(c)]),
        _ => None,
    };
    Summary {
        rows: result.rows,
        complete: sorted.len(),
        with_errors: error_rows.len(),
        per_band,
        mean,
        quartiles,
        histogram,
    }
}

/// Rank of each row by index, highest first (1-based; equal indices share a rank, the next
/// rank skips: 1, 2, 2, 4). 0 for a row without a complete index.
///
/// Indices are hundredths (rounded to 2 decimals) from 0 to 100: ranked by counting the rows
/// per hundredth, in linear time (a sort of 500,000 rows took longer than scoring them). Any
/// other value (a methodology scoring beyond 100) falls back to sorting ([`ranks_sorted`]).
pub fn ranks(index: &[f64]) -> Vec<u32> {
    const CENTS: usize = 10_000;
    let cents = |x: f64| -> Option<usize> {
        let c = (x * 100.0).round();
        ((0.0..=CENTS as f64).contains(&c) && c / 100.0 == x).then_some(c as usize)
    };
    let mut count = vec![0u32; CENTS + 1];
    for &x in index {
        if x.is_nan() {
            continue;
        }
        match cents(x) {
            Some(c) => count[c] += 1,
            None => return ranks_sorted(index),
        }
    }
    // The rank of hundredth c: 1 + the rows above it.
    let mut above = 0u32;
    for c in count.iter_mut().rev() {
        let here = *c;
        *c = above + 1;
        above += here;
    }
    index
        .iter()
        .map(|&x| {
            if x.is_nan() {
                0
            } else {
                cents(x).map_or(0, |c| count[c])
            }
        })
        .collect()
}

/// [`ranks`] by sorting, for any values.
pub fn ranks_sorted(index: &[f64]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..index.len()).filter(|&r| !index[r].is_nan()).collect();
    order.sort_by(|&a, &b| index[b].total_cmp(&index[a]).then(a.cmp(&b)));
    let mut out = vec![0u32; index.len()];
    let mut rank = 0u32;
    for (n, &r) in order.iter().enumerate() {
        if n == 0 || index[r] != index[order[n - 1]] {
            rank = n as u32 + 1;
        }
        out[r] = rank;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties() {
        assert_eq!(
            ranks(&[80.0, f64::NAN, 90.0, 80.0, 70.5]),
            vec![2, 0, 1, 2, 4]
        );
    }

    /// Counting by hundredths ranks as sorting does: random 2-decimal indices with many ties,
    /// NaN, −0, 0 and 100, and values that are not hundredths (the fallback).
    #[test]
    fn counted_ranks_equal_sorted_ranks() {
        let mut next = crate::test_rng::xorshift(0x51AB_2C3D_4E5F_6071u64);
        for case in 0..300 {
            let len = next(400) as usize;
            let mut index: Vec<f64> = (0..len)
                .map(|_| match next(20) {
                    0 => f64::NAN,
                    1 => 100.0,
                    2 => 0.0,
                    3 => -0.0,
                    _ => round2((6000 + next(4001)) as f64 / 100.0),
                })
                .collect();
            if case % 10 == 9 && len > 0 {
                index[0] = [80.123, 100.5, -1.0, 1e300][case / 10 % 4];
            }
            assert_eq!(
                ranks(&index),
                ranks_sorted(&index),
                "case {case}: {index:?}"
            );
        }
    }

    #[test]
    fn quartiles_as_excel() {
        // QUARTILE.INC({1,2,3,4}, 1) = 1.75, median 2.5, Q3 3.25.
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&s, 0.25), Some(1.75));
        assert_eq!(quantile(&s, 0.5), Some(2.5));
        assert_eq!(quantile(&s, 0.75), Some(3.25));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn summary_counts() {
        let m = mqci::default_methodology(mqci::Options::default());
        let result = BatchResult {
            rows: 4,
            index: vec![74.99, 75.0, f64::NAN, 100.0],
            band: vec![0, 1, 255, (m.bands.len() - 1) as u8],
            ..BatchResult::default()
        };
        let s = summarize(&result, &m);
        assert_eq!((s.rows, s.complete), (4, 3));
        assert_eq!(
            s.per_band[0] + s.per_band[1] + s.per_band[m.bands.len() - 1],
            3
        );
        assert_eq!(s.histogram[14], 1);
        assert_eq!(s.histogram[15], 1);
        assert_eq!(s.histogram[39], 1);
        assert_eq!(s.mean, Some(83.33));
        assert_eq!(
            s.quartiles,
            Some([75.0 - 0.005, 75.0, 87.5]).map(|q| q.map(round2))
        );
    }
}
