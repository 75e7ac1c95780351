//! What to improve: each indicator's headroom and marginal gain, and the plan that reaches a
//! target index by changing the fewest indicators (`docs/methodology.md` §3).
//!
//! Everything is computed with the assessment's own arithmetic (module [`mod@crate::assess`]): the
//! scores shown with two decimals and each level the rounded weighted sum of the level
//! below, with the weights in effect after the not-applicable indicators are left out. So the
//! index a plan reports is exactly what [`crate::assess::assess`] returns for the changed input.

use serde::Serialize;

use crate::assess::{parse_score, Est, Input, Prepared};
use crate::decimal::{pow10, round2, round_significant15, to_cents};
use crate::error::{Error, Result};
use crate::methodology::{Methodology, Standardization};
use crate::model::{Indicator, Node};
use crate::number::Figure;
use crate::ordered::OrderedMap;
use crate::score::Score;

/// What one indicator could still bring.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Improvement {
    /// Index points gained if this indicator alone reached its `best` value (score 100); with
    /// indicators missing, the gain of the lower end of the range. 0 for an indicator that is
    /// not applicable or under a directly given score.
    pub headroom: f64,
    /// Index points per one unit of the indicator's value near its current value (negative
    /// for a lower-is-better indicator; 0 beyond either end of its scale or under a given
    /// score); `None` when no value is given (or its score is given instead).
    pub per_unit: Option<f64>,
}

/// One change of a [`Plan`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Indicator id.
    pub indicator: String,
    /// The value now.
    pub from: f64,
    /// The value to reach (never beyond `best`).
    pub to: f64,
    /// Index points this step adds, the steps taken in the order listed (the gains add up to
    /// the plan's index minus the current index).
    pub gain: f64,
}

/// The plan to a target index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Whether the target can be reached.
    pub reachable: bool,
    /// The index after the steps: at least the target when reachable, else the best
    /// attainable index.
    pub index: f64,
    /// The target as given.
    pub target: f64,
    /// The changes, in the published order of the indicators.
    pub steps: Vec<Step>,
}

/// The shown scores of the input's indicators.
fn base_scores(p: &Prepared, m: &Methodology) -> [Est; 12] {
    Indicator::ALL.map(|i| p.indicator_est(m, i))
}

/// ln(100/60), the growth rate of the exponential standardization (written out: `f64::ln`
/// would add its code to the wasm module for one constant).
const LN_100_OVER_60: f64 = 0.510_825_623_765_990_7;

/// Index points per unit of `x` for a score `S(x)` between `worst` and `best`, times `weight`.
fn slope(kind: Standardization, x: f64, worst: f64, best: f64, weight: f64) -> f64 {
    let u = (x - worst) / (best - worst);
    if !(0.0..1.0).contains(&u) {
        return 0.0;
    }
    let span = Score::MAX - Score::MIN;
    let d = match kind {
        Standardization::Linear => span / (best - worst),
        Standardization::Exponential => {
            let ratio = Score::MAX / Score::MIN;
            Score::MIN * ratio.powf(u) * LN_100_OVER_60 / (best - worst)
        }
    };
    round_significant15(weight * d)
}

/// Each indicator's headroom and marginal gain (see [`Improvement`]), in the published order.
pub fn improvements(input: &Input, m: &Methodology) -> Result<OrderedMap<String, Improvement>> {
    let p = Prepared::new(input, m)?;
    let base = base_scores(&p, m);
    let (_, _, top) = p.evaluate(&base);
    let mut out = OrderedMap::new();
    for i in Indicator::ALL {
        let mut best = base;
        best[i as usize] = Est::exact(Score::MAX);
        let (_, _, up) = p.evaluate(&best);
        let headroom = if p.na[i as usize] {
            0.0
        } else {
            (to_cents(up.lo) - to_cents(top.lo)) as f64 / 100.0
        };
        let given_score = p.scores.contains_key(&Node::Indicator(i));
        let per_unit = match (p.values[i as usize], m.indicator(i)) {
            (Some(_), _) if given_score => None,
            (Some(_), _) if p.overridden(i) => Some(0.0),
            (Some((x, _)), Some(params)) => Some(slope(
                m.standardization,
                x,
                params.worst,
                params.best,
                p.weights.overall(i),
            )),
            _ => None,
        };
        out.insert(i.id().to_string(), Improvement { headroom, per_unit });
    }
    Ok(out)
}

