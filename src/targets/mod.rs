//! Target profiles — the numbers of the 质量强国/强省/强市 plans — and the check of actual
//! figures against them, with the progress on the plan's path (docs/methodology.md §6, §10,
//! §11; the rules are in docs/targets.md).
//!
//! Wording → comparison (docs/methodology.md §6): "达到X" / "X以上" / "稳定在X以上" / "不低于X" all mean
//! `actual ≥ X` is met. "位居全国前列" / "保持全国前列" is a rank, not a number: such a target is
//! `qualitative`, shown with its wording for a person to judge, and never counted as met.
//!
//! Gap sign: negative always means short of the target. For `>=` and `=`: `actual − target`;
//! for `<=`: `target − actual`. Two decimals, half-up on the decimal value.
//!
//! Progress (docs/methodology.md §11): the path from baseline B in year t₀ to the end value T
//! in year t₁ is `E(t) = B + (T − B)·(t − t₀)/(t₁ − t₀)`; a count "新增 N over a…b" starts
//! from B = 0 at t₀ = a − 1. An actual is compared with the path value of its own data year.
//! Pace: `done` when the end value is already met; otherwise `ahead` / `on_track` / `behind`
//! by the signed distance d to the path against a tolerance of one twelfth of the planned
//! progress to date, |E − B|/12 (宣城's 11/12 rule, §11): behind when d < −|E − B|/12, ahead
//! when d > |E − B|/12, on track between (bounds included). In or after the end year an unmet
//! target is behind, with or without a baseline.

pub mod figures;
mod json;
pub mod profiles;

use crate::ordered::OrderedMap;

use serde::Serialize;

use crate::decimal::fmt_num;
use crate::error::{quote, Error, Result};
use crate::number::{parse_figure, round2, round_to, Figure};
use crate::value::{Obj, Reader, Value};

pub use figures::{benchmarks, published_figures, Benchmarks, FigureFilter, Published, Scope};
pub use json::parse as parse_json;
pub use profiles::{metric, metrics, profile, profiles, shipped, MetricDef, MetricUnit};

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

crate::wire::wire_enum! {
    /// What a target's number means.
    pub enum Kind {
        /// The value itself (≥ X, ≤ X, = X).
        Absolute = "absolute",
        /// An offset from the national value of the same year ("接近全国平均水平" = 0,
        /// "高于全国1个百分点" = 1).
        RelativeNational = "relative_national",
        /// A change from the baseline ("提升2个百分点以上" = +2): needs a baseline.
        Change = "change",
        /// A count added over the plan period ("新培育30个"); the actual is the count so far.
        Count = "count",
        /// A rank or description ("明显增强", "位居全国前列"): shown, never scored.
        Qualitative = "qualitative",
    }
}

crate::wire::wire_enum! {
    /// The status of the document a number comes from.
    pub enum DocStatus {
        /// An issued document.
        Formal = "正式",
        /// A consultation draft.
        Draft = "征求意见稿",
    }
}

crate::wire::wire_enum! {
    /// Progress on the plan's path (序时进度, docs/methodology.md §11).
    pub enum Pace {
        /// 已完成: the end target is already met.
        Done = "done",
        /// 超进度: above the path by more than the tolerance.
        Ahead = "ahead",
        /// 达进度: within the tolerance of the path.
        OnTrack = "on_track",
        /// 欠进度: below the path by more than the tolerance (or the end year passed unmet).
        Behind = "behind",
        /// 无基期: no path can be drawn (no baseline or no plan period).
        NoBaseline = "no_baseline",
        /// 无数据: no actual figure (or, for a relative target, no national value of its year).
        NoData = "no_data",
        /// 定性: a qualitative target.
        Qualitative = "qualitative",
    }
}

/// A year and the value of a metric in it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearValue {
    /// The (data) year.
    pub year: u16,
    /// The value.
    pub value: f64,
}

