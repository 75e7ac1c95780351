//! Target profiles — the numbers of the 质量强国/强省/强市 plans — and the check of actual
//! figures against them (docs/methodology.md §6).
//!
//! Wording → comparison (docs/methodology.md §6): "达到X" / "X以上" / "稳定在X以上" / "不低于X" all mean
//! `actual ≥ X` is met. "位居全国前列" / "保持全国前列" is a rank, not a number: such a target is
//! `qualitative`, shown with its wording for a person to judge, and never counted as met.
//!
//! Gap sign: negative always means short of the target. For `>=` and `=`: `actual − target`;
//! for `<=`: `target − actual`. Two decimals, half-up on the decimal value.

pub mod profiles;

use crate::ordered::OrderedMap;

use serde::Serialize;

use crate::decimal::fmt_num;
use crate::error::{Error, Result};
use crate::number::{parse_figure, round2, round_to, Figure};

pub use profiles::{metric, metrics, profile, profile_by_id, profiles, MetricDef, MetricUnit};

crate::wire::wire_enum! {
    /// How an actual figure is compared with the target.
    pub enum Op {
        /// Met when actual ≥ target.
        Ge = ">=",
        /// Met when actual ≤ target.
        Le = "<=",
        /// Met when actual = target.
        Eq = "=",
        /// A rank or description: shown, never scored.
        Qualitative = "qualitative",
    }
}

/// One target of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// Metric id (see [`metrics`]).
    pub metric: String,
    /// Chinese label (defaults to the metric's).
    pub zh: String,
    /// English label (defaults to the metric's).
    pub en: String,
    /// Unit (defaults to the metric's).
    pub unit: String,
    /// Comparison.
    pub op: Op,
    /// Target value (`None` for qualitative targets).
    pub value: Option<f64>,
    /// The plan's original Chinese wording.
    pub wording: String,
}

/// A plan's set of targets, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Stable id, e.g. `chengdu-2027`.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Issuing body.
    pub issuer: String,
    /// Document title.
    pub document: String,
    /// Date of the document.
    pub date: String,
    /// Target year.
    pub year: Option<u16>,
    /// Where the figures were taken from.
    pub source: String,
    /// The targets.
    pub targets: Vec<Target>,
}

crate::wire::wire_enum! {
    /// Outcome of one target.
    pub enum Status {
        /// The actual figure meets the target.
        Met = "met",
        /// It does not.
        NotMet = "not_met",
        /// No actual figure was given.
        NoData = "no_data",
        /// A qualitative target: for a person to judge.
        Qualitative = "qualitative",
    }
}

/// One row of a target check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetResult {
    /// Metric id.
    pub metric: String,
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
    /// Unit.
    pub unit: String,
    /// Comparison.
    pub op: Op,
    /// Target value.
    pub target: Option<f64>,
    /// Actual figure, if given.
    pub actual: Option<f64>,
    /// Outcome.
    pub status: Status,
    /// Distance to the target, negative = short (2 decimals).
    pub gap: Option<f64>,
    /// Original wording.
    pub wording: String,
}

/// Counts per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Targets met.
    pub met: usize,
    /// Targets not met.
    pub not_met: usize,
    /// Targets without an actual figure.
    pub no_data: usize,
    /// Qualitative targets.
    pub qualitative: usize,
}

/// The profile as cited in a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileRef {
    /// Profile id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Target year.
    pub year: Option<u16>,
    /// Document title.
    pub document: String,
    /// Source.
    pub source: String,
}

/// The result of [`check_targets`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCheck {
    /// Which profile.
    pub profile: ProfileRef,
    /// One row per target, in the plan's order.
    pub results: Vec<TargetResult>,
    /// Counts per status.
    pub summary: Summary,
}