/// The values an indicator can be moved to, from its current value towards `best`: the
/// decimals with a step of a hundredth of the worst→best span or finer (a power of ten: 0.1
/// percentage point for a span of 19 points, 0.001 for 0.45), then `best` itself. `value(n)` for n = 1 ..= `len`; `value(len)` = best.
#[derive(Debug, Clone, Copy)]
struct Ladder {
    /// First grid index (exclusive start) as a multiple of the step.
    m0: f64,
    /// +1 towards larger values, −1 towards smaller.
    dir: f64,
    /// Step = 10^e.
    e: i32,
    /// Number of values, `best` last.
    len: u64,
    best: f64,
}

impl Ladder {
    fn new(start: f64, worst: f64, best: f64) -> Option<Ladder> {
        let span = (best - worst).abs();
        let mut e = 0i32;
        // e = floor(log10(span)) − 2, without libm.
        let mut p = 1.0;
        while span >= p * 10.0 && e < 400 {
            p *= 10.0;
            e += 1;
        }
        while span < p && e > -400 {
            p /= 10.0;
            e -= 1;
        }
        let e = e - 2;
        let step = |k: f64| k * pow10_signed(e);
        let grid = |x: f64| round_significant15(x / pow10_signed(e));
        let dir = if best > worst { 1.0 } else { -1.0 };
        let (m0, mb) = if dir > 0.0 {
            (grid(start).floor(), grid(best).ceil())
        } else {
            (grid(start).ceil(), grid(best).floor())
        };
        let len = (mb - m0) * dir;
        // Beyond 2^52 grid values the decimals are no longer exact: refuse (never for the
        // magnitudes of the index's indicators).
        if !((1.0..1e9).contains(&len) && m0.abs() < 4e15) || step(1.0) == 0.0 {
            return None;
        }
        Some(Ladder {
            m0,
            dir,
            e,
            len: len as u64,
            best,
        })
    }

    fn value(&self, n: u64) -> f64 {
        if n >= self.len {
            return self.best;
        }
        let k = self.m0 + self.dir * n as f64;
        if self.e < 0 {
            k / pow10((-self.e) as u32)
        } else {
            k * pow10(self.e as u32)
        }
    }
}

fn pow10_signed(e: i32) -> f64 {
    if e < 0 {
        1.0 / pow10(e.unsigned_abs())
    } else {
        pow10(e as u32)
    }
}

/// An indicator the plan may change.
struct Candidate {
    i: Indicator,
    from: f64,
    worst: f64,
    best: f64,
    ladder: Ladder,
}

impl Candidate {
    fn cost(&self, to: f64) -> f64 {
        (to - self.from).abs() / (self.best - self.worst).abs()
    }
}

struct Search<'a> {
    p: &'a Prepared,
    m: &'a Methodology,
    base: [Est; 12],
    cands: Vec<Candidate>,
}