/// The years a plan runs over (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First year.
    pub start: u16,
    /// End year (the target year).
    pub end: u16,
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
    /// What the number means.
    pub kind: Kind,
    /// Comparison.
    pub op: Op,
    /// Target value (`None` for qualitative targets); an offset for `relative_national`, a
    /// change for `change`, the count to add for `count`.
    pub value: Option<f64>,
    /// The plan's own baseline, where the document states one.
    pub baseline: Option<YearValue>,
    /// The plan's original Chinese wording.
    pub wording: String,
    /// Remarks (how the wording is read, what is inferred).
    pub note: String,
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
    /// The region the plan is for (全国, 四川, 成都, …).
    pub region: String,
    /// Issuing body.
    pub issuer: String,
    /// Document title.
    pub document: String,
    /// Date of the document.
    pub date: String,
    /// 正式 or 征求意见稿.
    pub status: DocStatus,
    /// Where the figures were taken from.
    pub source: String,
    /// The issuing authority's page, where recorded.
    pub url: Option<String>,
    /// The plan period.
    pub period: Option<Period>,
    /// Target year (the period's end).
    pub year: Option<u16>,
    /// Remarks.
    pub note: String,
    /// Whether the end year has passed (已到期), given the review year; false without one.
    pub expired: bool,
    /// The targets.
    pub targets: Vec<Target>,
}

crate::wire::wire_enum! {
    /// Outcome of one target against its end value.
    pub enum Status {
        /// The actual figure meets the target.
        Met = "met",
        /// It does not.
        NotMet = "not_met",
        /// No actual figure was given (or the end value cannot be known: a change without a
        /// baseline, a relative target without the national value).
        NoData = "no_data",
        /// A qualitative target: for a person to judge.
        Qualitative = "qualitative",
    }
}

crate::wire::wire_enum! {
    /// Where a value used by the check came from.
    pub enum Origin {
        /// The profile (the plan's document).
        Plan = "plan",
        /// The caller's `options.baselines`.
        Options = "options",
        /// The caller's `actuals` (`national_<metric>`).
        Actuals = "actuals",
        /// The shipped published figures (`data/figures.json`).
        Figures = "figures",
    }
}

/// A value used by the check, with its year and origin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Used {
    /// The year.
    pub year: u16,
    /// The value.
    pub value: f64,
    /// Where it came from.
    pub from: Origin,
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
    /// What the target's number means.
    pub kind: Kind,
    /// Comparison.
    pub op: Op,
    /// Target value as the plan states it (an offset, change or count for those kinds).
    pub target: Option<f64>,
    /// The value the actual is compared with at the end (baseline + change, national +
    /// offset, or the target itself), 2 decimals.
    pub end_value: Option<f64>,
    /// Actual figure, if given.
    pub actual: Option<f64>,
    /// The data year the actual was read for (its own, else `options.asOf`, else the end year).
    pub year: Option<u16>,
    /// Outcome against the end value.
    pub status: Status,
    /// Distance to the end value, negative = short (2 decimals).
    pub gap: Option<f64>,
    /// The baseline used for the path.
    pub baseline: Option<Used>,
    /// The national value of the actual's year, for a relative target.
    pub national: Option<Used>,
    /// The path value for the actual's data year (2 decimals).
    pub expected: Option<f64>,
    /// Progress on the path.
    pub pace: Pace,
    /// Signed distance to the path, positive = ahead (2 decimals).
    pub gap_to_path: Option<f64>,
    /// What is still needed to reach the end value, ≥ 0 (2 decimals).
    pub gap_to_target: Option<f64>,
    /// What each remaining year must add (2 decimals); 0 when done, null when no year remains.
    pub required_annual: Option<f64>,
    /// 时间进度: elapsed share of the path's years at the data year, 0–1 (4 decimals).
    pub time_share: Option<f64>,
    /// 完成进度: share of the way from baseline to end value covered (4 decimals; may be
    /// below 0 or above 1).
    pub done_share: Option<f64>,
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
    /// Counts per pace.
    pub paces: PaceCounts,
}

/// Counts per pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaceCounts {
    /// 已完成.
    pub done: usize,
    /// 超进度.
    pub ahead: usize,
    /// 达进度.
    pub on_track: usize,
    /// 欠进度.
    pub behind: usize,
    /// 无基期.
    pub no_baseline: usize,
    /// 无数据.
    pub no_data: usize,
    /// 定性.
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
    /// Region.
    pub region: String,
    /// Target year.
    pub year: Option<u16>,
    /// Plan period.
    pub period: Option<Period>,
    /// Document title.
    pub document: String,
    /// 正式 or 征求意见稿.
    pub status: DocStatus,
    /// Source.
    pub source: String,
    /// Whether the end year is before `options.asOf`.
    pub expired: bool,
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCheck {
    /// Which profile.
    pub profile: ProfileRef,
    /// One row per target, in the plan's order.
    pub results: Vec<TargetResult>,
    /// Counts per status and pace.
    pub summary: Summary,
}