impl Profile {
    /// Validates a (custom) profile and fills labels and units from the metric catalogue.
    /// Errors name the path, e.g. `profile.targets[1].value`.
    pub fn normalized(mut self) -> Result<Profile> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(Error::Empty {
                field: "profile.id".into(),
            });
        }
        if self.targets.is_empty() {
            errors.push(Error::Empty {
                field: "profile.targets".into(),
            });
        }
        for (n, t) in self.targets.iter_mut().enumerate() {
            let path = |f: &str| format!("profile.targets[{n}].{f}");
            let def = metric(&t.metric);
            match def {
                Some(def) => {
                    if t.zh.is_empty() {
                        t.zh = def.zh.into();
                    }
                    if t.en.is_empty() {
                        t.en = def.en.into();
                    }
                    if t.unit.is_empty() {
                        t.unit = def.unit.symbol().into();
                    }
                }
                None if t.zh.is_empty() || t.en.is_empty() => errors.push(Error::UnknownId {
                    field: path("metric"),
                    id: crate::error::quote(&t.metric),
                }),
                None => {}
            }
            match (t.op, t.value) {
                (Op::Qualitative, _) => {}
                (_, None) => errors.push(Error::Missing {
                    field: path("value"),
                }),
                (_, Some(v)) => {
                    let unit = def.map(|d| d.unit);
                    if let Err(e) = check_amount(path("value"), v, &fmt_num(v), unit) {
                        errors.push(e);
                    }
                }
            }
        }
        Error::from_list(errors)?;
        Ok(self)
    }

    fn reference(&self) -> ProfileRef {
        ProfileRef {
            id: self.id.clone(),
            zh: self.zh.clone(),
            en: self.en.clone(),
            year: self.year,
            document: self.document.clone(),
            source: self.source.clone(),
        }
    }
}

impl Profile {
    /// Reads a custom profile: only `id` and `targets` (each with `metric`, `op`, `value`) are
    /// required; labels come from the metric catalogue ([`Profile::normalized`] is applied).
    pub fn from_value(value: &crate::value::Value) -> Result<Profile> {
        use crate::value::Reader;
        const KEYS: [&str; 9] = [
            "id", "zh", "en", "issuer", "document", "date", "year", "source", "targets",
        ];
        const TARGET_KEYS: [&str; 7] = ["metric", "zh", "en", "unit", "op", "value", "wording"];
        let mut r = Reader::named("profile");
        let Some(o) = r.object(value, "profile", &KEYS) else {
            return r.finish(None);
        };
        let id = r.string(&o, "id");
        let year = r.opt_number(&o, "year").and_then(|y| {
            let (field, value) = (o.path_of("year"), fmt_num(y));
            let e = if y.fract() != 0.0 {
                Some(Error::NotAnInteger { field, value })
            } else if y < MIN_YEAR {
                Some(Error::BelowMinimum {
                    field,
                    value,
                    min: MIN_YEAR,
                })
            } else if y > MAX_YEAR {
                Some(Error::AboveMaximum {
                    field,
                    value,
                    max: MAX_YEAR,
                })
            } else {
                None
            };
            let ok = e.is_none();
            r.errors.extend(e);
            ok.then_some(y as u16)
        });
        let mut targets = Vec::new();
        for (n, item) in r
            .array(&o, "targets")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let Some(t) = r.object(item, &o.path_of(&format!("targets[{n}]")), &TARGET_KEYS) else {
                continue;
            };
            let metric = r.string(&t, "metric");
            let op = r.id(&t, "op", Op::from_id);
            let value = r.opt_number(&t, "value");
            let target = (|| {
                Some(Target {
                    metric: metric?,
                    zh: r.opt_string(&t, "zh"),
                    en: r.opt_string(&t, "en"),
                    unit: r.opt_string(&t, "unit"),
                    op: op?,
                    value,
                    wording: r.opt_string(&t, "wording"),
                })
            })();
            targets.extend(target);
        }
        let profile = id.map(|id| Profile {
            id,
            zh: r.opt_string(&o, "zh"),
            en: r.opt_string(&o, "en"),
            issuer: r.opt_string(&o, "issuer"),
            document: r.opt_string(&o, "document"),
            date: r.opt_string(&o, "date"),
            year,
            source: r.opt_string(&o, "source"),
            targets,
        });
        r.finish(profile)?.normalized()
    }
}