impl Search<'_> {
    /// The index (in cents) with candidate `k` at ladder position `n[k]` (0 = unchanged).
    fn eval(&self, n: &[(usize, u64)]) -> i64 {
        let mut scores = self.base;
        for &(k, pos) in n {
            if pos == 0 {
                continue;
            }
            let c = &self.cands[k];
            let v = c.ladder.value(pos);
            scores[c.i as usize] =
                Est::exact(Score::standardize(self.m.standardization, v, c.worst, c.best).get());
        }
        let (_, _, top) = self.p.evaluate(&scores);
        to_cents(top.lo)
    }

    /// The smallest position of member `at` (others fixed) that keeps the index at `goal`,
    /// knowing position `hi` does.
    fn lowest(&self, n: &mut [(usize, u64)], at: usize, hi: u64, goal: i64) -> u64 {
        let (mut lo, mut hi) = (0u64, hi); // eval at lo < goal (or lo = 0 untested), at hi ≥ goal
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            n[at].1 = mid;
            if self.eval(n) >= goal {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        n[at].1 = hi;
        hi
    }

    fn cost(&self, n: &[(usize, u64)]) -> f64 {
        n.iter()
            .map(|&(k, pos)| {
                let c = &self.cands[k];
                c.cost(c.ladder.value(pos))
            })
            .sum()
    }

    /// The cheapest positions for the members of `subset` reaching `goal`: each member in
    /// turn takes the remainder with the others at `best`, then every other member is lowered
    /// as far as the goal allows (the 2-decimal rounding can leave slack).
    fn cheapest(&self, subset: &[usize], goal: i64) -> Option<(f64, Vec<(usize, u64)>)> {
        let mut best: Option<(f64, Vec<(usize, u64)>)> = None;
        for j in 0..subset.len() {
            let mut n: Vec<(usize, u64)> = subset
                .iter()
                .map(|&k| (k, self.cands[k].ladder.len))
                .collect();
            let top = n[j].1;
            self.lowest(&mut n, j, top, goal);
            for at in (0..subset.len()).filter(|&a| a != j) {
                let hi = n[at].1;
                self.lowest(&mut n, at, hi, goal);
            }
            let cost = self.cost(&n);
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, n));
            }
        }
        best
    }
}

