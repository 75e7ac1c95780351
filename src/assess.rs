//! The assessment: from any mix of indicator values and known sub-scores to the index.
//!
//! Formulas (docs/methodology.md §3): indicator score = the methodology's standardization of the value
//! (功效系数法, clamped to 60–100); tertiary = Σ weight·indicator score; secondary =
//! Σ weight·tertiary; index = Σ weight·secondary (0.5/0.5, sourced). A node whose score is
//! given directly is used instead of its children. Published values have two decimals, rounded
//! half-up on the decimal value ([`crate::number::round2`]).
//!
//! When something is missing the index is `None` and [`Assessment::range`] says what the
//! missing parts could make it (each missing indicator anywhere from 60 to 100).

use crate::ordered::OrderedMap;

use serde::Serialize;

use crate::decimal::{round2, to_cents, Num};
use crate::error::{Error, Result};
use crate::methodology::Methodology;
use crate::model::{Indicator, Node, Secondary, Tertiary, Unit};
use crate::number::{parse_figure, Figure};
use crate::score::{position, Score};
use crate::wire::wire_enum;

/// What the user has: indicator values and/or scores of any node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// Indicator values keyed by indicator id: numbers or strings as typed.
    pub values: OrderedMap<String, Figure>,
    /// Standardized scores (60–100) keyed by any node id.
    pub scores: OrderedMap<String, Figure>,
}

impl Input {
    /// Reads `{ values?: {...}, scores?: {...} }`; `null` is an empty input. Ids and figures
    /// are checked by [`assess`].
    pub fn from_value(value: &crate::value::Value) -> Result<Input> {
        if *value == crate::value::Value::Null {
            return Ok(Input::default());
        }
        let mut r = crate::value::Reader::new();
        let input = r.object(value, "", &["values", "scores"]).map(|o| Input {
            values: r.figures(&o, "values"),
            scores: r.figures(&o, "scores"),
        });
        r.finish(input)
    }
}

/// Lowest and highest score the index (or a node) can reach.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// With every missing indicator at 60.
    pub min: f64,
    /// With every missing indicator at 100.
    pub max: f64,
}

/// A band as reported in a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRef {
    /// Band id.
    pub id: String,
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
}

wire_enum! {
    /// Where an indicator's score came from.
    pub enum Source {
        /// Standardized from the value.
        Value = "value",
        /// Given directly as a score.
        Score = "score",
        /// Neither given.
        Missing = "missing",
    }
}

wire_enum! {
    /// Which end of the scale a value was clamped to.
    pub enum Clamp {
        /// At or beyond the 100-point value.
        Best = "best",
        /// At or beyond the 60-point value.
        Worst = "worst",
    }
}

wire_enum! {
    /// What a [`Warning`] is about.
    pub enum WarningCode {
        /// A rate typed as a fraction (0.94 for 94 %).
        FractionAsPercent = "fraction_as_percent",
        /// Both a value and a score given for one indicator: the score is used.
        ValueAndScore = "value_and_score",
        /// A value or score under a node whose score is given: not used.
        Overridden = "overridden",
    }
}

/// The result for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorResult {
    /// The parsed value, if one was given.
    pub value: Option<f64>,
    /// The 60–100 score (2 decimals), if known.
    pub score: Option<f64>,
    /// Weight in its tertiary.
    pub weight: f64,
    /// Weight in the index.
    pub overall_weight: f64,
    /// Index points this indicator contributes (2 decimals); `None` when its score is unknown
    /// or a score given for an ancestor is used instead.
    pub contribution: Option<f64>,
    /// Where the score came from.
    pub source: Source,
    /// Whether the value lay at or beyond an end of the scale.
    pub clamped: Option<Clamp>,
    /// Whether a score given for an ancestor node is used instead of this one.
    pub overridden: bool,
}

/// A plausible slip in the input: not an error, but worth a second look.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// What the warning is about.
    pub code: WarningCode,
    /// The field, e.g. `values.spot_check_pass_rate`.
    pub field: String,
    /// The value concerned.
    pub value: Option<f64>,
    /// A suggested value, e.g. 94 for 0.94.
    pub suggestion: Option<f64>,
    /// English message (a page localizes by `code`).
    pub message: String,
}