/// Earliest year a profile may name.
pub const MIN_YEAR: f64 = 1900.0;
/// Latest year a profile may name.
pub const MAX_YEAR: f64 = 2100.0;
/// Largest count a target or an actual figure may have (awards, centres, standards). Counts
/// are whole numbers; this bound keeps every gap finite.
pub const MAX_COUNT: f64 = 1_000_000.0;
/// Largest magnitude of a target on a metric outside the catalogue (no unit to bound it).
pub const MAX_CUSTOM_TARGET: f64 = 1e15;

/// Checks an amount against its metric's unit: percentages and points 0–100, counts whole
/// numbers 0–[`MAX_COUNT`]; without a unit (a custom metric), |v| ≤ [`MAX_CUSTOM_TARGET`].
fn check_amount(field: String, v: f64, value: &str, unit: Option<MetricUnit>) -> Result<()> {
    let value = || value.to_string();
    if !v.is_finite() {
        return Err(Error::NotFinite {
            field,
            value: value(),
        });
    }
    let Some(unit) = unit else {
        return if v.abs() > MAX_CUSTOM_TARGET {
            Err(Error::AboveMaximum {
                field,
                value: value(),
                max: MAX_CUSTOM_TARGET,
            })
        } else {
            Ok(())
        };
    };
    if v < 0.0 {
        return Err(Error::Negative {
            field,
            value: value(),
        });
    }
    if unit == MetricUnit::Count && v.fract() != 0.0 {
        return Err(Error::NotAnInteger {
            field,
            value: value(),
        });
    }
    let max = unit.max_value();
    if v > max {
        return Err(Error::AboveMaximum {
            field,
            value: value(),
            max,
        });
    }
    Ok(())
}

