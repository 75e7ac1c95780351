//! The metric catalogue and the shipped target profiles, which are data: `data/profiles.json`
//! (docs/methodology.md §6, §10; schema in docs/targets.md), embedded and read once with the
//! crate's own JSON reader.
//!
//! Each profile cites its document; the numbers are those docs/methodology.md records from it,
//! and the Chengdu and Sichuan texts are kept in `docs/sources/`. `wording` is the plan's
//! Chinese phrasing of the target (verbatim for Chengdu, from the draft in `sources/`).

use std::sync::OnceLock;

use super::Profile;

crate::wire::wire_enum! {
    /// What a metric is measured in.
    pub enum MetricUnit {
        /// A percentage (0–100).
        Percent = "percent",
        /// Index or satisfaction points (0–100).
        Points = "points",
        /// A count of things (awards, centres, standards): whole numbers up to
        /// [`super::MAX_COUNT`].
        Count = "count",
    }
}

impl MetricUnit {
    /// Short symbol shown beside a value.
    pub fn symbol(self) -> &'static str {
        match self {
            MetricUnit::Percent => "%",
            MetricUnit::Points => "分",
            MetricUnit::Count => "个",
        }
    }

    /// Largest possible value.
    pub fn max_value(self) -> f64 {
        match self {
            MetricUnit::Percent | MetricUnit::Points => 100.0,
            MetricUnit::Count => super::MAX_COUNT,
        }
    }
}

/// A metric of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MetricDef {
    /// Stable id (part of the API contract).
    pub id: &'static str,
    /// Chinese name.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
    /// Unit.
    pub unit: MetricUnit,
}

const fn m(id: &'static str, zh: &'static str, en: &'static str, unit: MetricUnit) -> MetricDef {
    MetricDef { id, zh, en, unit }
}

use MetricUnit::{Count, Percent, Points};

/// The metric catalogue. The first eight ids are fixed by the target-check contract.
pub const METRICS: [MetricDef; 25] = [
    m(
        "mqci",
        "制造业质量竞争力指数",
        "Manufacturing quality competitiveness index",
        Points,
    ),
    m(
        "manufacturing_pass_rate",
        "制造业产品质量合格率",
        "Manufacturing product quality pass rate",
        Percent,
    ),
    m(
        "industrial_product_pass_rate",
        "工业产品质量合格率",
        "Industrial product quality pass rate",
        Percent,
    ),
    m(
        "agri_monitoring_pass_rate",
        "农产品质量安全例行监测合格率",
        "Agricultural product routine-monitoring pass rate",
        Percent,
    ),
    m(
        "food_sampling_pass_rate",
        "食品（安全评价性）抽检合格率",
        "Food (safety-evaluation) sampling pass rate",
        Percent,
    ),
    m(
        "consumer_goods_pass_rate",
        "消费品质量合格率",
        "Consumer goods quality pass rate",
        Percent,
    ),
    m(
        "project_acceptance_rate",
        "单位工程验收合格率",
        "Construction project acceptance pass rate",
        Percent,
    ),
    m(
        "public_service_satisfaction",
        "公共服务质量满意度",
        "Public service quality satisfaction",
        Points,
    ),
    m(
        "agri_quality_pass_rate",
        "农产品质量安全合格率",
        "Agricultural product quality and safety pass rate",
        Percent,
    ),
    m(
        "food_drug_sampling_pass_rate",
        "主要食品药品安全抽检合格率",
        "Main food and drug safety sampling pass rate",
        Percent,
    ),
    m(
        "agri_standardized_production_rate",
        "农业标准化生产普及率",
        "Standardized agricultural production coverage",
        Percent,
    ),
    m(
        "consumer_goods_sampling_pass_rate",
        "消费品抽检合格率",
        "Consumer goods sampling pass rate",
        Percent,
    ),
    m(
        "tianfu_quality_award_new",
        "新培育天府质量奖（提名奖）组织和个人",
        "New Tianfu Quality Award (incl. nominations) winners",
        Count,
    ),
    m(
        "tianfu_brand_certified_new",
        "新认证“天府名品”",
        "Newly certified \"Tianfu Premium\" products",
        Count,
    ),
    m(
        "national_inspection_center_new",
        "新建国家级质检中心",
        "New national quality inspection centres",
        Count,
    ),
    m(
        "national_metrology_center_new",
        "新建国家产业计量测试中心",
        "New national industrial metrology and testing centres",
        Count,
    ),
    m(
        "international_standard_led",
        "主导制定国际标准",
        "International standards led",
        Count,
    ),
    m(
        "cnc_key_process_rate",
        "规上工业企业关键工序数控化率",
        "CNC rate of key processes (industrial enterprises above designated size)",
        Percent,
    ),
    m(
        "provincial_spot_check_pass_rate",
        "重点工业产品省级监督抽查合格率",
        "Provincial supervision spot-check pass rate of key industrial products",
        Percent,
    ),
    m(
        "industrial_spot_check_pass_rate",
        "工业产品质量监督抽查合格率",
        "Industrial product quality supervision spot-check pass rate",
        Percent,
    ),
    m(
        "advanced_qms_enterprises_new",
        "新增实施先进质量管理标准的企业",
        "New enterprises implementing advanced quality management standards",
        Count,
    ),
    m(
        "qm_capability_inspection_new",
        "质量管理能力评价新增检验级企业",
        "New enterprises rated 'inspection' level in quality management capability",
        Count,
    ),
    m(
        "qm_capability_assurance_new",
        "质量管理能力评价新增保证级企业",
        "New enterprises rated 'assurance' level in quality management capability",
        Count,
    ),
    m(
        "qm_capability_prevention_new",
        "质量管理能力评价新增预防级企业",
        "New enterprises rated 'prevention' level in quality management capability",
        Count,
    ),
    m(
        "qm_capability_excellence_new",
        "质量管理能力评价新增卓越级企业",
        "New enterprises rated 'excellence' level in quality management capability",
        Count,
    ),
];