/// Earliest year a profile, baseline or actual may name.
pub const MIN_YEAR: f64 = 1900.0;
/// Latest year a profile, baseline or actual may name.
pub const MAX_YEAR: f64 = 2100.0;
/// Largest count a target or an actual figure may have (awards, centres, standards,
/// enterprises). Counts are whole numbers; this bound keeps every gap finite.
pub const MAX_COUNT: f64 = 1_000_000.0;
/// Largest magnitude of a target on a metric outside the catalogue (no unit to bound it).
pub const MAX_CUSTOM_TARGET: f64 = 1e15;

/// A year: a whole number in [`MIN_YEAR`]..=[`MAX_YEAR`].
fn check_year(field: String, y: f64) -> Result<u16> {
    let value = fmt_num(y);
    if !y.is_finite() {
        Err(Error::NotFinite { field, value })
    } else if y.fract() != 0.0 {
        Err(Error::NotAnInteger { field, value })
    } else if y < MIN_YEAR {
        Err(Error::BelowMinimum {
            field,
            value,
            min: MIN_YEAR,
        })
    } else if y > MAX_YEAR {
        Err(Error::AboveMaximum {
            field,
            value,
            max: MAX_YEAR,
        })
    } else {
        Ok(y as u16)
    }
}

fn opt_year(r: &mut Reader, o: &Obj, key: &str) -> Option<u16> {
    let y = r.opt_number(o, key)?;
    check_year(o.path_of(key), y).map_err(|e| r.push(e)).ok()
}

fn year(r: &mut Reader, o: &Obj, key: &str) -> Option<u16> {
    let y = r.number(o, key)?;
    check_year(o.path_of(key), y).map_err(|e| r.push(e)).ok()
}

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

/// Checks a signed difference (an offset from the national value or a change from the
/// baseline): |v| ≤ the unit's maximum.
fn check_difference(field: String, v: f64, unit: Option<MetricUnit>) -> Result<()> {
    let max = unit.map_or(MAX_CUSTOM_TARGET, MetricUnit::max_value);
    let value = fmt_num(v);
    if !v.is_finite() {
        Err(Error::NotFinite { field, value })
    } else if v > max {
        Err(Error::AboveMaximum { field, value, max })
    } else if v < -max {
        Err(Error::BelowMinimum {
            field,
            value,
            min: -max,
        })
    } else {
        Ok(())
    }
}

fn year_value(r: &mut Reader, o: &Obj, key: &str, unit: Option<MetricUnit>) -> Option<YearValue> {
    let b = r.opt_object_field(o, key, &["year", "value"])?;
    let year = year(r, &b, "year");
    let value = r.number(&b, "value").and_then(|v| {
        check_amount(b.path_of("value"), v, &fmt_num(v), unit)
            .map_err(|e| r.push(e))
            .ok()
            .map(|()| v)
    });
    Some(YearValue {
        year: year?,
        value: value?,
    })
}

impl Profile {
    /// Reads a host's profile (`profile-src`, `readProfile`, `checkTargets`): only `id` and
    /// `targets` (each with `metric`, and `op` + `value` unless qualitative) are required;
    /// labels come from the metric catalogue. Every error names its path, e.g.
    /// `profile.targets[1].value`.
    pub fn from_value(value: &Value) -> Result<Profile> {
        Profile::read(value, "profile")
    }

    /// Reads a profile given as JSON text (errors as [`Profile::from_value`]; a syntax error
    /// is `unreadable` with its line and column).
    pub fn from_json(text: &str) -> Result<Profile> {
        Profile::from_value(&json::parse(text, "profile")?)
    }