/// Parses actual figures `{ <metricId>: number | string }` like assessment input: each must be
/// a known metric, a finite non-negative number, within the metric's maximum (100 for
/// percentages and points; counts are whole numbers up to [`MAX_COUNT`]).
pub fn parse_actuals(actuals: &OrderedMap<String, Figure>) -> Result<OrderedMap<String, f64>> {
    let mut errors = Vec::new();
    let mut out = OrderedMap::new();
    for (id, figure) in actuals {
        let field = format!("actuals.{id}");
        let Some(def) = metric(id) else {
            errors.push(Error::UnknownId {
                field: crate::error::quote(&field),
                id: crate::error::quote(id),
            });
            continue;
        };
        match parse_figure(&field, figure) {
            Ok(None) => {}
            Ok(Some(p)) if p.percent && def.unit != MetricUnit::Percent => {
                errors.push(Error::UnexpectedPercent {
                    field,
                    value: figure.quoted(),
                });
            }
            Ok(Some(p)) => match check_amount(field, p.value, &figure.quoted(), Some(def.unit)) {
                Ok(()) => out.insert(id.clone(), p.value),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(errors)?;
    Ok(out)
}

/// Checks actual figures against a profile's targets.
pub fn check_targets(
    actuals: &OrderedMap<String, Figure>,
    profile: &Profile,
) -> Result<TargetCheck> {
    let actuals = parse_actuals(actuals)?;
    let mut summary = Summary::default();
    let results = profile
        .targets
        .iter()
        .map(|t| {
            let actual = actuals.get(&t.metric).copied();
            let (status, gap) = match (t.op, t.value, actual) {
                (Op::Qualitative, _, _) => (Status::Qualitative, None),
                (_, _, None) | (_, None, _) => (Status::NoData, None),
                (op, Some(target), Some(a)) => {
                    // Compare on the decimal value, like the rounding (no binary noise).
                    let (a9, t9) = (round_to(a, 9), round_to(target, 9));
                    let (met, gap) = match op {
                        Op::Ge => (a9 >= t9, a - target),
                        Op::Le => (a9 <= t9, target - a),
                        Op::Eq | Op::Qualitative => (a9 == t9, a - target),
                    };
                    (
                        if met { Status::Met } else { Status::NotMet },
                        Some(round2(gap)),
                    )
                }
            };
            match status {
                Status::Met => summary.met += 1,
                Status::NotMet => summary.not_met += 1,
                Status::NoData => summary.no_data += 1,
                Status::Qualitative => summary.qualitative += 1,
            }
            TargetResult {
                metric: t.metric.clone(),
                zh: t.zh.clone(),
                en: t.en.clone(),
                unit: t.unit.clone(),
                op: t.op,
                target: t.value,
                actual,
                status,
                gap,
                wording: t.wording.clone(),
            }
        })
        .collect();
    Ok(TargetCheck {
        profile: profile.reference(),
        results,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actuals(pairs: &[(&str, Figure)]) -> OrderedMap<String, Figure> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn custom(op: Op, value: f64) -> Profile {
        Profile {
            id: "t".into(),
            zh: String::new(),
            en: String::new(),
            issuer: String::new(),
            document: String::new(),
            date: String::new(),
            year: None,
            source: String::new(),
            targets: vec![Target {
                metric: "mqci".into(),
                zh: String::new(),
                en: String::new(),
                unit: String::new(),
                op,
                value: Some(value),
                wording: String::new(),
            }],
        }
        .normalized()
        .unwrap()
    }

    #[test]
    fn equality_is_met_and_gap_sign() {
        let p = custom(Op::Ge, 86.0);
        let r = check_targets(&actuals(&[("mqci", Figure::Number(86.0))]), &p).unwrap();
        assert_eq!(
            (r.results[0].status, r.results[0].gap),
            (Status::Met, Some(0.0))
        );
        let r = check_targets(&actuals(&[("mqci", "85.99".into())]), &p).unwrap();
        assert_eq!(
            (r.results[0].status, r.results[0].gap),
            (Status::NotMet, Some(-0.01))
        );
        let p = custom(Op::Le, 1.0);
        let r = check_targets(&actuals(&[("mqci", Figure::Number(60.5))]), &p).unwrap();
        assert_eq!(r.results[0].status, Status::NotMet);
        let p = custom(Op::Eq, 90.0);
        let r = check_targets(&actuals(&[("mqci", Figure::Number(90.0))]), &p).unwrap();
        assert_eq!(r.results[0].status, Status::Met);
        assert_eq!(
            r.results[0].zh, "制造业质量竞争力指数",
            "label from the catalogue"
        );
    }

    #[test]
    fn bad_actuals() {
        let p = custom(Op::Ge, 86.0);
        let e = check_targets(&actuals(&[("mqcii", Figure::Number(86.0))]), &p).unwrap_err();
        assert_eq!((e.code(), e.field()), ("unknown_id", "actuals.mqcii"));
        let e =
            check_targets(&actuals(&[("manufacturing_pass_rate", "101%".into())]), &p).unwrap_err();
        assert_eq!(e.code(), "above_maximum");
        let e = check_targets(&actuals(&[("mqci", "abc".into())]), &p).unwrap_err();
        assert_eq!(e.code(), "not_a_number");
    }

    #[test]
    fn custom_profile_validation() {
        let mut p = custom(Op::Ge, 86.0);
        p.targets[0].value = None;
        let e = p.clone().normalized().unwrap_err();
        assert_eq!(e.field(), "profile.targets[0].value");
        p.targets[0].metric = "unheard_of".into();
        p.targets[0].value = Some(1.0);
        p.targets[0].zh.clear();
        p.targets[0].en.clear();
        let e = p.clone().normalized().unwrap_err();
        assert_eq!(e.field(), "profile.targets[0].metric");
        p.targets.clear();
        assert_eq!(p.normalized().unwrap_err().field(), "profile.targets");
    }
}