/// The whole metric catalogue.
pub fn metrics() -> &'static [MetricDef] {
    &METRICS
}

/// Looks a metric up by id.
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|d| d.id == id)
}

/// Every shipped profile (`data/profiles.json`; docs/methodology.md §6, §10), national first.
/// Read once; an embedded file that does not read (the native tests prove it does) gives none.
pub fn profiles() -> Vec<Profile> {
    shipped().map(<[Profile]>::to_vec).unwrap_or_default()
}

/// The shipped profiles, or the error reading `data/profiles.json` (tests call this).
pub fn shipped() -> crate::error::Result<&'static [Profile]> {
    static SHIPPED: OnceLock<crate::error::Result<Vec<Profile>>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| read_profiles(PROFILES_JSON))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// The embedded `data/profiles.json`.
pub const PROFILES_JSON: &str = include_str!("../../data/profiles.json");

/// Reads a profiles file (`{ schema, about, profiles: [...] }`): each profile as
/// [`Profile::from_value`] reads a host's, plus the fields a shipped profile must have
/// (`status`, `source`, `document`, `period`, a `wording` per target); ids unique.
pub fn read_profiles(text: &str) -> crate::error::Result<Vec<Profile>> {
    use crate::value::Reader;
    let v = super::json::parse(text, "profiles")?;
    let mut r = Reader::named("profiles");
    let mut out: Vec<Profile> = Vec::new();
    if let Some(o) = r.object(&v, "", &["schema", "about", "profiles"]) {
        if let Some(schema) = r.string(&o, "schema").filter(|s| s != "mqci-profiles/1") {
            r.push(crate::error::Error::UnknownId {
                field: "schema".into(),
                id: crate::error::quote(&schema),
            });
        }
        for (n, item) in r
            .array(&o, "profiles")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let path = format!("profiles[{n}]");
            match Profile::read(item, &path) {
                Ok(p) => {
                    let mut missing = Vec::new();
                    if p.document.is_empty() {
                        missing.push("document");
                    }
                    if p.source.is_empty() {
                        missing.push("source");
                    }
                    if p.date.is_empty() {
                        missing.push("date");
                    }
                    if p.period.is_none() {
                        missing.push("period");
                    }
                    for m in missing {
                        r.push(crate::error::Error::Missing {
                            field: format!("{path}.{m}"),
                        });
                    }
                    for (k, t) in p.targets.iter().enumerate() {
                        if t.wording.is_empty() {
                            r.push(crate::error::Error::Missing {
                                field: format!("{path}.targets[{k}].wording"),
                            });
                        }
                    }
                    if out.iter().any(|o| o.id == p.id) {
                        r.push(crate::error::Error::DuplicateId {
                            field: format!("{path}.id"),
                            id: p.id.clone(),
                        });
                    }
                    out.push(p);
                }
                Err(e) => e.into_errors().into_iter().for_each(|e| r.push(e)),
            }
        }
    }
    r.finish(Some(out))
}

/// Looks a shipped profile up by id.
pub fn profile(id: &str) -> Option<Profile> {
    shipped().ok()?.iter().find(|p| p.id == id).cloned()
}

/// Looks a shipped profile up by id; an unknown id is an error naming it.
pub fn profile_by_id(id: &str) -> crate::error::Result<Profile> {
    profile(id).ok_or_else(|| crate::error::Error::UnknownId {
        field: "profile".into(),
        id: id.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_read_and_are_unique() {
        let all = shipped().unwrap();
        assert_eq!(all.len(), 15);
        for (n, p) in all.iter().enumerate() {
            assert!(all[..n].iter().all(|o| o.id != p.id));
            for t in &p.targets {
                assert!(metric(&t.metric).is_some(), "{}", t.metric);
            }
        }
    }
}