    /// Reads a profile at `path` (`profile`, `profiles[3]`).
    pub fn read(value: &Value, path: &str) -> Result<Profile> {
        const KEYS: [&str; 14] = [
            "id", "zh", "en", "region", "issuer", "document", "date", "status", "source", "url",
            "period", "year", "note", "targets",
        ];
        const TARGET_KEYS: [&str; 10] = [
            "metric", "zh", "en", "unit", "kind", "op", "value", "baseline", "wording", "note",
        ];
        let mut r = Reader::named("profile");
        let Some(o) = r.object(value, path, &KEYS) else {
            return r.finish(None);
        };
        let id = r.string(&o, "id");
        if id.as_deref().is_some_and(|s| s.trim().is_empty()) {
            r.push(Error::Empty {
                field: o.path_of("id"),
            });
        }
        let status = match o.get("status") {
            None => Some(DocStatus::Formal),
            Some(_) => r.id(&o, "status", DocStatus::from_id),
        };
        let url = match o.get("url") {
            None => Some(None),
            Some(_) => r.string(&o, "url").map(Some),
        };
        let period = r
            .opt_object_field(&o, "period", &["start", "end"])
            .and_then(|p| {
                let (start, end) = (year(&mut r, &p, "start")?, year(&mut r, &p, "end")?);
                if end < start {
                    r.push(Error::BelowMinimum {
                        field: p.path_of("end"),
                        value: end.to_string(),
                        min: f64::from(start),
                    });
                    return None;
                }
                Some(Period { start, end })
            });
        let mut end_year = opt_year(&mut r, &o, "year");
        if let (Some(p), Some(y)) = (period, end_year) {
            if p.end != y {
                r.push(Error::AboveMaximum {
                    field: o.path_of("year"),
                    value: y.to_string(),
                    max: f64::from(p.end),
                });
            }
        }
        end_year = end_year.or(period.map(|p| p.end));
        let items = r.array(&o, "targets").unwrap_or_default();
        if items.is_empty() && o.get("targets").is_some() {
            r.push(Error::Empty {
                field: o.path_of("targets"),
            });
        }
        let mut targets = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let Some(t) = r.object(item, &o.path_of(&format!("targets[{n}]")), &TARGET_KEYS) else {
                continue;
            };
            targets.extend(read_target(&mut r, &t));
        }
        let profile = (|| {
            Some(Profile {
                id: id?,
                zh: r.opt_string(&o, "zh"),
                en: r.opt_string(&o, "en"),
                region: r.opt_string(&o, "region"),
                issuer: r.opt_string(&o, "issuer"),
                document: r.opt_string(&o, "document"),
                date: r.opt_string(&o, "date"),
                status: status?,
                source: r.opt_string(&o, "source"),
                url: url?,
                period,
                year: end_year,
                note: r.opt_string(&o, "note"),
                expired: false,
                targets,
            })
        })();
        r.finish(profile)
    }

    fn reference(&self, as_of: Option<u16>) -> ProfileRef {
        ProfileRef {
            id: self.id.clone(),
            zh: self.zh.clone(),
            en: self.en.clone(),
            region: self.region.clone(),
            year: self.year,
            period: self.period,
            document: self.document.clone(),
            status: self.status,
            source: self.source.clone(),
            expired: self.expired_at(as_of),
        }
    }

    /// Whether the plan's end year is before `as_of` (已到期).
    pub fn expired_at(&self, as_of: Option<u16>) -> bool {
        matches!((self.year, as_of), (Some(end), Some(y)) if y > end)
    }
}

