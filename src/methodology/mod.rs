//! The methodology: weights, standardization bounds, bands — data with provenance.
//!
//! docs/methodology.md §3 and §7: the tree and the 0.5/0.5 top split are published; the weights below the
//! top and the 60/100 bounds of each indicator are not, so they are *assumptions* that must be
//! shown and replaceable. A [`Methodology`] is plain data (serde, camelCase), the built-in one is
//! in [`builtin`], and a host may pass its own in the same schema: [`Methodology::validate`]
//! checks it and names the path of any bad field (e.g. `indicators.quality_loss_rate.best`).

pub mod builtin;

use crate::ordered::OrderedMap;

use serde::Serialize;

use crate::decimal::fmt_num;
use crate::error::{Error, Result};
use crate::model::{Direction, Indicator, Secondary, Tertiary, Unit};
pub use crate::score::Standardization;
use crate::score::{band_of, Score, MAX_MAGNITUDE};

/// Tolerance for "sibling weights sum to 1".
pub const WEIGHT_TOLERANCE: f64 = 1e-9;

/// Provenance of the numbers of one indicator: each string starts with `sourced:` or
/// `assumed:`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorProvenance {
    /// Where the weight comes from.
    pub weight: String,
    /// Where the 60-point value comes from, with a one-line rationale if assumed.
    pub worst: String,
    /// Where the 100-point value comes from, with a one-line rationale if assumed.
    pub best: String,
}

/// A short bilingual text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// Parameters of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorParams {
    /// Weight inside its tertiary parent.
    pub weight: f64,
    /// Weight in the index (product of the weights on the path). Output only: recomputed on
    /// input.
    pub overall_weight: f64,
    /// Tertiary parent id. Output only: the tree is fixed, a different parent is refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Value that scores 60 (功效系数法 不允许值).
    pub worst: f64,
    /// Value that scores 100 (满意值).
    pub best: f64,
    /// Which way is better; must agree with `worst`/`best`.
    pub direction: Direction,
    /// Unit; fixed by the indicator's definition.
    pub unit: Unit,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// One-line definition (formula).
    pub definition: Text,
    /// Provenance of `weight`, `worst` and `best`.
    pub provenance: IndicatorProvenance,
}

/// Parameters of a tertiary or secondary node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeParams {
    /// Weight inside its parent.
    pub weight: f64,
    /// Parent id (tertiary nodes only; output only, checked against the fixed tree on input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Provenance of `weight`.
    pub provenance: String,
}

/// One grade band: `[min, max)`, the last one also includes its `max`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// Stable id (`none`, `insufficient`, `initial`, `medium`, `strong` in the 2011 scheme).
    pub id: String,
    /// Lower bound, inclusive.
    pub min: f64,
    /// Upper bound, exclusive except for the last band.
    pub max: f64,
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
}

/// Provenance of the parts of a methodology that are not per-indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MethodologyProvenance {
    /// Where the tree comes from.
    pub structure: String,
    /// Where the standardization function comes from.
    pub standardization: String,
    /// Where the band scheme comes from.
    pub bands: String,
    /// Where the rounding rule comes from.
    pub rounding: String,
}

/// A complete methodology.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Methodology {
    /// Identifier, e.g. `mqci-default`.
    pub id: String,
    /// Version of the parameter set.
    pub version: String,
    /// Standardization function.
    pub standardization: Standardization,
    /// Band scheme id (`2011`, `2009`, or a host's own).
    pub band_scheme: String,
    /// Provenance of the non-indicator parts.
    pub provenance: MethodologyProvenance,
    /// The 12 indicators.
    pub indicators: OrderedMap<Indicator, IndicatorParams>,
    /// The 6 tertiary nodes.
    pub tertiary: OrderedMap<Tertiary, NodeParams>,
    /// The 2 secondary nodes.
    pub secondary: OrderedMap<Secondary, NodeParams>,
    /// Grade bands, ascending and contiguous.
    pub bands: Vec<Band>,
}