/// Identifies the methodology a result was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MethodologyRef {
    /// Methodology id.
    pub id: String,
    /// Methodology version.
    pub version: String,
    /// Standardization used.
    pub standardization: crate::methodology::Standardization,
    /// Band scheme used.
    pub band_scheme: String,
}

/// A complete or partial assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The index (2 decimals), or `None` when something is missing.
    pub index: Option<f64>,
    /// The band of the index.
    pub band: Option<BandRef>,
    /// Secondary scores (2 decimals), `None` where unknown.
    pub secondary: OrderedMap<String, Option<f64>>,
    /// Tertiary scores (2 decimals), `None` where unknown.
    pub tertiary: OrderedMap<String, Option<f64>>,
    /// Per-indicator detail.
    pub indicators: OrderedMap<String, IndicatorResult>,
    /// Whether the index could be computed.
    pub complete: bool,
    /// When incomplete: what the index could be.
    pub range: Option<Range>,
    /// Indicators whose absence keeps the index incomplete.
    pub missing: Vec<String>,
    /// Plausible slips.
    pub warnings: Vec<Warning>,
    /// The methodology used.
    pub methodology: MethodologyRef,
}

/// A node's score: known exactly, or only within bounds. Every bound is a shown score: two
/// decimals, rounded half-up on the decimal value.
#[derive(Debug, Clone, Copy)]
struct Est {
    lo: f64,
    hi: f64,
    known: bool,
}

impl Est {
    fn exact(s: f64) -> Est {
        Est {
            lo: round2(s),
            hi: round2(s),
            known: true,
        }
    }
    const UNKNOWN: Est = Est {
        lo: Score::MIN,
        hi: Score::MAX,
        known: false,
    };
    /// The weighted sum of the children's shown scores, rounded as shown (the rounding rule
    /// of `docs/methodology.md` §3). A child of weight 0 counts for nothing, even when
    /// unknown.
    fn weighted(parts: impl Iterator<Item = (f64, Est)>) -> Est {
        let sum = parts.filter(|&(w, _)| w != 0.0).fold(
            Est {
                lo: 0.0,
                hi: 0.0,
                known: true,
            },
            |acc, (w, e)| Est {
                lo: acc.lo + w * e.lo,
                hi: acc.hi + w * e.hi,
                known: acc.known && e.known,
            },
        );
        Est {
            lo: round2(sum.lo),
            hi: round2(sum.hi),
            known: sum.known,
        }
    }
    fn value(self) -> Option<f64> {
        self.known.then_some(self.lo)
    }
}

/// Validated, parsed input.
struct Parsed {
    values: [Option<(f64, bool)>; 12],
    scores: OrderedMap<Node, f64>,
}

/// Parses and validates an indicator value typed or passed for `indicator`.
/// Returns the value and whether it was written with `%`.
pub fn parse_indicator_value(
    indicator: Indicator,
    field: &str,
    figure: &Figure,
) -> Result<Option<(f64, bool)>> {
    let Some(p) = parse_figure(field, figure)? else {
        return Ok(None);
    };
    let unit = indicator.unit();
    let value = || figure.quoted();
    if p.percent && !unit.is_percent() {
        return Err(Error::UnexpectedPercent {
            field: field.into(),
            value: value(),
        });
    }
    if p.value < 0.0 {
        return Err(Error::Negative {
            field: field.into(),
            value: value(),
        });
    }
    let max = unit.max_value();
    if p.value > max {
        return Err(Error::AboveMaximum {
            field: field.into(),
            value: value(),
            max,
        });
    }
    Ok(Some((p.value, p.percent)))
}

/// Parses a directly given score: a number from 60 to 100.
pub fn parse_score(field: &str, figure: &Figure) -> Result<Option<Score>> {
    let Some(p) = parse_figure(field, figure)? else {
        return Ok(None);
    };
    if p.percent {
        return Err(Error::UnexpectedPercent {
            field: field.into(),
            value: figure.quoted(),
        });
    }
    match Score::new(p.value) {
        Some(s) => Ok(Some(s)),
        None => Err(Error::ScoreOutOfRange {
            field: field.into(),
            value: figure.quoted(),
        }),
    }
}

