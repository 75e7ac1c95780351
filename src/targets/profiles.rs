//! The shipped target profiles and the metric catalogue: data with sources (docs/methodology.md §6).
//!
//! Each profile cites its document; the numbers are those docs/methodology.md §6 records from it, and the
//! Chengdu and Sichuan texts are kept in `docs/sources/`. `wording` is the plan's Chinese
//! phrasing of the target (verbatim for Chengdu, from the draft in `sources/`).

use super::{Op, Profile, Target};

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
pub const METRICS: [MetricDef; 17] = [
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
];

/// The whole metric catalogue.
pub fn metrics() -> &'static [MetricDef] {
    &METRICS
}

/// Looks a metric up by id.
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|d| d.id == id)
}

fn t(metric_id: &str, op: Op, value: Option<f64>, wording: &str) -> Target {
    let def = metric(metric_id);
    Target {
        metric: metric_id.into(),
        zh: def.map_or("", |d| d.zh).into(),
        en: def.map_or("", |d| d.en).into(),
        unit: def.map_or("", |d| d.unit.symbol()).into(),
        op,
        value,
        wording: wording.into(),
    }
}

fn ge(metric_id: &str, value: f64, wording: &str) -> Target {
    t(metric_id, Op::Ge, Some(value), wording)
}

fn qualitative(metric_id: &str, wording: &str) -> Target {
    t(metric_id, Op::Qualitative, None, wording)
}

#[allow(clippy::too_many_arguments)]
fn p(
    id: &str,
    zh: &str,
    en: &str,
    issuer: &str,
    document: &str,
    date: &str,
    year: u16,
    source: &str,
    targets: Vec<Target>,
) -> Profile {
    Profile {
        id: id.into(),
        zh: zh.into(),
        en: en.into(),
        issuer: issuer.into(),
        document: document.into(),
        date: date.into(),
        year: Some(year),
        source: source.into(),
        targets,
    }
}