fn check_weight(errors: &mut Vec<Error>, field: String, w: f64) {
    if !w.is_finite() || !(0.0..=1.0).contains(&w) {
        errors.push(Error::WeightRange {
            field,
            value: fmt_num(w),
        });
    }
}

fn check_sum(errors: &mut Vec<Error>, field: String, weights: impl Iterator<Item = f64>) {
    let sum: f64 = weights.sum();
    if (sum - 1.0).abs() > WEIGHT_TOLERANCE {
        errors.push(Error::WeightsSum { field, sum });
    }
}

impl Methodology {
    /// Parameters of an indicator. Panic-free: a validated methodology has all twelve.
    pub fn indicator(&self, i: Indicator) -> Option<&IndicatorParams> {
        self.indicators.get(&i)
    }

    /// Weight of a tertiary node inside its secondary.
    pub fn tertiary_weight(&self, t: Tertiary) -> f64 {
        self.tertiary.get(&t).map_or(0.0, |p| p.weight)
    }

    /// Weight of a secondary node in the index.
    pub fn secondary_weight(&self, s: Secondary) -> f64 {
        self.secondary.get(&s).map_or(0.0, |p| p.weight)
    }

    /// Weight of an indicator inside its tertiary.
    pub fn indicator_weight(&self, i: Indicator) -> f64 {
        self.indicators.get(&i).map_or(0.0, |p| p.weight)
    }

    /// Weight of an indicator in the index: indicator × tertiary × secondary weight.
    pub fn overall_weight(&self, i: Indicator) -> f64 {
        let t = i.parent();
        self.indicator_weight(i) * self.tertiary_weight(t) * self.secondary_weight(t.parent())
    }

    /// The band an index value falls in: half-open `[min, max)`, the last band closed.
    pub fn band_for(&self, index: f64) -> Option<&Band> {
        band_of(index, &self.bands, |b| (b.min, b.max))
    }

    /// Fills in derived, output-only fields (`overallWeight`, tertiary `parent`).
    pub fn fill_derived(&mut self) {
        let overall: Vec<(Indicator, f64)> = Indicator::ALL
            .iter()
            .map(|&i| (i, self.overall_weight(i)))
            .collect();
        for (i, w) in overall {
            if let Some(p) = self.indicators.get_mut(&i) {
                p.overall_weight = w;
                p.parent = Some(i.parent().id().to_string());
            }
        }
        for (t, p) in self.tertiary.0.iter_mut() {
            p.parent = Some(t.parent().id().to_string());
        }
        // Canonical (published) order, whatever order a host's object had.
        self.indicators.reorder(&Indicator::ALL);
        self.tertiary.reorder(&Tertiary::ALL);
        self.secondary.reorder(&Secondary::ALL);
    }

    /// Fills in the texts a host may leave out, from the built-in methodology where they still
    /// hold: indicator definitions (the indicators are fixed), and the methodology's provenance
    /// of the tree, the rounding and the chosen standardization function; that of the bands only
    /// when the band bounds are those of the built-in scheme named by `bandScheme`.
    pub fn fill_texts(&mut self) {
        let band_scheme = builtin::BandScheme::from_id(&self.band_scheme).unwrap_or_default();
        let base = builtin::default_methodology(builtin::Options {
            band_scheme,
            standardization: self.standardization,
        });
        let fill = |mine: &mut String, given: &str| {
            if mine.trim().is_empty() {
                *mine = given.to_string();
            }
        };
        for (i, p) in self.indicators.0.iter_mut() {
            if let Some(b) = base.indicators.get(i) {
                fill(&mut p.definition.zh, &b.definition.zh);
                fill(&mut p.definition.en, &b.definition.en);
            }
        }
        let (mine, given) = (&mut self.provenance, &base.provenance);
        fill(&mut mine.structure, &given.structure);
        fill(&mut mine.rounding, &given.rounding);
        fill(&mut mine.standardization, &given.standardization);
        let bounds = |bands: &[Band]| bands.iter().map(|b| (b.min, b.max)).collect::<Vec<_>>();
        if bounds(&self.bands) == bounds(&base.bands) {
            fill(&mut mine.bands, &given.bands);
        }
    }

