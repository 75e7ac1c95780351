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

/// What the user has: indicator values and/or scores of any node, and the indicators that do
/// not apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// Indicator values keyed by indicator id: numbers or strings as typed.
    pub values: OrderedMap<String, Figure>,
    /// Standardized scores (60–100) keyed by any node id.
    pub scores: OrderedMap<String, Figure>,
    /// Indicator ids marked not applicable (不适用): left out, their weight shared among their
    /// present siblings in proportion to their weights.
    pub not_applicable: Vec<String>,
}

impl Input {
    /// Reads `{ values?: {...}, scores?: {...}, notApplicable?: [...] }`; `null` is an empty
    /// input. Ids and figures are checked by [`assess`].
    pub fn from_value(value: &crate::value::Value) -> Result<Input> {
        use crate::value::Value;
        if *value == Value::Null {
            return Ok(Input::default());
        }
        let mut r = crate::value::Reader::new();
        let input = r
            .object(value, "", &["values", "scores", "notApplicable"])
            .map(|o| {
                let not_applicable = match o.get("notApplicable") {
                    None => Vec::new(),
                    Some(Value::Array(items)) => items
                        .iter()
                        .enumerate()
                        .filter_map(|(n, v)| match v {
                            Value::String(s) => Some(s.clone()),
                            other => {
                                r.push(Error::WrongType {
                                    field: not_applicable_field(n),
                                    expected: "string",
                                    got: other.kind(),
                                });
                                None
                            }
                        })
                        .collect(),
                    Some(other) => {
                        r.push(Error::WrongType {
                            field: "notApplicable".into(),
                            expected: "array",
                            got: other.kind(),
                        });
                        Vec::new()
                    }
                };
                Input {
                    values: r.figures(&o, "values"),
                    scores: r.figures(&o, "scores"),
                    not_applicable,
                }
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
        /// Marked not applicable: left out, its weight shared among its siblings.
        NotApplicable = "not_applicable",
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
        /// Some indicators are not applicable: the index rests on `used` of `of` indicators.
        PartialBasis = "partial_basis",
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
    /// Named numbers for a page's own sentence (`{ used: 11, of: 12 }`); empty for most codes.
    pub params: OrderedMap<&'static str, f64>,
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
    #[serde(serialize_with = "every_secondary")]
    pub secondary: OrderedMap<&'static str, Option<f64>>,
    /// Tertiary scores (2 decimals), `None` where unknown.
    #[serde(serialize_with = "every_tertiary")]
    pub tertiary: OrderedMap<&'static str, Option<f64>>,
    /// Per-indicator detail.
    #[serde(serialize_with = "every_indicator")]
    pub indicators: OrderedMap<&'static str, IndicatorResult>,
    /// Whether the index could be computed.
    pub complete: bool,
    /// When incomplete: what the index could be.
    pub range: Option<Range>,
    /// Indicators whose absence keeps the index incomplete.
    pub missing: Vec<&'static str>,
    /// Indicators marked not applicable, in the published order.
    pub not_applicable: Vec<&'static str>,
    /// Plausible slips.
    pub warnings: Vec<Warning>,
    /// The methodology used.
    pub methodology: MethodologyRef,
}

/// A map of an assessment that holds every node of its level, in the published order, written
/// as a struct named `name` with the ids as its fields: the same JSON object, but a shape of the
/// result tape (`src/tape.rs`), rebuilt in JS by a literal instead of key by key. Anything but
/// exactly `ids` in order is an error, never a misread shape.
fn every<S: serde::Serializer, V: Serialize>(
    name: &'static str,
    ids: &[&'static str],
    map: &OrderedMap<&'static str, V>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::{Error as _, SerializeStruct};
    if map.len() != ids.len() || !map.keys().zip(ids).all(|(k, id)| k == id) {
        return Err(S::Error::custom(format!("{name}: not every id in order")));
    }
    let mut out = s.serialize_struct(name, ids.len())?;
    for (k, v) in map {
        out.serialize_field(k, v)?;
    }
    out.end()
}

fn every_secondary<S: serde::Serializer>(
    map: &OrderedMap<&'static str, Option<f64>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    every("Secondaries", &Secondary::IDS, map, s)
}

fn every_tertiary<S: serde::Serializer>(
    map: &OrderedMap<&'static str, Option<f64>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    every("Tertiaries", &Tertiary::IDS, map, s)
}

fn every_indicator<S: serde::Serializer>(
    map: &OrderedMap<&'static str, IndicatorResult>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    every("Indicators", &Indicator::IDS, map, s)
}

/// A node's score: known exactly, or only within bounds. Every bound is a shown score: two
/// decimals, rounded half-up on the decimal value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Est {
    /// Lowest possible shown score.
    pub lo: f64,
    /// Highest possible shown score.
    pub hi: f64,
    /// Whether the score is known exactly.
    pub known: bool,
}

impl Est {
    /// A known score, as shown (2 decimals).
    pub fn exact(s: f64) -> Est {
        let s = round2(s);
        Est {
            lo: s,
            hi: s,
            known: true,
        }
    }
    /// Unknown: anywhere from 60 to 100.
    pub const UNKNOWN: Est = Est {
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
        // Rounded once when both ends agree (every child known), as they mostly do.
        let lo = round2(sum.lo);
        Est {
            lo,
            hi: if sum.hi == sum.lo { lo } else { round2(sum.hi) },
            known: sum.known,
        }
    }
    fn value(self) -> Option<f64> {
        self.known.then_some(self.lo)
    }
}

/// The weights in effect once the not-applicable indicators are left out
/// (`docs/methodology.md` §3): an indicator marked not applicable gets weight 0 and its weight
/// goes to its present siblings in proportion to their weights; a tertiary whose indicators
/// carry no weight any more is itself not applicable, and its weight goes to its siblings the
/// same way. Where nothing is left out the methodology's weights are used unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of each indicator in its tertiary.
    pub ind: [f64; 12],
    /// Weight of each tertiary in its secondary.
    pub ter: [f64; 6],
    /// Weight of each secondary in the index.
    pub sec: [f64; 2],
    /// Tertiaries left out as a whole.
    pub ter_na: [bool; 6],
}

impl Weights {
    /// The weights in effect when the indicators in `na` are not applicable; a tertiary or
    /// secondary given directly (`given_ter`, `given_sec`) is used as given, so nothing below it
    /// is shared. `Err(secondary)` when a whole secondary would be left out. Used by `assess`
    /// and by the batch scorer (once per set of not-applicable indicators).
    pub fn in_effect(
        m: &Methodology,
        na: [bool; 12],
        given_ter: [bool; 6],
        given_sec: [bool; 2],
    ) -> std::result::Result<Weights, Secondary> {
        let mut w = Weights {
            ind: [0.0; 12],
            ter: [0.0; 6],
            sec: [0.0; 2],
            ter_na: [false; 6],
        };
        for t in Tertiary::ALL {
            let kids = t.children();
            let weights = kids.map(|i| m.indicator_weight(i));
            let out = if given_ter[t as usize] {
                [false; 2]
            } else {
                kids.map(|i| na[i as usize])
            };
            match share(&weights, &out) {
                Some(shared) => {
                    for (i, v) in kids.iter().zip(shared) {
                        w.ind[*i as usize] = v;
                    }
                }
                None => w.ter_na[t as usize] = true,
            }
        }
        for s in Secondary::ALL {
            let kids = s.children();
            let weights = kids.map(|t| m.tertiary_weight(t));
            let out = if given_sec[s as usize] {
                [false; 3]
            } else {
                kids.map(|t| w.ter_na[t as usize])
            };
            let shared = share(&weights, &out).ok_or(s)?;
            for (t, v) in kids.iter().zip(shared) {
                w.ter[*t as usize] = v;
            }
            w.sec[s as usize] = m.secondary_weight(s);
        }
        Ok(w)
    }

    /// Weight of an indicator in the index.
    pub fn overall(&self, i: Indicator) -> f64 {
        let t = i.parent();
        self.ind[i as usize] * self.ter[t as usize] * self.sec[t.parent() as usize]
    }
}

/// Shares the weight of the left-out children among the others, in proportion to their
/// weights. `None` when nothing is left (every weight-carrying child left out). On arrays, so
/// that working out the weights allocates nothing.
fn share<const N: usize>(weights: &[f64; N], out: &[bool; N]) -> Option<[f64; N]> {
    if !out.contains(&true) {
        return Some(*weights);
    }
    let present: f64 = weights
        .iter()
        .zip(out)
        .filter(|(_, &o)| !o)
        .map(|(w, _)| w)
        .sum();
    if present <= 0.0 {
        return None;
    }
    let mut shared = [0.0; N];
    for ((s, w), &o) in shared.iter_mut().zip(weights).zip(out) {
        if !o {
            *s = w / present;
        }
    }
    Some(shared)
}

/// Validated, parsed input with the weights in effect: everything an evaluation needs.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// Parsed values and whether each was written with `%`.
    pub values: [Option<(f64, bool)>; 12],
    /// Directly given scores.
    pub scores: OrderedMap<Node, f64>,
    /// Indicators marked not applicable.
    pub na: [bool; 12],
    /// The weights in effect.
    pub weights: Weights,
}

impl Prepared {
    /// Validates `input` against `m` and works out the weights in effect.
    pub fn new(input: &Input, m: &Methodology) -> Result<Prepared> {
        let (values, scores, na) = parse_input(input)?;
        let given_ter = Tertiary::ALL.map(|t| scores.contains_key(&Node::Tertiary(t)));
        let given_sec = Secondary::ALL.map(|s| scores.contains_key(&Node::Secondary(s)));
        let w = Weights::in_effect(m, na, given_ter, given_sec).map_err(|s| {
            Error::SecondaryNotApplicable {
                field: "notApplicable".into(),
                secondary: s.id(),
            }
        })?;
        Ok(Prepared {
            values,
            scores,
            na,
            weights: w,
        })
    }