fn parse_input(input: &Input) -> Result<Parsed> {
    let mut errors = Vec::new();
    let mut values = [None; 12];
    for (id, figure) in &input.values {
        let field = format!("values.{id}");
        let Some(indicator) = Indicator::from_id(id) else {
            errors.push(Error::UnknownId {
                field: crate::error::quote(&field),
                id: crate::error::quote(id),
            });
            continue;
        };
        match parse_indicator_value(indicator, &field, figure) {
            Ok(Some(v)) => values[indicator as usize] = Some(v),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    let mut scores = OrderedMap::new();
    for (id, figure) in &input.scores {
        let field = format!("scores.{id}");
        let Some(node) = Node::from_id(id) else {
            errors.push(Error::UnknownId {
                field: crate::error::quote(&field),
                id: crate::error::quote(id),
            });
            continue;
        };
        match parse_score(&field, figure) {
            Ok(Some(s)) => {
                scores.insert(node, s.get());
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(errors)?;
    Ok(Parsed { values, scores })
}

/// Splits `total_cents` among `parts` (exact amounts) so that the rounded parts add up to it
/// exactly (largest-remainder method): each part is rounded down to the cent, then the parts
/// with the largest remainders get one more cent (or, when the total is below the sum of the
/// rounded-down parts, those with the smallest remainders one less) until the total is met.
fn apportion(parts: &[f64], total_cents: i64) -> Vec<f64> {
    const PER_CENT: i64 = 10_000_000; // nanos per cent
    let nanos: Vec<i64> = parts.iter().map(|p| (p * 1e9).round() as i64).collect();
    let mut cents: Vec<i64> = nanos.iter().map(|n| n.div_euclid(PER_CENT)).collect();
    let mut remainders: Vec<i64> = nanos.iter().map(|n| n.rem_euclid(PER_CENT)).collect();
    let mut deficit = total_cents - cents.iter().sum::<i64>();
    if !parts.is_empty() && deficit.unsigned_abs() <= 100 * parts.len() as u64 {
        while deficit != 0 {
            // Ties: the first part with the largest remainder gains, the last with the
            // smallest loses.
            let mut pick = 0;
            for n in 1..remainders.len() {
                let better = if deficit > 0 {
                    remainders[n] > remainders[pick]
                } else {
                    remainders[n] <= remainders[pick]
                };
                if better {
                    pick = n;
                }
            }
            let step = deficit.signum();
            cents[pick] += step;
            remainders[pick] -= step * PER_CENT;
            deficit -= step;
        }
    }
    cents.into_iter().map(|c| c as f64 / 100.0).collect()
}

/// Computes an assessment. The methodology must be valid ([`Methodology::validate`]).
pub fn assess(input: &Input, m: &Methodology) -> Result<Assessment> {
    let parsed = parse_input(input)?;
    let mut warnings = Vec::new();

    // Indicator level.
    let mut ind_est = [Est::UNKNOWN; 12];
    let mut details: [(Option<f64>, Source, Option<Clamp>); 12] =
        [(None, Source::Missing, None); 12];
    for i in Indicator::ALL {
        let params = m.indicator(i).ok_or_else(|| Error::Missing {
            field: format!("methodology.indicators.{}", i.id()),
        })?;
        let value = parsed.values[i as usize];
        if let Some((v, percent)) = value {
            let looks_fractional = matches!(i.unit(), Unit::Percent | Unit::WeightedPercent)
                && !percent
                && v > 0.0
                && v <= 1.0
                && params.worst.min(params.best) >= 10.0;
            if looks_fractional {
                warnings.push(Warning {
                    code: WarningCode::FractionAsPercent,
                    field: format!("values.{}", i.id()),
                    value: Some(v),
                    suggestion: Some(round2(v * 100.0)),
                    message: format!(
                        "{} is {}%; did you mean {}%?",
                        i.id(),
                        Num(v),
                        Num(round2(v * 100.0))
                    ),
                });
            }
        }
        let given = parsed.scores.get(&Node::Indicator(i)).copied();
        let (est, source, clamped) = match (given, value) {
            (Some(s), v) => {
                if v.is_some() {
                    warnings.push(Warning {
                        code: WarningCode::ValueAndScore,
                        field: format!("values.{}", i.id()),
                        value: v.map(|(v, _)| v),
                        suggestion: None,
                        message: format!(
                            "{}: both a value and a score are given; the score {} is used",
                            i.id(),
                            Num(s)
                        ),
                    });
                }
                (Est::exact(s), Source::Score, None)
            }
            (None, Some((v, _))) => {
                let s = Score::standardize(m.standardization, v, params.worst, params.best);
                // Position on the worst→best scale (either direction), clamped to 0–1.
                let t = position(v, params.worst, params.best);
                let clamped = if t >= 1.0 {
                    Some(Clamp::Best)
                } else if t <= 0.0 {
                    Some(Clamp::Worst)
                } else {
                    None
                };
                (Est::exact(s.get()), Source::Value, clamped)
            }
            (None, None) => (Est::UNKNOWN, Source::Missing, None),
        };
        ind_est[i as usize] = est;
        details[i as usize] = (value.map(|(v, _)| v), source, clamped);
    }

    // Tertiary and secondary levels; a directly given score replaces the children.
    let mut ter_est = [Est::UNKNOWN; 6];
    for t in Tertiary::ALL {
        let est = match parsed.scores.get(&Node::Tertiary(t)) {
            Some(&s) => Est::exact(s),
            None => Est::weighted(
                t.children()
                    .iter()
                    .map(|&i| (m.indicator_weight(i), ind_est[i as usize])),
            ),
        };
        ter_est[t as usize] = est;
    }
    let mut sec_est = [Est::UNKNOWN; 2];
    for s in Secondary::ALL {
        let est = match parsed.scores.get(&Node::Secondary(s)) {
            Some(&v) => Est::exact(v),
            None => Est::weighted(
                s.children()
                    .iter()
                    .map(|&t| (m.tertiary_weight(t), ter_est[t as usize])),
            ),
        };
        sec_est[s as usize] = est;
    }
    let top = Est::weighted(
        Secondary::ALL
            .iter()
            .map(|&s| (m.secondary_weight(s), sec_est[s as usize])),
    );

    // Which nodes feed the index (not replaced by a given ancestor score).
    let sec_given = |s: Secondary| parsed.scores.contains_key(&Node::Secondary(s));
    let ter_overridden = |t: Tertiary| sec_given(t.parent());
    let ter_given = |t: Tertiary| parsed.scores.contains_key(&Node::Tertiary(t));
    let ind_overridden = |i: Indicator| ter_overridden(i.parent()) || ter_given(i.parent());

    for (&node, _) in &parsed.scores {
        let covered = match node {
            Node::Secondary(_) => false,
            Node::Tertiary(t) => ter_overridden(t),
            Node::Indicator(i) => ind_overridden(i),
        };
        if covered {
            let id = match node {
                Node::Secondary(s) => s.id(),
                Node::Tertiary(t) => t.id(),
                Node::Indicator(i) => i.id(),
            };
            warnings.push(Warning {
                code: WarningCode::Overridden,
                field: format!("scores.{id}"),
                value: None,
                suggestion: None,
                message: format!("{id}: a score given for a node above it is used instead"),
            });
        }
    }
    for i in Indicator::ALL {
        if parsed.values[i as usize].is_some()
            && ind_overridden(i)
            && !parsed.scores.contains_key(&Node::Indicator(i))
        {
            warnings.push(Warning {
                code: WarningCode::Overridden,
                field: format!("values.{}", i.id()),
                value: parsed.values[i as usize].map(|v| v.0),
                suggestion: None,
                message: format!(
                    "{}: a score given for a node above it is used instead",
                    i.id()
                ),
            });
        }
    }

    let index = top.value();

    // Contributions of the indicators that feed the index: their shown scores times their
    // weights in the index, apportioned so that they add up to the index exactly whenever the
    // index comes from indicators alone.
    let feeding: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|&i| !ind_overridden(i) && ind_est[i as usize].known)
        .collect();
    let exact: Vec<f64> = feeding
        .iter()
        .map(|&i| m.overall_weight(i) * ind_est[i as usize].lo)
        .collect();
    let from_indicators_alone = Indicator::ALL
        .into_iter()
        .all(|i| !ind_overridden(i) || m.overall_weight(i) == 0.0);
    let rounded = match index {
        Some(total) if from_indicators_alone => apportion(&exact, to_cents(total)),
        _ => exact.iter().map(|&c| round2(c)).collect(),
    };
    let contribution: OrderedMap<Indicator, f64> = feeding.into_iter().zip(rounded).collect();

    let indicators = Indicator::ALL
        .into_iter()
        .map(|i| {
            let (value, source, clamped) = details[i as usize];
            let r = IndicatorResult {
                value,
                score: ind_est[i as usize].value(),
                weight: m.indicator_weight(i),
                overall_weight: m.overall_weight(i),
                contribution: contribution.get(&i).copied(),
                source,
                clamped,
                overridden: ind_overridden(i),
            };
            (i.id().to_string(), r)
        })
        .collect();
    let missing = Indicator::ALL
        .into_iter()
        .filter(|&i| !ind_overridden(i) && !ind_est[i as usize].known && m.overall_weight(i) != 0.0)
        .map(|i| i.id().to_string())
        .collect();
    let band = index.and_then(|x| m.band_for(x)).map(|b| BandRef {
        id: b.id.clone(),
        zh: b.zh.clone(),
        en: b.en.clone(),
    });
    Ok(Assessment {
        index,
        band,
        secondary: Secondary::ALL
            .into_iter()
            .map(|s| (s.id().to_string(), sec_est[s as usize].value()))
            .collect(),
        tertiary: Tertiary::ALL
            .into_iter()
            .map(|t| (t.id().to_string(), ter_est[t as usize].value()))
            .collect(),
        indicators,
        complete: index.is_some(),
        range: (!top.known).then_some(Range {
            min: top.lo,
            max: top.hi,
        }),
        missing,
        warnings,
        methodology: MethodologyRef {
            id: m.id.clone(),
            version: m.version.clone(),
            standardization: m.standardization,
            band_scheme: m.band_scheme.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::builtin::{default_methodology, Options};

    fn m() -> Methodology {
        default_methodology(Options::default())
    }

    fn input(values: &[(&str, Figure)], scores: &[(&str, f64)]) -> Input {
        Input {
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            scores: scores
                .iter()
                .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
                .collect(),
        }
    }

    #[test]
    fn secondary_scores_give_the_index() {
        let a = assess(
            &input(
                &[],
                &[("quality_level", 84.76), ("development_capability", 77.21)],
            ),
            &m(),
        )
        .unwrap();
        assert_eq!(a.index, Some(80.99));
        assert_eq!(a.band.unwrap().id, "initial");
        assert!(a.complete);
        assert_eq!(a.range, None);
        assert!(a.missing.is_empty());
        assert!(a
            .indicators
            .iter()
            .all(|(_, r)| r.overridden && r.contribution.is_none()));
    }

    #[test]
    fn percent_slip_warns() {
        let a = assess(
            &input(&[("spot_check_pass_rate", Figure::Number(0.94))], &[]),
            &m(),
        )
        .unwrap();
        let w = &a.warnings[0];
        assert_eq!(w.code, WarningCode::FractionAsPercent);
        assert_eq!(w.suggestion, Some(94.0));
        // R&D share of 0.9% is plausible: no warning.
        let a = assess(
            &input(&[("rd_expenditure_share", Figure::Number(0.9))], &[]),
            &m(),
        )
        .unwrap();
        assert!(a.warnings.is_empty());
        // Written with % it is what the user meant.
        let a = assess(
            &input(&[("spot_check_pass_rate", "0.94%".into())], &[]),
            &m(),
        )
        .unwrap();
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn value_checks() {
        let err = |id: &str, v: &str| assess(&input(&[(id, v.into())], &[]), &m()).unwrap_err();
        assert_eq!(err("spot_check_pass_rate", "101").code(), "above_maximum");
        assert!(assess(&input(&[("grade_product_rate", "150".into())], &[]), &m()).is_ok());
        assert_eq!(err("grade_product_rate", "150.1").code(), "above_maximum");
        assert_eq!(err("spot_check_pass_rate", "-1").code(), "negative");
        assert_eq!(
            err("patents_per_million_output", "2%").code(),
            "unexpected_percent"
        );
        assert!(assess(&input(&[("avg_sales_revenue", "250".into())], &[]), &m()).is_ok());
        let e = err("nonsense", "1");
        assert_eq!(
            (e.code(), e.field(), e.value()),
            ("unknown_id", "values.nonsense", Some("nonsense"))
        );
        let e = assess(&input(&[], &[("quality_level", 59.99)]), &m()).unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            ("score_out_of_range", "scores.quality_level", Some("59.99"))
        );
        let e = err("spot_check_pass_rate", "101");
        assert_eq!(e.params(), vec![("max", crate::error::Param::Num(100.0))]);
        let e = err("avg_sales_revenue", "2,000,000,000,000,000");
        assert_eq!(
            (e.code(), e.params()),
            (
                "above_maximum",
                vec![("max", crate::error::Param::Num(1e15))]
            )
        );
        let e = assess(&input(&[], &[("index", 80.0)]), &m()).unwrap_err();
        assert_eq!(e.code(), "unknown_id");
    }

    #[test]
    fn all_field_errors_reported_together() {
        let e = assess(
            &input(
                &[
                    ("spot_check_pass_rate", "abc".into()),
                    ("qms_certification_rate", "1,5".into()),
                ],
                &[],
            ),
            &m(),
        )
        .unwrap_err();
        let fields: Vec<_> = e.errors().iter().map(|e| e.field().to_string()).collect();
        assert_eq!(
            fields,
            vec![
                "values.spot_check_pass_rate",
                "values.qms_certification_rate"
            ],
            "in input order"
        );
    }

    #[test]
    fn lower_is_better_scores() {
        let a = assess(
            &input(&[("quality_loss_rate", Figure::Number(0.5))], &[]),
            &m(),
        )
        .unwrap();
        assert_eq!(
            a.indicators.get("quality_loss_rate").unwrap().score,
            Some(100.0)
        );
        let a = assess(
            &input(&[("quality_loss_rate", Figure::Number(0.1))], &[]),
            &m(),
        )
        .unwrap();
        let r = a.indicators.get("quality_loss_rate").unwrap();
        assert_eq!(
            (r.score, r.clamped),
            (Some(100.0), Some(Clamp::Best)),
            "below 0.5 % is clamped at best"
        );
        let a = assess(
            &input(&[("quality_loss_rate", Figure::Number(1.75))], &[]),
            &m(),
        )
        .unwrap();
        assert_eq!(
            a.indicators.get("quality_loss_rate").unwrap().score,
            Some(80.0)
        );
        let a = assess(
            &input(&[("quality_loss_rate", Figure::Number(5.0))], &[]),
            &m(),
        )
        .unwrap();
        let r = a.indicators.get("quality_loss_rate").unwrap();
        assert_eq!((r.score, r.clamped), (Some(60.0), Some(Clamp::Worst)));
    }

    #[test]
    fn given_tertiary_replaces_children_and_warns() {
        let a = assess(
            &input(
                &[("grade_product_rate", Figure::Number(85.0))],
                &[("standards_technology", 85.92)],
            ),
            &m(),
        )
        .unwrap();
        assert_eq!(a.tertiary.get("standards_technology"), Some(&Some(85.92)));
        assert!(a.indicators.get("grade_product_rate").unwrap().overridden);
        assert_eq!(a.warnings[0].code, WarningCode::Overridden);
        assert!(!a
            .missing
            .contains(&"microelectronic_equipment_share".to_string()));
    }

    #[test]
    fn apportion_keeps_the_sum() {
        let parts = [1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0];
        let r = apportion(&parts, 100);
        assert_eq!(
            r.iter().map(|c| (c * 100.0).round() as i64).sum::<i64>(),
            100
        );
    }
}