    /// Checks every rule and returns all violations, each naming its path:
    /// every node present; weights in [0, 1] and sibling weights summing to 1 within 1e-9;
    /// `worst ≠ best`, both finite, in the order `direction` says; the unit of the definition;
    /// bands non-empty, ascending, contiguous, covering 60–100, with unique ids.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(Error::Empty { field: "id".into() });
        }
        if self.version.trim().is_empty() {
            errors.push(Error::Empty {
                field: "version".into(),
            });
        }
        for s in Secondary::ALL {
            match self.secondary.get(&s) {
                Some(p) => check_weight(
                    &mut errors,
                    format!("secondary.{}.weight", s.id()),
                    p.weight,
                ),
                None => errors.push(Error::Missing {
                    field: format!("secondary.{}", s.id()),
                }),
            }
        }
        if Secondary::ALL
            .iter()
            .all(|s| self.secondary.contains_key(s))
        {
            check_sum(
                &mut errors,
                "secondary".into(),
                Secondary::ALL.iter().map(|&s| self.secondary_weight(s)),
            );
        }
        for t in Tertiary::ALL {
            match self.tertiary.get(&t) {
                Some(p) => {
                    check_weight(&mut errors, format!("tertiary.{}.weight", t.id()), p.weight);
                    if let Some(parent) = &p.parent {
                        if parent != t.parent().id() {
                            errors.push(Error::FixedParent {
                                field: format!("tertiary.{}.parent", t.id()),
                                value: crate::error::quote(parent),
                                expected: t.parent().id(),
                            });
                        }
                    }
                }
                None => errors.push(Error::Missing {
                    field: format!("tertiary.{}", t.id()),
                }),
            }
        }
        for s in Secondary::ALL {
            if s.children().iter().all(|t| self.tertiary.contains_key(t)) {
                check_sum(
                    &mut errors,
                    format!("tertiary[parent={}]", s.id()),
                    s.children().iter().map(|&t| self.tertiary_weight(t)),
                );
            }
        }
        for i in Indicator::ALL {
            let path = |f: &str| format!("indicators.{}.{f}", i.id());
            let Some(p) = self.indicators.get(&i) else {
                errors.push(Error::Missing {
                    field: format!("indicators.{}", i.id()),
                });
                continue;
            };
            check_weight(&mut errors, path("weight"), p.weight);
            if let Some(parent) = &p.parent {
                if parent != i.parent().id() {
                    errors.push(Error::FixedParent {
                        field: path("parent"),
                        value: crate::error::quote(parent),
                        expected: i.parent().id(),
                    });
                }
            }
            let mut ends_ok = true;
            for (name, v) in [("worst", p.worst), ("best", p.best)] {
                if !v.is_finite() {
                    ends_ok = false;
                    errors.push(Error::NotFinite {
                        field: path(name),
                        value: fmt_num(v),
                    });
                } else if v.abs() > MAX_MAGNITUDE {
                    ends_ok = false;
                    errors.push(Error::SpanTooWide {
                        field: path(name),
                        value: fmt_num(v),
                        max: MAX_MAGNITUDE,
                    });
                }
            }
            if p.worst == p.best {
                errors.push(Error::WorstEqualsBest {
                    field: path("best"),
                    value: fmt_num(p.best),
                    worst: p.worst,
                    best: p.best,
                });
            } else if ends_ok {
                let ok = match p.direction {
                    Direction::Higher => p.best > p.worst,
                    Direction::Lower => p.best < p.worst,
                };
                if !ok {
                    errors.push(Error::DirectionContradiction {
                        field: path("best"),
                        value: fmt_num(p.best),
                        worst: p.worst,
                        best: p.best,
                        direction: p.direction.id(),
                    });
                }
            }
            if p.unit != i.unit() {
                errors.push(Error::FixedUnit {
                    field: path("unit"),
                    value: p.unit.id(),
                    expected: i.unit().id(),
                });
            }
        }
        for t in Tertiary::ALL {
            if t.children().iter().all(|i| self.indicators.contains_key(i)) {
                check_sum(
                    &mut errors,
                    format!("indicators[parent={}]", t.id()),
                    t.children().iter().map(|&i| self.indicator_weight(i)),
                );
            }
        }
        self.validate_bands(&mut errors);
        Error::from_list(errors)
    }

    fn validate_bands(&self, errors: &mut Vec<Error>) {
        if self.bands.is_empty() {
            errors.push(Error::NoBands {
                field: "bands".into(),
            });
            return;
        }
        for (n, b) in self.bands.iter().enumerate() {
            if b.id.trim().is_empty() {
                errors.push(Error::Empty {
                    field: format!("bands[{n}].id"),
                });
            }
            if self.bands[..n].iter().any(|o| o.id == b.id) {
                errors.push(Error::DuplicateId {
                    field: format!("bands[{n}].id"),
                    id: crate::error::quote(&b.id),
                });
            }
            if !(b.min.is_finite() && b.max.is_finite()) || b.min >= b.max {
                errors.push(Error::BandOrder {
                    field: format!("bands[{n}].max"),
                    value: fmt_num(b.max),
                    min: b.min,
                    max: b.max,
                });
            }
            if n > 0 && self.bands[n - 1].max != b.min {
                errors.push(Error::BandGap {
                    field: format!("bands[{n}].min"),
                    value: fmt_num(b.min),
                    previous: self.bands[n - 1].max,
                });
            }
        }
        if let (Some(first), Some(last)) = (self.bands.first(), self.bands.last()) {
            if first.min.is_nan() || first.min > Score::MIN {
                errors.push(Error::BandCoverage {
                    field: "bands[0].min".into(),
                    value: fmt_num(first.min),
                    bound: Score::MIN,
                });
            }
            if last.max.is_nan() || last.max < Score::MAX {
                let n = self.bands.len() - 1;
                errors.push(Error::BandCoverage {
                    field: format!("bands[{n}].max"),
                    value: fmt_num(last.max),
                    bound: Score::MAX,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use builtin::{default_methodology, BandScheme, Options};

    fn fields(m: &Methodology) -> Vec<String> {
        match m.validate() {
            Ok(()) => vec![],
            Err(e) => e.errors().iter().map(|e| e.field().to_string()).collect(),
        }
    }

    #[test]
    fn default_is_valid_and_weights_are_equal() {
        let m = default_methodology(Options::default());
        assert_eq!(fields(&m), Vec::<String>::new());
        for i in Indicator::ALL {
            assert!((m.overall_weight(i) - 1.0 / 12.0).abs() < 1e-15);
            assert!((m.indicator(i).unwrap().overall_weight - 1.0 / 12.0).abs() < 1e-15);
        }
    }

    #[test]
    fn left_out_texts_are_filled_in_where_they_still_hold() {
        let full = default_methodology(Options {
            band_scheme: BandScheme::Y2009,
            standardization: Standardization::Exponential,
        });
        let mut m = full.clone();
        m.provenance = MethodologyProvenance::default();
        if let Some(p) = m.indicators.0.first_mut() {
            p.1.definition = Text::default();
        }
        m.fill_texts();
        assert_eq!(m, full);
        // Band bounds of the host's own: their provenance is not the scheme's.
        m.provenance = MethodologyProvenance::default();
        m.bands[0].max = 76.0;
        m.bands[1].min = 76.0;
        m.fill_texts();
        assert_eq!(m.provenance.bands, "");
        assert_eq!(m.provenance.rounding, full.provenance.rounding);
        assert_eq!(
            m.provenance.standardization,
            full.provenance.standardization
        );
        // What a host gave is kept.
        m.provenance.structure = "assumed: mine".into();
        m.fill_texts();
        assert_eq!(m.provenance.structure, "assumed: mine");
    }

    #[test]
    fn band_edges_are_half_open() {
        let m = default_methodology(Options::default());
        let band = |x: f64| m.band_for(x).unwrap().id.as_str();
        assert_eq!(band(60.0), "none");
        assert_eq!(band(74.99), "none");
        assert_eq!(band(75.0), "insufficient");
        assert_eq!(band(79.99), "insufficient");
        assert_eq!(band(80.0), "initial");
        assert_eq!(band(84.99), "initial");
        assert_eq!(band(85.0), "medium");
        assert_eq!(band(89.99), "medium");
        assert_eq!(band(90.0), "strong");
        assert_eq!(band(100.0), "strong");
        let old = default_methodology(Options {
            band_scheme: BandScheme::Y2009,
            ..Options::default()
        });
        let band = |x: f64| old.band_for(x).unwrap().id.as_str();
        assert_eq!(band(79.99), "average");
        assert_eq!(band(80.0), "strong");
        assert_eq!(band(94.99), "strong");
        assert_eq!(band(95.0), "very_strong");
        assert_eq!(band(100.0), "very_strong");
    }

    #[test]
    fn validation_names_the_bad_field() {
        let base = default_methodology(Options::default());

        let mut m = base.clone();
        m.indicators
            .get_mut(&Indicator::QualityLossRate)
            .unwrap()
            .best = 3.0;
        assert_eq!(fields(&m), vec!["indicators.quality_loss_rate.best"]);

        let mut m = base.clone();
        m.indicators
            .get_mut(&Indicator::QualityLossRate)
            .unwrap()
            .best = 4.0;
        assert_eq!(
            fields(&m),
            vec!["indicators.quality_loss_rate.best"],
            "contradicts direction"
        );

        let mut m = base.clone();
        m.indicators
            .get_mut(&Indicator::GradeProductRate)
            .unwrap()
            .weight = 0.6;
        assert_eq!(fields(&m), vec!["indicators[parent=standards_technology]"]);

        let mut m = base.clone();
        m.secondary
            .get_mut(&Secondary::QualityLevel)
            .unwrap()
            .weight = 0.5 + 2e-9;
        assert_eq!(fields(&m), vec!["secondary"]);
        m.secondary
            .get_mut(&Secondary::QualityLevel)
            .unwrap()
            .weight = 0.5 + 1e-10;
        assert_eq!(fields(&m), Vec::<String>::new(), "within 1e-9 is accepted");

        let mut m = base.clone();
        m.indicators.remove(&Indicator::ExportSalesShare);
        assert_eq!(fields(&m), vec!["indicators.export_sales_share"]);

        let mut m = base.clone();
        m.tertiary
            .get_mut(&Tertiary::CoreTechnology)
            .unwrap()
            .weight = -0.1;
        let f = fields(&m);
        assert!(
            f.contains(&"tertiary.core_technology.weight".to_string()),
            "{f:?}"
        );

        let mut m = base.clone();
        m.bands[2].min = 81.0;
        assert_eq!(fields(&m), vec!["bands[2].min"]);

        let mut m = base.clone();
        m.bands.swap(1, 2);
        assert!(!fields(&m).is_empty(), "descending bands refused");

        let mut m = base.clone();
        m.bands[0].min = 65.0;
        assert_eq!(fields(&m), vec!["bands[0].min"]);

        let mut m = base.clone();
        m.bands.clear();
        assert_eq!(fields(&m), vec!["bands"]);

        let mut m = base.clone();
        m.indicators
            .get_mut(&Indicator::AvgSalesRevenue)
            .unwrap()
            .worst = f64::NAN;
        assert_eq!(fields(&m), vec!["indicators.avg_sales_revenue.worst"]);
    }
}

/// Reading a methodology from a plain value (a host's JSON or JS object).
mod read {
    use super::*;
    use crate::value::{Obj, Reader, Value};

    /// Whether a provenance is `sourced: <text>` or `assumed: <text>` with a non-blank text.
    pub fn is_provenance(s: &str) -> bool {
        ["sourced:", "assumed:"].iter().any(|p| {
            s.strip_prefix(p)
                .is_some_and(|rest| !rest.trim().is_empty())
        })
    }

    fn provenance(r: &mut Reader, obj: &Obj, key: &str) -> String {
        let s = r.string(obj, key).unwrap_or_default();
        if obj.get(key).is_some() && !is_provenance(&s) {
            r.push(Error::ProvenancePrefix {
                field: obj.path_of(key),
                value: crate::error::quote(&s),
            });
        }
        s
    }

    fn text(r: &mut Reader, obj: &Obj, key: &str) -> Text {
        match r.opt_object_field(obj, key, &["zh", "en"]) {
            Some(o) => Text {
                zh: r.opt_string(&o, "zh"),
                en: r.opt_string(&o, "en"),
            },
            None => Text::default(),
        }
    }

    fn indicator(r: &mut Reader, o: &Obj) -> Option<IndicatorParams> {
        let weight = r.number(o, "weight");
        let _ = r.opt_number(o, "overallWeight");
        let parent = o.get("parent").map(|_| r.opt_string(o, "parent"));
        let worst = r.number(o, "worst");
        let best = r.number(o, "best");
        let direction = r.id(o, "direction", Direction::from_id);
        let unit = r.id(o, "unit", Unit::from_id);
        let zh = r.string(o, "zh");
        let en = r.string(o, "en");
        let definition = text(r, o, "definition");
        let prov = r.object_field(o, "provenance", &["weight", "worst", "best"]);
        let provenance = prov.map(|p| IndicatorProvenance {
            weight: provenance(r, &p, "weight"),
            worst: provenance(r, &p, "worst"),
            best: provenance(r, &p, "best"),
        });
        Some(IndicatorParams {
            weight: weight?,
            overall_weight: 0.0,
            parent,
            worst: worst?,
            best: best?,
            direction: direction?,
            unit: unit?,
            zh: zh?,
            en: en?,
            definition,
            provenance: provenance?,
        })
    }

    fn node(r: &mut Reader, o: &Obj) -> Option<NodeParams> {
        let weight = r.number(o, "weight");
        let parent = o.get("parent").map(|_| r.opt_string(o, "parent"));
        let zh = r.string(o, "zh");
        let en = r.string(o, "en");
        let provenance = provenance(r, o, "provenance");
        Some(NodeParams {
            weight: weight?,
            parent,
            zh: zh?,
            en: en?,
            provenance,
        })
    }

    fn nodes<K: PartialEq + Copy, V>(
        r: &mut Reader,
        root: &Obj,
        key: &str,
        lookup: impl Fn(&str) -> Option<K>,
        allowed: &[&str],
        read: impl Fn(&mut Reader, &Obj) -> Option<V>,
    ) -> OrderedMap<K, V> {
        let mut out = OrderedMap::new();
        let Some(obj) = r.object_field(root, key, &[]) else {
            return out;
        };
        for (id, value) in obj.entries() {
            let path = obj.path_of(id);
            let Some(k) = lookup(id) else {
                r.push(Error::UnknownId {
                    field: crate::error::quote(&path),
                    id: crate::error::quote(id),
                });
                continue;
            };
            if let Some(o) = r.object(value, &path, allowed) {
                if let Some(v) = read(r, &o) {
                    out.insert(k, v);
                }
            }
        }
        out
    }

    fn bands(r: &mut Reader, root: &Obj) -> Vec<Band> {
        let Some(items) = r.array(root, "bands") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let path = root.path_of(&format!("bands[{n}]"));
            let Some(o) = r.object(item, &path, &["id", "min", "max", "zh", "en"]) else {
                continue;
            };
            let (id, min, max) = (r.string(&o, "id"), r.number(&o, "min"), r.number(&o, "max"));
            let (zh, en) = (r.string(&o, "zh"), r.string(&o, "en"));
            if let (Some(id), Some(min), Some(max), Some(zh), Some(en)) = (id, min, max, zh, en) {
                out.push(Band {
                    id,
                    min,
                    max,
                    zh,
                    en,
                });
            }
        }
        out
    }

    impl Methodology {
        /// Reads and validates a methodology in the schema [`super::builtin::default_methodology`]
        /// produces (so an exported, edited methodology is accepted back). Every problem is
        /// reported with its path, e.g. `indicators.quality_loss_rate.best`.
        pub fn from_value(value: &Value) -> Result<Methodology> {
            let mut r = Reader::named("methodology");
            let root_keys = [
                "id",
                "version",
                "standardization",
                "bandScheme",
                "provenance",
                "indicators",
                "tertiary",
                "secondary",
                "bands",
            ];
            let Some(root) = r.object(value, "", &root_keys) else {
                return r.finish(None);
            };
            let id = r.string(&root, "id");
            let version = r.string(&root, "version");
            let standardization = r.id(&root, "standardization", Standardization::from_id);
            let band_scheme = r.string(&root, "bandScheme");
            let provenance = match r.opt_object_field(
                &root,
                "provenance",
                &["structure", "standardization", "bands", "rounding"],
            ) {
                Some(p) => MethodologyProvenance {
                    structure: r.opt_string(&p, "structure"),
                    standardization: r.opt_string(&p, "standardization"),
                    bands: r.opt_string(&p, "bands"),
                    rounding: r.opt_string(&p, "rounding"),
                },
                None => MethodologyProvenance::default(),
            };
            let ind_keys = [
                "weight",
                "overallWeight",
                "parent",
                "worst",
                "best",
                "direction",
                "unit",
                "zh",
                "en",
                "definition",
                "provenance",
            ];
            let indicators = nodes(
                &mut r,
                &root,
                "indicators",
                Indicator::from_id,
                &ind_keys,
                indicator,
            );
            let node_keys = ["weight", "parent", "zh", "en", "provenance"];
            let tertiary = nodes(
                &mut r,
                &root,
                "tertiary",
                Tertiary::from_id,
                &node_keys,
                node,
            );
            let secondary = nodes(
                &mut r,
                &root,
                "secondary",
                Secondary::from_id,
                &node_keys,
                node,
            );
            let bands = bands(&mut r, &root);
            let m = (|| {
                Some(Methodology {
                    id: id?,
                    version: version?,
                    standardization: standardization?,
                    band_scheme: band_scheme?,
                    provenance,
                    indicators,
                    tertiary,
                    secondary,
                    bands,
                })
            })();
            // Rule errors are reported together with reading errors, except where a node that
            // could not be read would only show up again as "missing".
            let read_errors = r.errors;
            let Some(mut m) = m else {
                return Err(Error::from_list(read_errors).err().unwrap_or_else(|| {
                    Error::Internal {
                        field: "methodology".into(),
                        message: "could not be read".into(),
                    }
                }));
            };
            // Validated before the derived fields are filled in: `parent` as given is checked
            // against the fixed tree, then replaced by it.
            let rule_errors = m.validate().err().map_or_else(Vec::new, Error::into_errors);
            m.fill_derived();
            m.fill_texts();
            let related = |a: &str, b: &str| a.starts_with(b) || b.starts_with(a);
            let rule_errors: Vec<Error> = rule_errors
                .into_iter()
                .filter(|e| !read_errors.iter().any(|r| related(r.field(), e.field())))
                .collect();
            let mut all = read_errors;
            all.extend(rule_errors);
            Error::from_list(all)?;
            Ok(m)
        }
    }
}
