//! Properties of the core, checked on random cases with `proptest` (issue 13, "our own
//! fuzzer"): the number parser against `str::parse::<f64>`, half-up rounding against an exact
//! decimal library, and random inputs × random valid methodologies × random profiles: no
//! panic, every result finite and on the 60–100 scale, the band that of the index, each shown
//! score the rounded weighted sum of the shown scores below it, contributions adding up to the
//! index, and the index monotone in every indicator.
//!
//! The default case count keeps the file quick; the long run is
//! `PROPTEST_CASES=100000 cargo test --release --test properties`.
#![cfg(not(target_arch = "wasm32"))]

use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use mqci::assess::{assess, Input};
use mqci::decimal::{fmt_num, round2};
use mqci::methodology::builtin::{default_methodology, BandScheme, Options};
use mqci::methodology::{Methodology, Standardization};
use mqci::model::{Direction, Indicator, Secondary, Tertiary};
use mqci::number::{parse_text, Figure};
use mqci::ordered::OrderedMap;
use mqci::targets::{check_targets, metrics, profiles, MetricUnit, Status};

fn config() -> ProptestConfig {
    // PROPTEST_CASES overrides this default.
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A decimal with at most 15 significant digits and `max_scale` decimals, as text.
fn decimal_text(max_scale: u32) -> impl Strategy<Value = String> {
    (0u64..1_000_000_000_000_000, 0..=max_scale, 0u32..16).prop_map(|(m, scale, cut)| {
        // Fewer digits now and then, so that small numbers are as likely as long ones.
        let m = m / 10u64.pow(cut.min(15));
        let digits = format!("{m:0width$}", width = scale as usize + 1);
        let (int, frac) = digits.split_at(digits.len() - scale as usize);
        if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        }
    })
}

/// Groups the integer digits by thousands ("1234567.5" → "1,234,567.5").
fn grouped(text: &str) -> String {
    let (int, frac) = text
        .split_once('.')
        .map_or((text, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parser_agrees_with_str_parse(text in decimal_text(22), group in any::<bool>(), neg in any::<bool>(), pct in any::<bool>()) {
        let want: f64 = text.parse().unwrap();
        let mut typed = if group { grouped(&text) } else { text.clone() };
        if neg {
            typed.insert(0, '-');
        }
        if pct {
            typed.push('%');
        }
        let got = parse_text("f", &typed).unwrap().unwrap();
        prop_assert_eq!(got.value, if neg { -want } else { want }, "{}", typed);
        prop_assert_eq!(got.percent, pct);
    }

    /// The quick path for plain decimals (`96.5`, `007`, `5.`; `number::plain_decimal`) reads
    /// what the general path reads: a leading space sends the same figure down the general path.
    #[test]
    fn plain_decimals_read_as_the_general_path_reads_them(int in "[0-9]{1,25}", frac in proptest::option::of("[0-9]{0,25}")) {
        let text = match &frac {
            Some(f) => format!("{int}.{f}"),
            None => int.clone(),
        };
        let quick = parse_text("f", &text).ok().flatten().map(|p| (p.value.to_bits(), p.percent));
        let general = parse_text("f", &format!(" {text}")).ok().flatten().map(|p| (p.value.to_bits(), p.percent));
        prop_assert_eq!(quick, general, "{}", text);
    }

    #[test]
    fn numbers_are_quoted_shortest_and_exact(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let s = fmt_num(x);
        // Reads back as the same number, with as few digits as Rust's shortest form.
        prop_assert_eq!(s.parse::<f64>().unwrap(), if x == 0.0 { 0.0 } else { x }, "{}", s);
        let digits = |t: &str| {
            let mantissa = t.split(['e', 'E']).next().unwrap_or("");
            mantissa.chars().filter(char::is_ascii_digit).collect::<String>()
                .trim_start_matches('0').trim_end_matches('0').len()
        };
        let rust = format!("{:e}", x);
        prop_assert_eq!(digits(&s), digits(&rust), "{} vs {}", s, rust);
    }

    #[test]
    fn half_up_rounding_matches_exact_decimals(text in decimal_text(9), neg in any::<bool>()) {
        let d = Decimal::from_str(&text).unwrap();
        let d = if neg { -d } else { d };
        let x: f64 = d.to_string().parse().unwrap();
        let want: f64 = d
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .to_string()
            .parse()
            .unwrap();
        prop_assert_eq!(round2(x), want, "{}", d);
    }
}

/// Weights for `n` siblings: random non-negative shares (some zero) summing to 1.
fn weights(n: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(prop_oneof![1 => Just(0u32), 4 => 1u32..1000], n).prop_map(
        |mut shares| {
            if shares.iter().all(|&s| s == 0) {
                shares[0] = 1;
            }
            let total: u32 = shares.iter().sum();
            let mut w: Vec<f64> = shares.iter().map(|&s| s as f64 / total as f64).collect();
            // Absorb the binary rest in the first non-zero weight so that the sum is 1.
            let rest = 1.0 - w.iter().sum::<f64>();
            if let Some(first) = w.iter_mut().find(|x| **x > 0.0) {
                *first += rest;
            }
            w
        },
    )
}

/// One end of an indicator's scale: ordinary, tiny or at the supported magnitude.
fn end() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..200.0f64,
        1 => Just(4.2e-299),
        1 => Just(5e-324),
        1 => Just(0.0),
        1 => -1e15..1e15f64,
        1 => prop_oneof![Just(1e15), Just(-1e15)],
    ]
}