/// Reads one target; labels and unit from the catalogue.
fn read_target(r: &mut Reader, t: &Obj) -> Option<Target> {
    let metric = r.string(t, "metric");
    let def = metric.as_deref().and_then(profiles::metric);
    let (zh, en) = (r.opt_string(t, "zh"), r.opt_string(t, "en"));
    if def.is_none() && metric.is_some() && (zh.is_empty() || en.is_empty()) {
        r.push(Error::UnknownId {
            field: t.path_of("metric"),
            id: quote(metric.as_deref().unwrap_or_default()),
        });
    }
    let unit = def.map(|d| d.unit);
    let kind = match t.get("kind") {
        Some(_) => r.id(t, "kind", Kind::from_id),
        None => Some(match (t.get("op"), unit) {
            (Some(Value::String(op)), _) if op == Op::Qualitative.id() => Kind::Qualitative,
            (_, Some(MetricUnit::Count)) => Kind::Count,
            _ => Kind::Absolute,
        }),
    };
    let op = match (kind, t.get("op")) {
        (Some(Kind::Qualitative), None) => Some(Op::Qualitative),
        // A count is a number to reach.
        (Some(Kind::Count), None) => Some(Op::Ge),
        _ => r.id(t, "op", Op::from_id),
    };
    // A qualitative op belongs to a qualitative target only (and the other way round).
    let op = match (kind, op) {
        (Some(Kind::Qualitative), Some(_)) => Some(Op::Qualitative),
        (Some(_), Some(Op::Qualitative)) => {
            r.push(Error::UnknownId {
                field: t.path_of("op"),
                id: Op::Qualitative.id().into(),
            });
            None
        }
        (_, op) => op,
    };
    let value = r.opt_number(t, "value");
    let value_ok = match (kind, value) {
        (Some(Kind::Qualitative), _) | (None, _) => true,
        (Some(_), None) => {
            r.push(Error::Missing {
                field: t.path_of("value"),
            });
            false
        }
        (Some(k), Some(v)) => {
            let field = t.path_of("value");
            let checked = match k {
                Kind::RelativeNational | Kind::Change => check_difference(field, v, unit),
                Kind::Count => check_amount(field, v, &fmt_num(v), Some(MetricUnit::Count)),
                _ => check_amount(field, v, &fmt_num(v), unit),
            };
            checked.map_err(|e| r.push(e)).is_ok()
        }
    };
    let baseline = year_value(r, t, "baseline", unit);
    let kind = kind?;
    let op = op?;
    if !value_ok {
        return None;
    }
    Some(Target {
        zh: if zh.is_empty() {
            def.map_or(String::new(), |d| d.zh.into())
        } else {
            zh
        },
        en: if en.is_empty() {
            def.map_or(String::new(), |d| d.en.into())
        } else {
            en
        },
        unit: match r.opt_string(t, "unit") {
            u if u.is_empty() => def.map_or(String::new(), |d| d.unit.symbol().into()),
            u => u,
        },
        metric: metric?,
        kind,
        op,
        value: if kind == Kind::Qualitative {
            None
        } else {
            value
        },
        baseline,
        wording: r.opt_string(t, "wording"),
        note: r.opt_string(t, "note"),
    })
}

/// Every shipped profile, each marked `expired` when its end year is before `as_of`.
pub fn target_profiles(as_of: Option<u16>) -> Vec<Profile> {
    let mut all = profiles();
    for p in &mut all {
        p.expired = p.expired_at(as_of);
    }
    all
}

/// Reads the options of `targetProfiles`: `{ asOf? }` (a whole year), or nothing.
pub fn profiles_options(value: &Value) -> Result<Option<u16>> {
    if *value == Value::Null {
        return Ok(None);
    }
    let mut r = Reader::named("options");
    let Some(o) = r.object(value, "options", &["asOf"]) else {
        return r.finish(None);
    };
    let as_of = opt_year(&mut r, &o, "asOf");
    r.finish(Some(as_of))
}

/// Looks a shipped profile up by id; an unknown id is `unknown_id` on `profile` (never a
/// fallback).
pub fn profile_by_id(id: &str) -> Result<Profile> {
    profile(id).ok_or_else(|| Error::UnknownId {
        field: "profile".into(),
        id: quote(id),
    })
}

/// An actual figure and, where given, its data year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Actual {
    /// The value.
    pub value: f64,
    /// Its data year.
    pub year: Option<u16>,
}

/// The options of [`check`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckOptions {
    /// The year of the review: the data year of an actual given without one, and the year
    /// against which `expired` is judged.
    pub as_of: Option<u16>,
    /// Baselines the plan does not state, per metric.
    pub baselines: OrderedMap<String, YearValue>,
}

impl CheckOptions {
    /// Reads `{ asOf?, baselines?: { <metric>: { year, value } } }` (errors name
    /// `options.asOf`, `options.baselines.mqci.year`, …).
    pub fn from_value(value: &Value) -> Result<CheckOptions> {
        let mut r = Reader::named("options");
        if *value == Value::Null {
            return Ok(CheckOptions::default());
        }
        let Some(o) = r.object(value, "options", &["asOf", "baselines"]) else {
            return r.finish(None);
        };
        let as_of = opt_year(&mut r, &o, "asOf");
        let mut baselines = OrderedMap::new();
        if let Some(b) = r.opt_object_field(&o, "baselines", &[]) {
            for (metric_id, _) in b.entries() {
                let unit = match profiles::metric(metric_id) {
                    Some(d) => Some(d.unit),
                    None => {
                        r.push(Error::UnknownId {
                            field: quote(&b.path_of(metric_id)),
                            id: quote(metric_id),
                        });
                        continue;
                    }
                };
                if let Some(yv) = year_value(&mut r, &b, metric_id, unit) {
                    baselines.insert(metric_id.clone(), yv);
                }
            }
        }
        r.finish(Some(CheckOptions { as_of, baselines }))
    }
}