impl Search<'_> {
    /// Moves change between two members while the goal holds: every position of `x` with the
    /// lowest sufficient position of `y` (which can only fall as `x` rises, the index being
    /// monotone), in one walk. The 2-decimal rounding can make a split cheaper than the
    /// plans of [`Search::cheapest`]. Returns whether the cost fell.
    fn exchange(&self, n: &mut [(usize, u64)], x: usize, y: usize, goal: i64) -> bool {
        let (lx, ly) = (self.cands[n[x].0].ladder.len, self.cands[n[y].0].ladder.len);
        let start = (n[x].1, n[y].1);
        let mut best = (self.cost(n), start);
        let mut j = ly;
        let mut found = false;
        for px in 1..=lx {
            n[x].1 = px;
            n[y].1 = j;
            if !found {
                if self.eval(n) < goal {
                    continue;
                }
                found = true;
            }
            while j > 1 {
                n[y].1 = j - 1;
                if self.eval(n) < goal {
                    break;
                }
                j -= 1;
            }
            n[y].1 = j;
            let cost = self.cost(n);
            if cost < best.0 {
                best = (cost, (px, j));
            }
        }
        n[x].1 = best.1 .0;
        n[y].1 = best.1 .1;
        best.1 != start
    }

    /// Improves a plan by exchanges between every pair of its members until none helps.
    fn refine(&self, n: &mut [(usize, u64)], goal: i64) {
        for _ in 0..3 {
            let mut improved = false;
            for x in 0..n.len() {
                for y in 0..n.len() {
                    if x != y {
                        improved |= self.exchange(n, x, y, goal);
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
}

/// Plans of at most this many steps are refined by exchanges ([`Search::refine`]); beyond, the
/// search would take too long for a page and the rounding slack it can save is negligible.
const REFINE_UP_TO: usize = 4;
/// How many of the cheapest plans are refined.
const REFINE_PLANS: usize = 4;

/// The position of the cheapest plan; the first of equal ones. (A loop, not a sort: the
/// sort's code would be the largest part of this module in the wasm module.)
fn cheapest(plans: &[(f64, Vec<(usize, u64)>)]) -> usize {
    let mut at = 0;
    for (n, p) in plans.iter().enumerate() {
        if p.0 < plans[at].0 {
            at = n;
        }
    }
    at
}

/// Calls `f` with every subset of `0..n` of size `k` (1 ≤ k), in lexicographic order.
fn subsets(n: usize, k: usize, f: &mut impl FnMut(&[usize])) {
    if k == 0 || k > n {
        return;
    }
    let mut idx: Vec<usize> = (0..k).collect();
    'next: loop {
        f(&idx);
        // The rightmost position that can still move right.
        for pos in (0..k).rev() {
            if idx[pos] < n - k + pos {
                idx[pos] += 1;
                for q in pos + 1..k {
                    idx[q] = idx[q - 1] + 1;
                }
                continue 'next;
            }
        }
        return;
    }
}

/// Reads a target index from a figure: a number from 60 to 100.
pub fn read_target(figure: &Figure) -> Result<f64> {
    match parse_score("target", figure)? {
        Some(s) => Ok(s.get()),
        None => Err(Error::Missing {
            field: "target".into(),
        }),
    }
}

/// The plan that reaches `target` (an index, 60–100) by changing the fewest indicators; among
/// plans with that many, the one with the smallest total change, each change measured as a
/// fraction of the indicator's worst→best span. Only indicators given as values (not as
/// scores, not under a given score, not marked not applicable) are changed, and never beyond
/// `best`. When the target cannot be reached, the plan to the best attainable index, with
/// `reachable: false`. Needs a complete assessment (every indicator given or not applicable).
pub fn plan_to_target(input: &Input, target: f64, m: &Methodology) -> Result<Plan> {
    if !(Score::MIN..=Score::MAX).contains(&target) {
        return Err(Error::ScoreOutOfRange {
            field: "target".into(),
            value: crate::decimal::fmt_num(target),
        });
    }
    let p = Prepared::new(input, m)?;
    let base = base_scores(&p, m);
    let (_, _, top) = p.evaluate(&base);
    if !top.known {
        let first = Indicator::ALL
            .into_iter()
            .find(|&i| !base[i as usize].known && !p.overridden(i) && p.weights.overall(i) != 0.0)
            .map_or("input".to_string(), |i| format!("values.{}", i.id()));
        return Err(Error::Missing { field: first });
    }
    let now = to_cents(top.lo);
    let mut cands = Vec::new();
    for i in Indicator::ALL {
        let Some(params) = m.indicator(i) else {
            continue;
        };
        let usable = !p.na[i as usize]
            && !p.overridden(i)
            && !p.scores.contains_key(&Node::Indicator(i))
            && p.weights.overall(i) > 0.0;
        let (Some((from, _)), true) = (p.values[i as usize], usable) else {
            continue;
        };
        let (worst, best) = (params.worst, params.best);
        let u = (from - worst) / (best - worst);
        if u >= 1.0 {
            continue;
        }
        if let Some(ladder) = Ladder::new(from, worst, best) {
            cands.push(Candidate {
                i,
                from,
                worst,
                best,
                ladder,
            });
        }
    }
    let search = Search {
        p: &p,
        m,
        base,
        cands,
    };
    let n = search.cands.len();
    let all: Vec<(usize, u64)> = (0..n).map(|k| (k, search.cands[k].ladder.len)).collect();
    let max = search.eval(&all);
    let wanted = (round2(target) * 100.0).round() as i64;
    let reachable = max >= wanted;
    let goal = if reachable { wanted } else { max };
    let mut chosen: Vec<(usize, u64)> = Vec::new();
    if goal > now {
        for k in 1..=n {
            let mut plans: Vec<(f64, Vec<(usize, u64)>)> = Vec::new();
            subsets(n, k, &mut |s| {
                let at_best: Vec<(usize, u64)> =
                    s.iter().map(|&c| (c, search.cands[c].ladder.len)).collect();
                if search.eval(&at_best) < goal {
                    return;
                }
                if let Some(plan) = search.cheapest(s, goal) {
                    plans.push(plan);
                }
            });
            if plans.is_empty() {
                continue;
            }
            // The cheapest few are refined (equal costs: the first subset wins).
            if (2..=REFINE_UP_TO).contains(&k) {
                let mut refined = Vec::new();
                for _ in 0..REFINE_PLANS.min(plans.len()) {
                    let mut plan = plans.swap_remove(cheapest(&plans));
                    search.refine(&mut plan.1, goal);
                    plan.0 = search.cost(&plan.1);
                    refined.push(plan);
                }
                plans = refined;
            }
            chosen = plans.swap_remove(cheapest(&plans)).1;
            break;
        }
    }
    // The steps in the published order (candidates are in it), each gain counted after the
    // steps before it.
    chosen.sort_unstable();
    let mut steps = Vec::new();
    let mut applied: Vec<(usize, u64)> = Vec::new();
    let mut before = now;
    for &(k, pos) in &chosen {
        applied.push((k, pos));
        let after = search.eval(&applied);
        let c = &search.cands[k];
        steps.push(Step {
            indicator: c.i.id().to_string(),
            from: c.from,
            to: c.ladder.value(pos),
            gain: (after - before) as f64 / 100.0,
        });
        before = after;
    }
    Ok(Plan {
        reachable,
        index: before as f64 / 100.0,
        target,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_in_order() {
        let mut all = Vec::new();
        subsets(4, 2, &mut |s| all.push(s.to_vec()));
        assert_eq!(
            all,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        let mut count = 0;
        subsets(12, 6, &mut |_| count += 1);
        assert_eq!(count, 924);
        let mut count = 0;
        subsets(3, 3, &mut |_| count += 1);
        assert_eq!(count, 1);
        subsets(2, 3, &mut |_| panic!("no subset of 3 in 2"));
    }

    #[test]
    fn ladders_are_decimal_and_end_at_best() {
        // Span 19 (80 → 99): step 0.1; from 91.6666… the first value is 91.7.
        let l = Ladder::new(91.6666666666667, 80.0, 99.0).unwrap();
        assert_eq!(l.value(1), 91.7);
        assert_eq!(l.value(l.len), 99.0);
        assert_eq!(l.value(l.len - 1), 98.9);
        // From a value on the grid the first step is one step on: 93.1 → 93.2.
        assert_eq!(Ladder::new(93.1, 80.0, 99.0).unwrap().value(1), 93.2);
        // Lower is better, span 2.5: step 0.01; 1.2 → 1.19 … 0.5.
        let l = Ladder::new(1.2, 3.0, 0.5).unwrap();
        assert_eq!((l.value(1), l.value(l.len)), (1.19, 0.5));
        assert_eq!(l.len, 70);
        // Span 0.019: step 0.0001; 0.012 → 0.0121, 80 values to 0.02.
        let l = Ladder::new(0.012, 0.001, 0.02).unwrap();
        assert_eq!((l.value(1), l.len), (0.0121, 80));
        // Span 0.45 (99.5 → 99.95): step 0.001.
        let l = Ladder::new(99.8, 99.5, 99.95).unwrap();
        assert_eq!((l.value(1), l.len), (99.801, 150));
    }

    #[test]
    fn slopes() {
        // Linear, span 19, weight 1/12: 40/19/12 points per percentage point.
        let s = slope(Standardization::Linear, 90.0, 80.0, 99.0, 1.0 / 12.0);
        assert!((s - 40.0 / 19.0 / 12.0).abs() < 1e-15);
        // Lower is better: negative.
        assert!(slope(Standardization::Linear, 1.2, 3.0, 0.5, 1.0) < 0.0);
        // Beyond either end: 0.
        assert_eq!(slope(Standardization::Linear, 100.0, 80.0, 99.0, 1.0), 0.0);
        assert_eq!(slope(Standardization::Linear, 70.0, 80.0, 99.0, 1.0), 0.0);
        // Exponential at the worst end: 60·ln(5/3)/span.
        let s = slope(Standardization::Exponential, 80.0, 80.0, 99.0, 1.0);
        assert!((s - 60.0 * (5.0f64 / 3.0).ln() / 19.0).abs() < 1e-12);
        assert_eq!(LN_100_OVER_60, (100.0f64 / 60.0).ln());
    }
}