#[derive(Debug, Clone)]
struct Scale {
    worst: f64,
    best: f64,
    direction: Direction,
}

fn scale() -> impl Strategy<Value = Scale> {
    (end(), end(), any::<bool>()).prop_filter_map("worst ≠ best", |(a, b, higher)| {
        if a == b {
            return None;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        Some(if higher {
            Scale {
                worst: lo,
                best: hi,
                direction: Direction::Higher,
            }
        } else {
            Scale {
                worst: hi,
                best: lo,
                direction: Direction::Lower,
            }
        })
    })
}

/// A random valid methodology: random weights at every level, random scales and directions,
/// either standardization, either band scheme.
fn methodology() -> impl Strategy<Value = Methodology> {
    (
        weights(2),
        proptest::collection::vec(weights(3), 2),
        proptest::collection::vec(weights(2), 6),
        proptest::collection::vec(scale(), 12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(sec, ter, ind, scales, exp, old_bands)| {
            let mut m = default_methodology(Options {
                band_scheme: if old_bands {
                    BandScheme::Y2009
                } else {
                    BandScheme::Y2011
                },
                standardization: if exp {
                    Standardization::Exponential
                } else {
                    Standardization::Linear
                },
            });
            for (n, s) in Secondary::ALL.into_iter().enumerate() {
                m.secondary.get_mut(&s).unwrap().weight = sec[n];
                for (k, t) in s.children().into_iter().enumerate() {
                    m.tertiary.get_mut(&t).unwrap().weight = ter[n][k];
                }
            }
            for (n, t) in Tertiary::ALL.into_iter().enumerate() {
                for (k, i) in t.children().into_iter().enumerate() {
                    let p = m.indicators.get_mut(&i).unwrap();
                    p.weight = ind[n][k];
                    let sc = &scales[i as usize];
                    p.worst = sc.worst;
                    p.best = sc.best;
                    p.direction = sc.direction;
                }
            }
            m.fill_derived();
            m
        })
}

/// A value an indicator can take: anywhere from 0 to its unit's maximum, often at an edge.
fn indicator_value(i: Indicator) -> impl Strategy<Value = f64> {
    let max = i.unit().max_value();
    prop_oneof![
        6 => 0.0..=max.min(200.0),
        1 => 0.0..=max,
        1 => Just(0.0),
        1 => Just(max),
        1 => Just(5e-324),
    ]
}

fn values() -> impl Strategy<Value = Vec<Option<f64>>> {
    Indicator::ALL
        .into_iter()
        .map(|i| proptest::option::weighted(0.85, indicator_value(i)).boxed())
        .collect::<Vec<_>>()
}

fn input_of(values: &[Option<f64>]) -> Input {
    Input {
        values: Indicator::ALL
            .into_iter()
            .zip(values)
            .filter_map(|(i, v)| v.map(|v| (i.id().to_string(), Figure::Number(v))))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    }
}

fn on_scale(x: f64) -> bool {
    x.is_finite() && (60.0..=100.0).contains(&x)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn assessments_are_finite_consistent_and_add_up(m in methodology(), vals in values(), scores in proptest::collection::vec(proptest::option::weighted(0.05, 60.0..=100.0f64), 20)) {
        prop_assert!(m.validate().is_ok(), "{:?}", m.validate());
        let mut input = input_of(&vals);
        // Now and then a node score given directly.
        let nodes: Vec<&str> = Secondary::ALL.iter().map(|s| s.id())
            .chain(Tertiary::ALL.iter().map(|t| t.id()))
            .chain(Indicator::ALL.iter().map(|i| i.id()))
            .collect();
        for (id, s) in nodes.iter().zip(&scores) {
            if let Some(s) = s {
                input.scores.insert(id.to_string(), Figure::Number(*s));
            }
        }
        let a = assess(&input, &m).unwrap();
        for (id, r) in a.indicators.iter() {
            if let Some(s) = r.score {
                prop_assert!(on_scale(s), "{} score {}", id, s);
                prop_assert_eq!(s, round2(s));
            }
            if let Some(c) = r.contribution {
                prop_assert!(c.is_finite() && (0.0..=100.0).contains(&c), "{} contribution {}", id, c);
            }
        }
        for (id, s) in a.tertiary.iter().chain(a.secondary.iter()) {
            if let Some(s) = s {
                prop_assert!(on_scale(*s), "{} {}", id, s);
            }
        }
        match a.index {
            Some(index) => {
                prop_assert!(on_scale(index));
                prop_assert!(a.complete && a.range.is_none());
                let band = m.band_for(index).map(|b| b.id.clone());
                prop_assert_eq!(a.band.as_ref().map(|b| b.id.clone()), band);
                prop_assert!(a.band.is_some(), "every index has a band");
                // The index is the rounded weighted sum of the secondary scores as shown.
                let shown: f64 = Secondary::ALL.iter()
                    .filter(|s| m.secondary_weight(**s) != 0.0)
                    .map(|s| m.secondary_weight(*s) * a.secondary.get(s.id()).unwrap().unwrap())
                    .sum();
                prop_assert_eq!(index, round2(shown));
                // With no node score given, the contributions add up to the index exactly.
                if input.scores.is_empty() {
                    let cents: i64 = a.indicators.values()
                        .filter_map(|r| r.contribution)
                        .map(|c| (c * 100.0).round() as i64)
                        .sum();
                    prop_assert_eq!(cents, (index * 100.0).round() as i64);
                }
            }
            None => {
                let r = a.range.unwrap();
                prop_assert!(on_scale(r.min) && on_scale(r.max) && r.min <= r.max, "{:?}", r);
                prop_assert!(!a.missing.is_empty() && a.band.is_none());
            }
        }
        // Each tertiary score shown is the rounded weighted sum of its indicators' shown scores.
        for t in Tertiary::ALL {
            let given = input.scores.contains_key(t.id())
                || input.scores.contains_key(t.parent().id());
            let kids: Vec<_> = t.children().into_iter()
                .filter(|i| m.indicator_weight(*i) != 0.0)
                .map(|i| (m.indicator_weight(i), a.indicators.get(i.id()).unwrap().score))
                .collect();
            if let (false, Some(shown)) = (given, a.tertiary.get(t.id()).copied().flatten()) {
                let sum: f64 = kids.iter().map(|(w, s)| w * s.unwrap()).sum();
                prop_assert_eq!(shown, round2(sum), "{}", t.id());
            }
        }
    }

    #[test]
    fn the_index_is_monotone_in_every_indicator(m in methodology(), vals in values(), which in 0usize..12, bump in 0.0..1.0f64) {
        // Complete inputs: every indicator given.
        let vals: Vec<Option<f64>> = vals.iter().zip(Indicator::ALL)
            .map(|(v, i)| Some(v.unwrap_or(i.unit().max_value().min(100.0) / 2.0)))
            .collect();
        let i = Indicator::ALL[which];
        let x = vals[which].unwrap();
        let max = i.unit().max_value();
        let higher = (x + (max - x) * bump).min(max);
        let mut more = vals.clone();
        more[which] = Some(higher);
        let before = assess(&input_of(&vals), &m).unwrap().index.unwrap();
        let after = assess(&input_of(&more), &m).unwrap().index.unwrap();
        match m.indicator(i).unwrap().direction {
            Direction::Higher => prop_assert!(after >= before, "{}: {} → {}: {} → {}", i.id(), x, higher, before, after),
            Direction::Lower => prop_assert!(after <= before, "{}: {} → {}: {} → {}", i.id(), x, higher, before, after),
        }
    }

    #[test]
    fn target_checks_are_finite(pick in proptest::collection::vec((0usize..64, prop_oneof![0.0..=100.0f64, 0.0..=1e6f64, Just(1e6)]), 0..20), which in 0usize..64) {
        let all = profiles();
        let profile = &all[which % all.len()];
        let catalogue = metrics();
        let actuals: OrderedMap<String, Figure> = pick.iter().map(|(k, v)| {
            let def = &catalogue[k % catalogue.len()];
            let v = match def.unit {
                MetricUnit::Count => v.round(),
                _ => v.min(100.0),
            };
            (def.id.to_string(), Figure::Number(v))
        }).collect();
        let check = check_targets(&actuals, profile).unwrap();
        prop_assert_eq!(check.results.len(), profile.targets.len());
        for r in &check.results {
            if let Some(g) = r.gap {
                prop_assert!(g.is_finite());
                prop_assert_eq!(g, round2(g));
                prop_assert!(matches!(r.status, Status::Met | Status::NotMet));
                // The sign agrees with the status; a shortfall under half a cent shows as 0.
                match r.status {
                    Status::Met => prop_assert!(g >= 0.0, "{:?}", r),
                    _ => prop_assert!(g <= 0.0, "{:?}", r),
                }
            }
        }
        let s = check.summary;
        prop_assert_eq!(s.met + s.not_met + s.no_data + s.qualitative, profile.targets.len());
    }
}