/// The prefix of an actual that gives the national value of a metric (`national_mqci`), for
/// relative targets.
pub const NATIONAL_PREFIX: &str = "national_";

/// Reads actual figures `{ <metricId> | national_<metricId>: number | string | { value, year } }`
/// like assessment input: each must be a known metric, a finite non-negative number within the
/// metric's maximum (100 for percentages and points; counts are whole numbers up to
/// [`MAX_COUNT`]); `year` a whole year. Empty figures are left out.
pub fn read_actuals(value: &Value) -> Result<OrderedMap<String, Actual>> {
    let mut r = Reader::named("actuals");
    let mut out = OrderedMap::new();
    if *value == Value::Null {
        return Ok(out);
    }
    let Some(o) = r.object(value, "actuals", &[]) else {
        return r.finish(None);
    };
    for (id, v) in o.entries() {
        let field = o.path_of(id);
        match v {
            Value::Object(_) => {
                let Some(a) = r.object(v, &field, &["value", "year"]) else {
                    continue;
                };
                let year = opt_year(&mut r, &a, "year");
                if a.get("year").is_some() && year.is_none() {
                    continue;
                }
                let figure = a.get("value").map_or(Figure::Empty, Value::to_figure);
                add_actual(&mut r, &mut out, id, a.path_of("value"), &figure, year);
            }
            v => add_actual(&mut r, &mut out, id, field, &v.to_figure(), None),
        }
    }
    r.finish(Some(out))
}

fn add_actual(
    r: &mut Reader,
    out: &mut OrderedMap<String, Actual>,
    id: &str,
    field: String,
    figure: &Figure,
    year: Option<u16>,
) {
    let def = profiles::metric(id)
        .or_else(|| id.strip_prefix(NATIONAL_PREFIX).and_then(profiles::metric));
    let Some(def) = def else {
        r.push(Error::UnknownId {
            field: quote(&format!("actuals.{id}")),
            id: quote(id),
        });
        return;
    };
    match parse_figure(&field, figure) {
        Ok(None) => {}
        Ok(Some(p)) if p.percent && def.unit != MetricUnit::Percent => {
            r.push(Error::UnexpectedPercent {
                field,
                value: figure.quoted(),
            });
        }
        Ok(Some(p)) => match check_amount(field, p.value, &figure.quoted(), Some(def.unit)) {
            Ok(()) => out.insert(
                id.to_string(),
                Actual {
                    value: p.value,
                    year,
                },
            ),
            Err(e) => r.push(e),
        },
        Err(e) => r.push(e),
    }
}

/// Parses actual figures `{ <metricId>: number | string }` (no years): see [`read_actuals`].
pub fn parse_actuals(actuals: &OrderedMap<String, Figure>) -> Result<OrderedMap<String, f64>> {
    let mut r = Reader::named("actuals");
    let mut out = OrderedMap::new();
    for (id, figure) in actuals {
        add_actual(&mut r, &mut out, id, format!("actuals.{id}"), figure, None);
    }
    Ok(r.finish(Some(out))?
        .iter()
        .map(|(k, a)| (k.clone(), a.value))
        .collect())
}

/// Checks actual figures (without years) against a profile's end values, as before issue 10:
/// [`check`] with no options.
pub fn check_targets(
    actuals: &OrderedMap<String, Figure>,
    profile: &Profile,
) -> Result<TargetCheck> {
    let actuals = parse_actuals(actuals)?
        .iter()
        .map(|(k, &value)| (k.clone(), Actual { value, year: None }))
        .collect();
    check(&actuals, profile, &CheckOptions::default())
}

