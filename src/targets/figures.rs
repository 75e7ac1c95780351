//! Published figures — national, regional and industry values of the target metrics — as
//! data: `data/figures.json` (docs/methodology.md §5, §6, §9; schema in docs/targets.md),
//! embedded and read once. They are the benchmarks of an assessment, the national values of
//! relative targets and the latest actuals shown beside a profile.

use std::cmp::Ordering;
use std::sync::OnceLock;

use serde::Serialize;

use super::{check_amount, check_year, profiles, DocStatus};
use crate::error::{quote, Error, Result};
use crate::value::{Reader, Value};

crate::wire::wire_enum! {
    /// What a figure covers.
    pub enum Scope {
        /// The whole country.
        National = "national",
        /// A province or a municipality directly under the central government.
        Province = "province",
        /// A city.
        City = "city",
        /// A group of regions (东部, 长三角, 川渝, …).
        Area = "area",
        /// An industry, nationally.
        Industry = "industry",
    }
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    /// Metric id (the target-metric catalogue).
    pub metric: String,
    /// Region (全国 for national and industry figures).
    pub region: String,
    /// What it covers.
    pub scope: Scope,
    /// Industry, for industry figures.
    pub industry: Option<String>,
    /// The year the figure is for; `None` where the source does not say (then `note` says so).
    pub data_year: Option<u16>,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `None` where not recorded.
    pub published: Option<String>,
    /// The value.
    pub value: f64,
    /// 正式 or 征求意见稿.
    pub status: DocStatus,
    /// The issuing authority's document or the report quoting it.
    pub source: String,
    /// Derived by arithmetic from published figures (docs/methodology.md [D]).
    pub derived: bool,
    /// Remarks: inferences, missing dates, how a figure is read.
    pub note: String,
}

/// The embedded `data/figures.json`.
pub const FIGURES_JSON: &str = include_str!("../../data/figures.json");

/// Every published figure, in the file's order, or the error reading it (tests call this).
pub fn shipped() -> Result<&'static [Published]> {
    static SHIPPED: OnceLock<Result<Vec<Published>>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| read_figures(FIGURES_JSON))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

fn all() -> &'static [Published] {
    shipped().unwrap_or(&[])
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    !parts.is_empty()
        && parts.len() <= 3
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

/// Reads a figures file (`{ schema, about, figures: [...] }`). Each figure: `metric` from the
/// catalogue, `value` within its unit, `dataYear` and `published` (or null with a `note`
/// saying why), `status`, a non-empty `source`; `industry` exactly for scope `industry`.
pub fn read_figures(text: &str) -> Result<Vec<Published>> {
    const KEYS: [&str; 11] = [
        "metric",
        "region",
        "scope",
        "industry",
        "dataYear",
        "published",
        "value",
        "status",
        "source",
        "derived",
        "note",
    ];
    let v = super::json::parse(text, "figures")?;
    let mut r = Reader::named("figures");
    let mut out = Vec::new();
    let Some(o) = r.object(&v, "", &["schema", "about", "figures"]) else {
        return r.finish(None);
    };
    if let Some(schema) = r.string(&o, "schema").filter(|s| s != "mqci-figures/1") {
        r.push(Error::UnknownId {
            field: "schema".into(),
            id: quote(&schema),
        });
    }
    for (n, item) in r
        .array(&o, "figures")
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let Some(f) = r.object(item, &format!("figures[{n}]"), &KEYS) else {
            continue;
        };
        let metric = r.string(&f, "metric");
        let unit = metric.as_deref().and_then(profiles::metric).map(|d| d.unit);
        if let (Some(m), None) = (&metric, unit) {
            r.push(Error::UnknownId {
                field: f.path_of("metric"),
                id: quote(m),
            });
        }
        let region = r.string(&f, "region");
        let scope = r.id(&f, "scope", Scope::from_id);
        let industry = f.get("industry").and_then(|_| r.string(&f, "industry"));
        if (scope == Some(Scope::Industry)) != industry.is_some() {
            r.push(Error::Missing {
                field: f.path_of("industry"),
            });
        }
        let data_year = f.get("dataYear").and_then(|_| {
            let y = r.number(&f, "dataYear")?;
            check_year(f.path_of("dataYear"), y)
                .map_err(|e| r.push(e))
                .ok()
        });
        let published = f.get("published").and_then(|_| r.string(&f, "published"));
        if let Some(p) = published.as_deref().filter(|p| !is_date(p)) {
            r.push(Error::UnknownId {
                field: f.path_of("published"),
                id: quote(p),
            });
        }
        let note = r.opt_string(&f, "note");
        if (data_year.is_none() || published.is_none()) && note.is_empty() {
            r.push(Error::Missing {
                field: f.path_of("note"),
            });
        }
        let value = r.number(&f, "value").and_then(|v| {
            check_amount(f.path_of("value"), v, &crate::decimal::fmt_num(v), unit)
                .map_err(|e| r.push(e))
                .ok()
                .map(|()| v)
        });
        let status = r.id(&f, "status", DocStatus::from_id);
        let source = r.string(&f, "source").filter(|s| !s.is_empty());
        if source.is_none() && f.get("source").is_some() {
            r.push(Error::Empty {
                field: f.path_of("source"),
            });
        }
        let derived = match f.get("derived") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                r.push(Error::WrongType {
                    field: f.path_of("derived"),
                    expected: "boolean",
                    got: other.kind(),
                });
                false
            }
        };
        let figure = (|| {
            Some(Published {
                metric: metric?,
                region: region?,
                scope: scope?,
                industry,
                data_year,
                published,
                value: value?,
                status: status?,
                source: source?,
                derived,
                note,
            })
        })();
        out.extend(figure);
    }
    r.finish(Some(out))
}