    /// Whether a score given for the tertiary or secondary above `i` is used instead of it.
    pub fn overridden(&self, i: Indicator) -> bool {
        let t = i.parent();
        self.scores.contains_key(&Node::Tertiary(t))
            || self.scores.contains_key(&Node::Secondary(t.parent()))
    }

    /// The score of `i` as the input gives it (a given score, or the standardized value).
    pub fn indicator_est(&self, m: &Methodology, i: Indicator) -> Est {
        if self.na[i as usize] {
            return Est::UNKNOWN;
        }
        if let Some(&s) = self.scores.get(&Node::Indicator(i)) {
            return Est::exact(s);
        }
        match (self.values[i as usize], m.indicator(i)) {
            (Some((v, _)), Some(p)) => {
                Est::exact(Score::standardize(m.standardization, v, p.worst, p.best).get())
            }
            _ => Est::UNKNOWN,
        }
    }

    /// The tertiary, secondary and index scores from the indicators' scores, with the
    /// directly given scores in place of their children.
    pub fn evaluate(&self, ind: &[Est; 12]) -> ([Est; 6], [Est; 2], Est) {
        let w = &self.weights;
        let mut ter = [Est::UNKNOWN; 6];
        for t in Tertiary::ALL {
            ter[t as usize] = match self.scores.get(&Node::Tertiary(t)) {
                Some(&s) => Est::exact(s),
                None if w.ter_na[t as usize] => Est::UNKNOWN,
                None => Est::weighted(
                    t.children()
                        .iter()
                        .map(|&i| (w.ind[i as usize], ind[i as usize])),
                ),
            };
        }
        let mut sec = [Est::UNKNOWN; 2];
        for s in Secondary::ALL {
            sec[s as usize] = match self.scores.get(&Node::Secondary(s)) {
                Some(&v) => Est::exact(v),
                None => Est::weighted(
                    s.children()
                        .iter()
                        .map(|&t| (w.ter[t as usize], ter[t as usize])),
                ),
            };
        }
        let top = Est::weighted(
            Secondary::ALL
                .iter()
                .map(|&s| (w.sec[s as usize], sec[s as usize])),
        );
        (ter, sec, top)
    }
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

/// `notApplicable[n]`, written without integer formatting (its code would grow the lean wasm
/// module; [`Num`] is there already).
fn not_applicable_field(n: usize) -> String {
    format!("notApplicable[{}]", Num(n as f64))
}

type ParsedInput = ([Option<(f64, bool)>; 12], OrderedMap<Node, f64>, [bool; 12]);

fn parse_input(input: &Input) -> Result<ParsedInput> {
    let mut errors = Vec::new();
    let mut values = [None; 12];
    // One buffer for the fields' names rather than a `format!` each (they were a tenth of an
    // `assess` call, measured): a valid figure allocates nothing.
    let mut field = String::new();
    for (id, figure) in &input.values {
        field.clear();
        field.push_str("values.");
        field.push_str(id);
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
        field.clear();
        field.push_str("scores.");
        field.push_str(id);
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
    let mut na = [false; 12];
    for (n, id) in input.not_applicable.iter().enumerate() {
        let field = not_applicable_field(n);
        let Some(i) = Indicator::from_id(id) else {
            errors.push(Error::UnknownId {
                field,
                id: crate::error::quote(id),
            });
            continue;
        };
        if na[i as usize] {
            errors.push(Error::DuplicateId {
                field,
                id: id.clone(),
            });
        } else if values[i as usize].is_some() || scores.contains_key(&Node::Indicator(i)) {
            errors.push(Error::Conflict {
                field,
                id: id.clone(),
            });
        }
        na[i as usize] = true;
    }
    Error::from_list(errors)?;
    Ok((values, scores, na))
}

/// Splits `total_cents` among `parts` (exact amounts) so that the rounded parts add up to it
/// exactly (largest-remainder method): each part is rounded down to the cent, then the parts
/// with the largest remainders get one more cent (or, when the total is below the sum of the
/// rounded-down parts, those with the smallest remainders one less) until the total is met.
fn apportion(parts: &[f64], total_cents: i64) -> Vec<f64> {
    const PER_CENT: i64 = 10_000_000; // nanos per cent
    let (mut cents, mut remainders): (Vec<i64>, Vec<i64>) = parts
        .iter()
        .map(|p| {
            let nanos = (p * 1e9).round() as i64;
            (nanos.div_euclid(PER_CENT), nanos.rem_euclid(PER_CENT))
        })
        .unzip();
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
    let p = Prepared::new(input, m)?;
    let w = &p.weights;
    let mut warnings = Vec::new();

    // Indicator level.
    let mut ind_est = [Est::UNKNOWN; 12];
    let mut details: [(Option<f64>, Source, Option<Clamp>); 12] =
        [(None, Source::Missing, None); 12];
    for i in Indicator::ALL {
        let params = m.indicator(i).ok_or_else(|| Error::Missing {
            field: format!("methodology.indicators.{}", i.id()),
        })?;
        let value = p.values[i as usize];
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
                    params: OrderedMap::new(),
                    message: format!(
                        "{} is {}%; did you mean {}%?",
                        i.id(),
                        Num(v),
                        Num(round2(v * 100.0))
                    ),
                });
            }
        }
        let given = p.scores.get(&Node::Indicator(i)).copied();
        let est = p.indicator_est(m, i);
        let (source, clamped) = match (given, value) {
            _ if p.na[i as usize] => (Source::NotApplicable, None),
            (Some(s), v) => {
                if v.is_some() {
                    warnings.push(Warning {
                        code: WarningCode::ValueAndScore,
                        field: format!("values.{}", i.id()),
                        value: v.map(|(v, _)| v),
                        suggestion: None,
                        params: OrderedMap::new(),
                        message: format!(
                            "{}: both a value and a score are given; the score {} is used",
                            i.id(),
                            Num(s)
                        ),
                    });
                }
                (Source::Score, None)
            }
            (None, Some((v, _))) => {
                // Position on the worst→best scale (either direction), clamped to 0–1.
                let t = position(v, params.worst, params.best);
                let clamped = if t >= 1.0 {
                    Some(Clamp::Best)
                } else if t <= 0.0 {
                    Some(Clamp::Worst)
                } else {
                    None
                };
                (Source::Value, clamped)
            }
            (None, None) => (Source::Missing, None),
        };
        ind_est[i as usize] = est;
        details[i as usize] = (value.map(|(v, _)| v), source, clamped);
    }

    // Tertiary and secondary levels; a directly given score replaces the children.
    let (ter_est, sec_est, top) = p.evaluate(&ind_est);

    // Which nodes feed the index (not replaced by a given ancestor score).
    let sec_given = |s: Secondary| p.scores.contains_key(&Node::Secondary(s));
    let ter_overridden = |t: Tertiary| sec_given(t.parent());
    let ind_overridden = |i: Indicator| p.overridden(i);

    for (&node, _) in &p.scores {
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
                params: OrderedMap::new(),
                message: format!("{id}: a score given for a node above it is used instead"),
            });
        }
    }
    for i in Indicator::ALL {
        if p.values[i as usize].is_some()
            && ind_overridden(i)
            && !p.scores.contains_key(&Node::Indicator(i))
        {
            warnings.push(Warning {
                code: WarningCode::Overridden,
                field: format!("values.{}", i.id()),
                value: p.values[i as usize].map(|v| v.0),
                suggestion: None,
                params: OrderedMap::new(),
                message: format!(
                    "{}: a score given for a node above it is used instead",
                    i.id()
                ),
            });
        }
    }
    let not_applicable: Vec<&'static str> = Indicator::ALL
        .into_iter()
        .filter(|&i| p.na[i as usize])
        .map(|i| i.id())
        .collect();
    if !not_applicable.is_empty() {
        let used = (Indicator::ALL.len() - not_applicable.len()) as f64;
        warnings.push(Warning {
            code: WarningCode::PartialBasis,
            field: "notApplicable".into(),
            value: None,
            suggestion: None,
            params: OrderedMap(vec![("used", used), ("of", 12.0)]),
            message: format!(
                "the index rests on {} of 12 indicators ({} not applicable)",
                Num(used),
                Num(12.0 - used)
            ),
        });
    }

    let index = top.value();

    // Contributions of the indicators that feed the index: their shown scores times their
    // weights in the index, apportioned so that they add up to the index exactly whenever the
    // index comes from indicators alone.
    let feeds = Indicator::ALL.map(|i| !ind_overridden(i) && ind_est[i as usize].known);
    let feeding = || Indicator::ALL.into_iter().filter(|&i| feeds[i as usize]);
    let exact: Vec<f64> = feeding()
        .map(|i| w.overall(i) * ind_est[i as usize].lo)
        .collect();
    let from_indicators_alone = Indicator::ALL
        .into_iter()
        .all(|i| !ind_overridden(i) || w.overall(i) == 0.0);
    let rounded = match index {
        Some(total) if from_indicators_alone => apportion(&exact, to_cents(total)),
        _ => exact.iter().map(|&c| round2(c)).collect(),
    };
    let mut contribution = [None; 12];
    for (i, c) in feeding().zip(rounded) {
        contribution[i as usize] = Some(c);
    }

    let indicators = Indicator::ALL
        .into_iter()
        .map(|i| {
            let (value, source, clamped) = details[i as usize];
            let r = IndicatorResult {
                value,
                score: ind_est[i as usize].value(),
                weight: w.ind[i as usize],
                overall_weight: w.overall(i),
                contribution: contribution[i as usize],
                source,
                clamped,
                overridden: ind_overridden(i),
            };
            (i.id(), r)
        })
        .collect();
    let missing = Indicator::ALL
        .into_iter()
        .filter(|&i| !ind_overridden(i) && !ind_est[i as usize].known && w.overall(i) != 0.0)
        .map(|i| i.id())
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
            .map(|s| (s.id(), sec_est[s as usize].value()))
            .collect(),
        tertiary: Tertiary::ALL
            .into_iter()
            .map(|t| (t.id(), ter_est[t as usize].value()))
            .collect(),
        indicators,
        complete: index.is_some(),
        range: (!top.known).then_some(Range {
            min: top.lo,
            max: top.hi,
        }),
        missing,
        not_applicable,
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
            not_applicable: Vec::new(),
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
        assert!(!a.missing.contains(&"microelectronic_equipment_share"));
    }

    #[test]
    fn shares_follow_the_siblings_weights() {
        assert_eq!(share(&[0.5, 0.5], &[false, false]), Some([0.5, 0.5]));
        assert_eq!(share(&[0.5, 0.5], &[true, false]), Some([0.0, 1.0]));
        assert_eq!(share(&[0.5, 0.5], &[true, true]), None);
        // 0.5 / 0.3 / 0.2 without the 0.3: 0.5/0.7 and 0.2/0.7.
        let s = share(&[0.5, 0.3, 0.2], &[false, true, false]).unwrap();
        assert_eq!(s, [0.5 / 0.7, 0.0, 0.2 / 0.7]);
        // Only weight-0 siblings left: nothing to share with.
        assert_eq!(share(&[1.0, 0.0], &[true, false]), None);
    }

    #[test]
    fn the_level_maps_are_written_only_whole() {
        // They cross as shapes (fields by position): a map short of an id, or out of order,
        // is an error rather than a result with its values under the wrong keys.
        let full = assess(&input(&[], &[]), &m()).unwrap();
        assert!(serde_json::to_string(&full).is_ok());
        let mut short = full.clone();
        short.indicators.remove("export_sales_share");
        let e = serde_json::to_string(&short).unwrap_err().to_string();
        assert!(e.contains("Indicators: not every id in order"), "{e}");
        let mut swapped = full.clone();
        swapped
            .secondary
            .reorder(&["development_capability", "quality_level"]);
        assert!(serde_json::to_string(&swapped).is_err());
        let mut other = full;
        other.tertiary.remove("core_technology");
        other.tertiary.insert("core_technologies", None);
        assert!(serde_json::to_string(&other).is_err());
    }

    #[test]
    fn not_applicable_in_the_result() {
        let mut i = input(&[("spot_check_pass_rate", Figure::Number(93.1))], &[]);
        i.not_applicable = vec!["export_inspection_pass_rate".into()];
        let a = assess(&i, &m()).unwrap();
        assert_eq!(
            a.indicators
                .get("export_inspection_pass_rate")
                .unwrap()
                .source,
            Source::NotApplicable
        );
        // 60 + 40·13.1/19 = 87.578… → 87.58, the whole supervision score.
        assert_eq!(a.tertiary.get("supervision_inspection"), Some(&Some(87.58)));
        assert!(!a.missing.contains(&"export_inspection_pass_rate"));
        let w = a.warnings.last().unwrap();
        assert_eq!(
            (w.code, w.params.0.clone()),
            (
                WarningCode::PartialBasis,
                vec![("used", 11.0), ("of", 12.0)]
            )
        );
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