/// Every shipped profile (docs/methodology.md §6), national first.
pub fn profiles() -> Vec<Profile> {
    vec![
        p(
            "national-2025",
            "全国 2025 年目标（质量强国建设纲要）",
            "National targets for 2025 (Outline for Building a Quality Powerhouse)",
            "中共中央 国务院",
            "《质量强国建设纲要》",
            "2023-02",
            2025,
            "中共中央 国务院《质量强国建设纲要》(2023-02), www.gov.cn",
            vec![
                ge("mqci", 86.0, "制造业质量竞争力指数达到86"),
                ge("manufacturing_pass_rate", 94.0, "制造业产品质量合格率达到94%"),
                ge("agri_monitoring_pass_rate", 98.0, "农产品质量安全例行监测合格率……均达到98%以上"),
                ge("food_sampling_pass_rate", 98.0, "食品抽检合格率均达到98%以上"),
            ],
        ),
        p(
            "sichuan-2027",
            "四川 2027 年目标（质量强省实施意见）",
            "Sichuan targets for 2027 (Implementing Opinions on Building a Quality Province)",
            "中共四川省委 四川省人民政府",
            "《关于加快建设质量强省的实施意见》",
            "2023-08-30",
            2027,
            "中共四川省委 四川省人民政府《关于加快建设质量强省的实施意见》(2023-08-30), 9 quantitative targets; press conference of the Sichuan government information office (2023)",
            vec![
                ge("mqci", 88.0, "制造业质量竞争力指数达到88以上"),
                ge("agri_monitoring_pass_rate", 99.0, "农产品质量安全例行监测合格率达到99%以上"),
                ge("food_sampling_pass_rate", 98.0, "食品安全评价性抽检合格率达到98%以上"),
                ge("manufacturing_pass_rate", 95.0, "制造业产品质量合格率达到95%"),
                ge("tianfu_quality_award_new", 30.0, "新培育天府质量奖（提名奖）组织和个人30个"),
                ge("tianfu_brand_certified_new", 100.0, "新认证“天府名品”100个以上"),
                ge("national_inspection_center_new", 3.0, "新建国家级质检中心3个以上"),
                ge("national_metrology_center_new", 2.0, "新建国家产业计量测试中心2个以上"),
                ge("international_standard_led", 5.0, "主导制定国际标准5项以上"),
            ],
        ),
        p(
            "chengdu-2027",
            "成都 2027 年目标（质量强市实施方案，征求意见稿）",
            "Chengdu targets for 2027 (Quality City Implementation Plan, consultation draft)",
            "成都市",
            "《关于深入推进质量强市建设推动高质量发展的实施方案（2023-2027年）》（征求意见稿）",
            "2023",
            2027,
            "成都市《关于深入推进质量强市建设推动高质量发展的实施方案（2023-2027年）》（征求意见稿）, 一、（二）工作目标",
            vec![
                ge("industrial_product_pass_rate", 94.0, "工业产品质量合格率达94%以上"),
                qualitative("agri_quality_pass_rate", "农产品质量安全合格率……位居全国前列"),
                qualitative("food_drug_sampling_pass_rate", "主要食品药品安全抽检合格率位居全国前列"),
                ge("project_acceptance_rate", 100.0, "建筑、水利、交通等单位工程验收合格率达到100%"),
                ge("mqci", 91.0, "制造业质量竞争力指数达91"),
                qualitative("public_service_satisfaction", "公共服务质量满意度保持全国前列"),
            ],
        ),
        p(
            "guangdong-2025",
            "广东 2025 年目标（质量强省建设纲要）",
            "Guangdong targets for 2025 (Outline for Building a Quality Province)",
            "中共广东省委 广东省人民政府",
            "《广东省质量强省建设纲要》",
            "2023-06",
            2025,
            "《广东省质量强省建设纲要》(2023-06)",
            vec![
                ge("mqci", 92.0, "制造业质量竞争力指数达到92"),
                ge("agri_monitoring_pass_rate", 98.0, "农产品例行监测合格率98%以上"),
                ge("food_sampling_pass_rate", 98.5, "食品抽检合格率98.5%以上"),
                ge("manufacturing_pass_rate", 95.0, "制造业产品质量合格率达到95%"),
            ],
        ),
        p(
            "jiangsu-2025",
            "江苏 2025 年目标（深化质量强省建设实施意见）",
            "Jiangsu targets for 2025 (Implementing Opinions on Deepening the Quality Province)",
            "中共江苏省委 江苏省人民政府",
            "《关于深化质量强省建设的实施意见》",
            "2023-03-10",
            2025,
            "《关于深化质量强省建设的实施意见》(2023-03-10)",
            vec![
                ge("mqci", 88.0, "制造业质量竞争力指数达到88"),
                ge("manufacturing_pass_rate", 95.0, "制造业产品质量合格率95%以上"),
                ge("consumer_goods_pass_rate", 95.0, "消费品质量合格率达到95%"),
                ge("agri_monitoring_pass_rate", 98.0, "地产农产品例行监测合格率98%以上"),
                ge("food_sampling_pass_rate", 98.0, "食品抽查合格率98%以上"),
                ge("public_service_satisfaction", 82.0, "公共服务质量满意度82分以上"),
            ],
        ),
        p(
            "zhejiang-2025",
            "浙江 2025 年目标（质量强省实施意见）",
            "Zhejiang targets for 2025 (Implementing Opinions on the Quality Province)",
            "中共浙江省委 浙江省人民政府",
            "浙江省委省政府 质量强省实施意见",
            "2022-12-31",
            2025,
            "浙江省委省政府 质量强省实施意见 (2022-12-31)",
            vec![ge("mqci", 92.0, "制造业质量竞争力指数92以上")],
        ),
        p(
            "shanghai-2025",
            "上海 2025 年目标（质量强国建设纲要上海实施方案）",
            "Shanghai targets for 2025 (Shanghai plan implementing the Quality Powerhouse Outline)",
            "上海市",
            "《质量强国建设纲要上海实施方案》",
            "2023",
            2025,
            "《质量强国建设纲要上海实施方案》(2023)",
            vec![
                ge("mqci", 94.0, "制造业质量竞争力指数保持在94以上"),
                ge("manufacturing_pass_rate", 95.0, "制造业产品质量合格率95%以上"),
                ge("agri_monitoring_pass_rate", 98.0, "农产品质量安全例行监测合格率98%以上"),
                ge("food_sampling_pass_rate", 98.0, "食品抽检合格率98%以上"),
                ge("agri_standardized_production_rate", 92.0, "农业标准化生产普及率达到92%"),
            ],
        ),
        p(
            "chongqing-2027",
            "重庆 2027 年目标（质量强市建设实施方案）",
            "Chongqing targets for 2027 (Quality City Implementation Plan)",
            "重庆市",
            "重庆市《质量强市建设实施方案》",
            "2023-06-18",
            2027,
            "重庆市《质量强市建设实施方案》(2023-06-18)",
            vec![ge("mqci", 92.0, "制造业质量竞争力指数92以上")],
        ),
    ]
}

/// Looks a shipped profile up by id.
pub fn profile(id: &str) -> Option<Profile> {
    profiles().into_iter().find(|p| p.id == id)
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
    fn shipped_profiles_are_valid_and_unique() {
        let all = profiles();
        assert_eq!(all.len(), 8);
        for (n, p) in all.iter().enumerate() {
            assert!(all[..n].iter().all(|o| o.id != p.id));
            assert!(!p.source.is_empty() && !p.document.is_empty());
            p.clone().normalized().unwrap();
            for t in &p.targets {
                assert!(metric(&t.metric).is_some(), "{}", t.metric);
                assert!(!t.wording.is_empty());
            }
        }
    }
}