/// The national value of `metric` for `year`: `actuals.national_<metric>` when its year (its
/// own, else `asOf`, else the plan's end year) is `year`, else the latest published national
/// figure of that data year (`data/figures.json`).
fn national_value(
    metric: &str,
    year: u16,
    actuals: &OrderedMap<String, Actual>,
    options: &CheckOptions,
    end_year: Option<u16>,
) -> Option<Used> {
    if let Some(n) = actuals.get(&format!("{NATIONAL_PREFIX}{metric}")) {
        if n.year.or(options.as_of).or(end_year) == Some(year) {
            return Some(Used {
                year,
                value: n.value,
                from: Origin::Actuals,
            });
        }
    }
    figures::national(metric, year).map(|value| Used {
        year,
        value,
        from: Origin::Figures,
    })
}

fn round4(x: f64) -> f64 {
    round_to(x, 4)
}

/// One row of the check (see the module docs for the rules).
fn row(
    t: &Target,
    profile: &Profile,
    actuals: &OrderedMap<String, Actual>,
    options: &CheckOptions,
) -> TargetResult {
    let actual = actuals.get(&t.metric).copied();
    let year = actual
        .and_then(|a| a.year)
        .or(options.as_of)
        .or(profile.year);
    let mut out = TargetResult {
        metric: t.metric.clone(),
        zh: t.zh.clone(),
        en: t.en.clone(),
        unit: t.unit.clone(),
        kind: t.kind,
        op: t.op,
        target: t.value,
        end_value: None,
        actual: actual.map(|a| a.value),
        year: actual.and(year),
        status: Status::NoData,
        gap: None,
        baseline: None,
        national: None,
        expected: None,
        pace: Pace::NoData,
        gap_to_path: None,
        gap_to_target: None,
        required_annual: None,
        time_share: None,
        done_share: None,
        wording: t.wording.clone(),
    };
    let value = match (t.kind, t.op, t.value) {
        (Kind::Qualitative, _, _) | (_, Op::Qualitative, _) | (_, _, None) => {
            out.status = Status::Qualitative;
            out.pace = Pace::Qualitative;
            out.target = None;
            return out;
        }
        (_, _, Some(v)) => v,
    };
    let national_at = |y: u16| national_value(&t.metric, y, actuals, options, profile.year);
    out.baseline = match t.kind {
        Kind::Count => profile.period.map(|p| Used {
            year: p.start.saturating_sub(1),
            value: 0.0,
            from: Origin::Plan,
        }),
        _ => t
            .baseline
            .map(|b| Used {
                year: b.year,
                value: b.value,
                from: Origin::Plan,
            })
            .or_else(|| {
                options.baselines.get(&t.metric).map(|b| Used {
                    year: b.year,
                    value: b.value,
                    from: Origin::Options,
                })
            }),
    };
    if t.kind == Kind::RelativeNational {
        out.national = year.and_then(national_at);
    }
    let end = match t.kind {
        Kind::Change => out.baseline.map(|b| b.value + value),
        Kind::RelativeNational => out.national.map(|n| n.value + value),
        _ => Some(value),
    };
    out.end_value = end.map(round2);
    let Some(a) = actual.map(|a| a.value) else {
        return out;
    };
    let Some(end) = end else {
        out.pace = if t.kind == Kind::Change {
            Pace::NoBaseline
        } else {
            Pace::NoData
        };
        return out;
    };
    let (a9, e9) = (round_to(a, 9), round_to(end, 9));
    let met = match t.op {
        Op::Ge => a9 >= e9,
        Op::Le => a9 <= e9,
        Op::Eq | Op::Qualitative => a9 == e9,
    };
    out.status = if met { Status::Met } else { Status::NotMet };
    out.gap = Some(round2(if t.op == Op::Le { end - a } else { a - end }));
    // The path in the comparison's own terms: offsets from the national value for a relative
    // target (`shift` = the national value of the data year), the values themselves otherwise.
    let path = (|| {
        let b = out.baseline?;
        let (y, t1) = (year?, profile.year?);
        let (b_value, t_value, shift) = match t.kind {
            Kind::RelativeNational => (
                b.value - national_at(b.year)?.value,
                value,
                out.national?.value,
            ),
            _ => (b.value, end, 0.0),
        };
        Some((b.year, b_value, t1, t_value, shift, y))
    })();
    let sign = match (t.op, path) {
        (Op::Le, _) => -1.0,
        (Op::Eq, Some((_, b, _, t_value, _, _))) if t_value < b => -1.0,
        _ => 1.0,
    };
    let still = if met {
        0.0
    } else if t.op == Op::Eq {
        (end - a).abs()
    } else {
        sign * (end - a)
    };
    out.gap_to_target = Some(round2(still));
    out.required_annual = match (year, profile.year) {
        _ if met => Some(0.0),
        (Some(y), Some(t1)) if y < t1 => Some(round2(still / f64::from(t1 - y))),
        _ => None,
    };
    let Some((t0, b, t1, t_value, shift, y)) = path else {
        let over = matches!((year, profile.year), (Some(y), Some(t1)) if y >= t1);
        out.pace = if met {
            Pace::Done
        } else if over {
            Pace::Behind
        } else {
            Pace::NoBaseline
        };
        return out;
    };
    let share = if t1 <= t0 {
        1.0
    } else {
        ((f64::from(y) - f64::from(t0)) / f64::from(t1 - t0)).clamp(0.0, 1.0)
    };
    let e = b + (t_value - b) * share;
    let expected = e + shift;
    let d = sign * (a - expected);
    out.expected = Some(round2(expected));
    out.gap_to_path = Some(round2(d));
    out.time_share = Some(round4(share));
    out.done_share = (t_value != b).then(|| round4((a - shift - b) / (t_value - b)));
    let (d12, planned) = (round_to(12.0 * d, 9), round_to((e - b).abs(), 9));
    out.pace = if met {
        Pace::Done
    } else if y >= t1 || d12 < -planned {
        Pace::Behind
    } else if d12 > planned {
        Pace::Ahead
    } else {
        Pace::OnTrack
    };
    out
}