/// A selection of figures; every given field must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureFilter {
    /// Metric id.
    pub metric: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Scope.
    pub scope: Option<Scope>,
    /// Industry.
    pub industry: Option<String>,
    /// Data year.
    pub data_year: Option<u16>,
}

impl FigureFilter {
    /// Reads `{ metric?, region?, scope?, industry?, dataYear? }` (errors name `options.…`).
    pub fn from_value(value: &Value) -> Result<FigureFilter> {
        if *value == Value::Null {
            return Ok(FigureFilter::default());
        }
        let mut r = Reader::named("options");
        let Some(o) = r.object(
            value,
            "options",
            &["metric", "region", "scope", "industry", "dataYear"],
        ) else {
            return r.finish(None);
        };
        let text = |r: &mut Reader, key: &str| o.get(key).and_then(|_| r.string(&o, key));
        let metric = text(&mut r, "metric");
        if let Some(m) = metric.as_deref().filter(|m| profiles::metric(m).is_none()) {
            r.push(Error::UnknownId {
                field: o.path_of("metric"),
                id: quote(m),
            });
        }
        let filter = FigureFilter {
            metric,
            region: text(&mut r, "region"),
            scope: o
                .get("scope")
                .and_then(|_| r.id(&o, "scope", Scope::from_id)),
            industry: text(&mut r, "industry"),
            data_year: super::opt_year(&mut r, &o, "dataYear"),
        };
        r.finish(Some(filter))
    }

    fn matches(&self, f: &Published) -> bool {
        self.metric.as_ref().is_none_or(|m| *m == f.metric)
            && self.region.as_ref().is_none_or(|r| *r == f.region)
            && self.scope.is_none_or(|s| s == f.scope)
            && self
                .industry
                .as_ref()
                .is_none_or(|i| f.industry.as_ref() == Some(i))
            && self.data_year.is_none_or(|y| f.data_year == Some(y))
    }
}

/// The published figures that match `filter`, in the file's order.
pub fn published_figures(filter: &FigureFilter) -> Vec<Published> {
    all()
        .iter()
        .filter(|f| filter.matches(f))
        .cloned()
        .collect()
}

/// The national value of `metric` for data year `year`: when several figures give one, the
/// latest published (a figure without a date counts as the oldest).
pub fn national(metric: &str, year: u16) -> Option<f64> {
    all()
        .iter()
        .filter(|f| f.scope == Scope::National && f.metric == metric && f.data_year == Some(year))
        .max_by(|a, b| a.published.cmp(&b.published))
        .map(|f| f.value)
}

/// The figures grouped for comparison (an assessment's benchmarks, issue 9).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Benchmarks {
    /// The national MQCI series, by data year (one value per year: the latest published).
    pub national_index: Vec<Published>,
    /// The national 制造业产品质量合格率 series, by data year (likewise).
    pub pass_rate: Vec<Published>,
    /// Provinces, cities and areas: every metric, by region, metric and data year.
    pub provinces: Vec<Published>,
    /// Industries (MQCI), by data year and value (highest first).
    pub industries: Vec<Published>,
}

fn series(metric: &str) -> Vec<Published> {
    let mut out: Vec<Published> = Vec::new();
    for f in all()
        .iter()
        .filter(|f| f.scope == Scope::National && f.metric == metric && f.data_year.is_some())
    {
        match out.iter_mut().find(|o| o.data_year == f.data_year) {
            Some(o) if o.published < f.published => *o = f.clone(),
            Some(_) => {}
            None => out.push(f.clone()),
        }
    }
    sort(&mut out, |a, b| a.data_year.cmp(&b.data_year));
    out
}

/// A stable insertion sort: the lists are a few dozen figures, and one small routine keeps the
/// wasm module smaller than the standard library's sorts instantiated per comparator.
fn sort(v: &mut [Published], order: fn(&Published, &Published) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && order(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The published figures grouped for comparison.
pub fn benchmarks() -> Benchmarks {
    let mut provinces: Vec<Published> = all()
        .iter()
        .filter(|f| matches!(f.scope, Scope::Province | Scope::City | Scope::Area))
        .cloned()
        .collect();
    sort(&mut provinces, |a, b| {
        (&a.region, &a.metric, a.data_year).cmp(&(&b.region, &b.metric, b.data_year))
    });
    let mut industries: Vec<Published> = all()
        .iter()
        .filter(|f| f.scope == Scope::Industry)
        .cloned()
        .collect();
    sort(&mut industries, |a, b| {
        a.data_year
            .cmp(&b.data_year)
            .then(b.value.total_cmp(&a.value))
    });
    Benchmarks {
        national_index: series("mqci"),
        pass_rate: series("manufacturing_pass_rate"),
        provinces,
        industries,
    }
}