/// Checks actual figures against a profile: each target's end value (`status`, `gap`) and
/// its progress on the plan's path (`expected`, `pace`, `gapToPath`, `gapToTarget`,
/// `requiredAnnual`); see the module docs and docs/targets.md for the rules.
pub fn check(
    actuals: &OrderedMap<String, Actual>,
    profile: &Profile,
    options: &CheckOptions,
) -> Result<TargetCheck> {
    let results: Vec<TargetResult> = profile
        .targets
        .iter()
        .map(|t| row(t, profile, actuals, options))
        .collect();
    let mut summary = Summary::default();
    for r in &results {
        match r.status {
            Status::Met => summary.met += 1,
            Status::NotMet => summary.not_met += 1,
            Status::NoData => summary.no_data += 1,
            Status::Qualitative => summary.qualitative += 1,
        }
        let p = &mut summary.paces;
        match r.pace {
            Pace::Done => p.done += 1,
            Pace::Ahead => p.ahead += 1,
            Pace::OnTrack => p.on_track += 1,
            Pace::Behind => p.behind += 1,
            Pace::NoBaseline => p.no_baseline += 1,
            Pace::NoData => p.no_data += 1,
            Pace::Qualitative => p.qualitative += 1,
        }
    }
    Ok(TargetCheck {
        profile: profile.reference(options.as_of),
        results,
        summary,
    })
}

/// [`check`] with every argument read from a caller's values: `profile` an id of a shipped
/// profile (unknown → `unknown_id` on `profile`) or a profile object; `actuals` and
/// `options` as [`read_actuals`] and [`CheckOptions::from_value`] read them. The wasm
/// `checkTargets` is this.
pub fn check_values(actuals: &Value, profile: &Value, options: &Value) -> Result<TargetCheck> {
    let profile = match profile {
        Value::String(id) => profile_by_id(id),
        Value::Null => Err(Error::Missing {
            field: "profile".into(),
        }),
        v => Profile::from_value(v),
    };
    let actuals = read_actuals(actuals);
    let options = CheckOptions::from_value(options);
    match (profile, actuals, options) {
        (Ok(p), Ok(a), Ok(o)) => check(&a, &p, &o),
        (p, a, o) => {
            let errors = [p.err(), a.err(), o.err()]
                .into_iter()
                .flatten()
                .flat_map(Error::into_errors)
                .collect();
            Error::from_list(errors)?;
            Err(Error::Internal {
                field: "profile".into(),
                message: "unreachable".into(),
            })
        }
    }
}
