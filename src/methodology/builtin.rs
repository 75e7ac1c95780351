//! The built-in methodology, version [`VERSION`]: the versioned parameter file compiled into the
//! module. Every number has its provenance beside it: `sourced: <where>` or `assumed: <why>`.
//!
//! What is published (docs/methodology.md §2–4): the tree, the 0.5/0.5 top split, the 60–100 range, the
//! band schemes. What is not (docs/methodology.md §3, §8): the weights below the top, the standardization
//! function and every indicator's 60-point (`worst`) and 100-point (`best`) value. The defaults
//! here follow docs/methodology.md §8: national aggregate levels score roughly 75–88, leading levels near 100.

use crate::ordered::OrderedMap;

use super::{
    Band, IndicatorParams, IndicatorProvenance, Methodology, MethodologyProvenance, NodeParams,
    Standardization, Text,
};
use crate::model::{Direction, Indicator, Secondary, Tertiary};
use crate::score::Score;

/// Id of the built-in methodology.
pub const ID: &str = "mqci-default";
/// Version of the built-in parameter set. Bump it whenever a number below changes.
pub const VERSION: &str = "2026.11";

crate::wire::wire_enum! {
    /// The published band schemes.
    #[derive(Default)]
    pub enum BandScheme {
        /// 2011 onwards (default): 没有/不足/初步/中等/较强竞争力 at 75, 80, 85, 90.
        #[default]
        Y2011 = "2011",
        /// 2009 (legacy): 极弱/一般/较强/极强 at 75, 80, 95.
        Y2009 = "2009",
    }
}

/// Choices a user can make on the built-in methodology.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Band scheme (default 2011).
    pub band_scheme: BandScheme,
    /// Standardization function (default linear).
    pub standardization: Standardization,
}

impl Options {
    /// Reads `{ bandScheme?: "2011" | "2009", standardization?: "linear" | "exponential" }`.
    pub fn from_value(value: &crate::value::Value) -> crate::error::Result<Options> {
        let mut r = crate::value::Reader::named("options");
        let mut options = Options::default();
        if let Some(o) = r.object(value, "options", &["bandScheme", "standardization"]) {
            if o.get("bandScheme").is_some() {
                if let Some(b) = r.id(&o, "bandScheme", BandScheme::from_id) {
                    options.band_scheme = b;
                }
            }
            if o.get("standardization").is_some() {
                if let Some(s) = r.id(&o, "standardization", Standardization::from_id) {
                    options.standardization = s;
                }
            }
        }
        r.finish(Some(options))
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            band_scheme: BandScheme::Y2011,
            standardization: Standardization::Linear,
        }
    }
}

const SECONDARY_WEIGHT: &str = "sourced: index = 0.5·质量水平 + 0.5·发展能力 reproduces the published 2007 (84.76, 77.21 → 80.99) and 2006 (83.41, 76.55 → 79.98) indices; any other split contradicts one of them (gov.cn 2007-12-24 content_841824; zaneluse.com 2008-12-24)";
const TERTIARY_WEIGHT: &str = "assumed: not published; equal weights (1/3 of the secondary) fit every partial 2007 figure without contradiction (docs/methodology.md §3)";
const INDICATOR_WEIGHT: &str = "assumed: not published; equal weights (1/2 of the tertiary, 1/12 of the index) fit every partial 2007 figure without contradiction (docs/methodology.md §3)";

/// One row of the indicator table: the numbers and their rationale.
struct Row {
    indicator: Indicator,
    worst: f64,
    best: f64,
    zh: &'static str,
    en: &'static str,
    def_zh: &'static str,
    def_en: &'static str,
    worst_why: &'static str,
    best_why: &'static str,
}

/// The indicator table (docs/methodology.md §2 for names and formulas, §8 for the reference levels).
const ROWS: [Row; 12] = [
    Row {
        indicator: Indicator::GradeProductRate,
        worst: 50.0,
        best: 120.0,
        zh: label("产品质量等级品率"),
        en: label("Grade product rate"),
        def_zh: full_only("(1.5×优等品产值 + 1.0×一等品产值 + 0.5×合格品产值) ÷ 工业总产值 × 100（技监局管发〔1991〕368号）"),
        def_en: full_only("(1.5×top-grade + 1.0×first-grade + 0.5×qualified output) ÷ gross industrial output × 100 (1991 national scheme)"),
        worst_why: full_only("assumed: 50 = all output at 合格品 grade, the floor of acceptable production by the 1991 definition (技监局管发〔1991〕368号); no national level is published"),
        best_why: full_only("assumed: 120 = output largely 优等品 (e.g. 40% 优等品 + 60% 一等品); all-一等品 output is 100 by definition"),
    },
    Row {
        indicator: Indicator::MicroelectronicEquipmentShare,
        worst: 30.0,
        best: 80.0,
        zh: label("微电子控制设备比重"),
        en: label("Share of microelectronic-controlled equipment"),
        def_zh: full_only("微电子控制设备原值 ÷ 生产经营用设备原值 × 100"),
        def_en: full_only("original value of microelectronic-controlled equipment ÷ original value of production equipment × 100"),
        worst_why: full_only("assumed: about half the national proxy level (关键工序数控化率 62.9%, MIIT 2023, SCIO press conference / 央广网 2024-07): little numerical control"),
        best_why: full_only("assumed: above the leading proxy level 66.2% (关键工序数控化率, MIIT 2025-03): a largely digitally controlled plant"),
    },
    Row {
        indicator: Indicator::QmsCertificationRate,
        worst: 30.0,
        best: 95.0,
        zh: label("质量管理体系认证率"),
        en: label("Quality-management-system certification rate"),
        def_zh: full_only("持有有效质量管理体系认证证书的企业数 ÷ 企业数 × 100（单个企业：已认证工厂的比例）"),
        def_en: full_only("enterprises with a valid QMS certificate ÷ enterprises × 100 (one enterprise: share of its plants certified)"),
        worst_why: full_only("assumed: only a minority certified; no rate for 规上 enterprises is published (CNCA counts 908,412 certified organisations, 2024-12)"),
        best_why: full_only("assumed: near-universal certification among 规上 enterprises; 95 leaves room for lapsed or pending certificates"),
    },
    Row {
        indicator: Indicator::QualityLossRate,
        worst: 3.0,
        best: 0.5,
        zh: label("质量损失率"),
        en: label("Quality loss rate"),
        def_zh: full_only("(内部损失成本 + 外部损失成本) ÷ 工业总产值 × 100（越低越好；技监局管发〔1991〕368号）"),
        def_en: full_only("(internal + external failure costs) ÷ gross industrial output × 100 (lower is better; 1991 national scheme)"),
        worst_why: full_only("assumed: no national level is published; losing 3% of output to failure costs marks weak quality control"),
        best_why: full_only("assumed: no national level is published; 0.5% is the level of well-managed manufacturers"),
    },
    Row {
        indicator: Indicator::SpotCheckPassRate,
        worst: 80.0,
        best: 99.0,
        zh: label("产品监督抽查合格率"),
        en: label("Supervisory spot-check pass rate"),
        def_zh: full_only("监督抽查合格批次 ÷ 抽查批次 × 100"),
        def_en: full_only("batches passing supervisory spot checks ÷ batches checked × 100"),
        worst_why: full_only("assumed: below the national 国家监督抽查 headline rate (85.7%, SAMR 2024) and 2012's 89.8% (SAMR yearly 国家监督抽查情况通报)"),
        best_why: full_only("assumed: the rate of large enterprises in 国家监督抽查 (99.2%, SAMR 2023)"),
    },
    Row {
        indicator: Indicator::ExportInspectionPassRate,
        worst: 99.5,
        best: 99.95,
        zh: label("出口商品检验合格率"),
        en: label("Export inspection pass rate"),
        def_zh: full_only("出口商品检验合格批次 ÷ 检验批次 × 100"),
        def_en: full_only("export batches passing inspection ÷ batches inspected × 100"),
        worst_why: full_only("assumed: just below the national 99.85% (AQSIQ/CIQ, 2011 H1); these rates cluster near 100, so the scale is narrow"),
        best_why: full_only("assumed: above the leading 厦门 99.91% (2009)"),
    },
    Row {
        indicator: Indicator::RdExpenditureShare,
        worst: 0.5,
        best: 3.0,
        zh: label("研究与试验发展经费比重"),
        en: label("R&D expenditure share"),
        def_zh: full_only("研究与试验发展经费 ÷ 产品销售收入 × 100"),
        def_en: full_only("R&D expenditure ÷ sales revenue × 100"),
        worst_why: full_only("assumed: below the 2007 大中型 level 0.81% (NBS 中国统计年鉴, 科技活动 tables)"),
        best_why: full_only("assumed: near high-tech manufacturing's 3.10% (NBS 全国科技经费投入统计公报 2023; all 规上制造业 1.71%)"),
    },
    Row {
        indicator: Indicator::RenovationExpenditureShare,
        worst: 0.1,
        best: 1.0,
        zh: label("技术改造经费比重"),
        en: label("Technical renovation expenditure share"),
        def_zh: full_only("技术改造经费 ÷ 产品销售收入 × 100"),
        def_en: full_only("technical renovation expenditure ÷ sales revenue × 100"),
        worst_why: full_only("assumed: no national level is published (≈0.4% estimated); 0.1% is negligible renovation spending"),
        best_why: full_only("assumed: about 2.5 times the estimated national level of ≈0.4%"),
    },
    Row {
        indicator: Indicator::PatentsPerMillionOutput,
        worst: 0.001,
        best: 0.02,
        zh: label("每百万元产值拥有专利数"),
        en: label("Patents per million CNY of output"),
        def_zh: full_only("拥有专利数 ÷ 工业总产值（百万元）"),
        def_en: full_only("patents held ÷ gross industrial output in millions of CNY"),
        worst_why: full_only("assumed: below the 2007 大中型 level ≈0.0017 (derived from NBS 中国统计年鉴)"),
        best_why: full_only("assumed: just above the recent national level of at most ≈0.017 (derived from NBS figures)"),
    },
    Row {
        indicator: Indicator::NewProductSalesShare,
        worst: 5.0,
        best: 35.0,
        zh: label("新产品销售比重"),
        en: label("New product sales share"),
        def_zh: full_only("新产品销售收入 ÷ 产品销售收入 × 100"),
        def_en: full_only("sales of new products ÷ sales revenue × 100"),
        worst_why: full_only("assumed: under half the 2008 规上 level 11.3% (derived from NBS)"),
        best_why: full_only("assumed: about twice the 2007 大中型 level of 15–16% (NBS 中国统计年鉴)"),
    },
    Row {
        indicator: Indicator::AvgSalesRevenue,
        worst: 0.2,
        best: 10.0,
        zh: label("平均产品销售收入"),
        en: label("Average sales revenue per enterprise"),
        def_zh: full_only("产品销售收入 ÷ 企业数（亿元/家）"),
        def_en: full_only("sales revenue ÷ number of enterprises (100 million CNY per enterprise)"),
        worst_why: full_only("assumed: 0.2 亿元 = 2000万元, the 规模以上 revenue threshold; below it an enterprise is not in the statistics"),
        best_why: full_only("assumed: above the 2007 大中型制造业 average of 6.80 亿元 (NBS); a log scale may suit this size variable better, the linear default does not apply one"),
    },
    Row {
        indicator: Indicator::ExportSalesShare,
        worst: 2.0,
        best: 30.0,
        zh: label("国际市场销售率"),
        en: label("Export sales share"),
        def_zh: full_only("出口交货值 ÷ 产品销售收入 × 100"),
        def_en: full_only("export delivery value ÷ sales revenue × 100"),
        worst_why: full_only("assumed: a mostly domestic seller; the national level is ≈11–13% (estimate from monthly 出口交货值 / 营业收入)"),
        best_why: full_only("assumed: the level of export-led 中山 (28.9%, 中山市统计局, 2023 规上工业)"),
    },
];

fn tertiary_labels(t: Tertiary) -> (&'static str, &'static str) {
    match t {
        Tertiary::StandardsTechnology => ("标准与技术水平", "Standards and technology"),
        Tertiary::QualityManagement => ("质量管理水平", "Quality management"),
        Tertiary::SupervisionInspection => ("质量监督与检验水平", "Supervision and inspection"),
        Tertiary::RdRenovation => ("研发与技术改造能力", "R&D and technical renovation"),
        Tertiary::CoreTechnology => ("核心技术能力", "Core technology"),
        Tertiary::MarketAdaptability => ("市场适应能力", "Market adaptability"),
    }
}

fn secondary_labels(s: Secondary) -> (&'static str, &'static str) {
    match s {
        Secondary::QualityLevel => ("质量水平", "Quality level"),
        Secondary::DevelopmentCapability => ("发展能力", "Development capability"),
    }
}

fn band(id: &str, min: f64, max: f64, zh: &str, en: &str) -> Band {
    Band {
        id: id.into(),
        min,
        max,
        zh: zh.into(),
        en: en.into(),
    }
}

/// The bands of a published scheme (docs/methodology.md §4).
pub fn bands(scheme: BandScheme) -> Vec<Band> {
    match scheme {
        BandScheme::Y2011 => vec![
            band("none", Score::MIN, 75.0, "没有竞争力", "No competitiveness"),
            band(
                "insufficient",
                75.0,
                80.0,
                "竞争力不足",
                "Insufficient competitiveness",
            ),
            band(
                "initial",
                80.0,
                85.0,
                "初步竞争力",
                "Initial competitiveness",
            ),
            band("medium", 85.0, 90.0, "中等竞争力", "Medium competitiveness"),
            band(
                "strong",
                90.0,
                Score::MAX,
                "较强竞争力",
                "Relatively strong competitiveness",
            ),
        ],
        BandScheme::Y2009 => vec![
            band("very_weak", Score::MIN, 75.0, "极弱", "Very weak"),
            band("average", 75.0, 80.0, "一般", "Average"),
            band("strong", 80.0, 95.0, "较强", "Relatively strong"),
            band("very_strong", 95.0, Score::MAX, "极强", "Very strong"),
        ],
    }
}

/// A text only the full engine returns (definitions, provenance), evaluated at compile time: in
/// the first-result engine (built without the `full` feature) the table below holds `""`
/// instead, so the texts are not in its binary at all (assessments carry none of them).
const fn full_only(s: &'static str) -> &'static str {
    if cfg!(feature = "full") {
        s
    } else {
        ""
    }
}

/// An indicator's name: kept with the `labels` feature (part of `full`; the batch module turns it
/// on to match spreadsheet headers), left out of the first-result engine like [`full_only`].
const fn label(s: &'static str) -> &'static str {
    if cfg!(feature = "labels") {
        s
    } else {
        ""
    }
}

/// A provenance or definition text. The first-result engine (built without the `full` feature)
/// returns only assessments, which carry none of these texts, so it leaves them out (about
/// 2.5 KB gzipped of the budget in `xtask/src/test.rs`).
fn text(s: &'static str) -> String {
    if cfg!(feature = "full") {
        s.into()
    } else {
        String::new()
    }
}

/// The built-in methodology with the given choices.
pub fn default_methodology(options: Options) -> Methodology {
    let indicators: OrderedMap<Indicator, IndicatorParams> = ROWS
        .iter()
        .map(|r| {
            let direction = if r.best > r.worst {
                Direction::Higher
            } else {
                Direction::Lower
            };
            let params = IndicatorParams {
                weight: 0.5,
                overall_weight: 0.0,
                parent: None,
                worst: r.worst,
                best: r.best,
                direction,
                unit: r.indicator.unit(),
                zh: r.zh.into(),
                en: r.en.into(),
                definition: Text {
                    zh: text(r.def_zh),
                    en: text(r.def_en),
                },
                provenance: IndicatorProvenance {
                    weight: text(INDICATOR_WEIGHT),
                    worst: text(r.worst_why),
                    best: text(r.best_why),
                },
            };
            (r.indicator, params)
        })
        .collect();
    let tertiary = Tertiary::ALL
        .into_iter()
        .map(|t| {
            let (zh, en) = tertiary_labels(t);
            let p = NodeParams {
                weight: 1.0 / 3.0,
                parent: None,
                zh: zh.into(),
                en: en.into(),
                provenance: text(TERTIARY_WEIGHT),
            };
            (t, p)
        })
        .collect();
    let secondary = Secondary::ALL
        .into_iter()
        .map(|s| {
            let (zh, en) = secondary_labels(s);
            let p = NodeParams {
                weight: 0.5,
                parent: None,
                zh: zh.into(),
                en: en.into(),
                provenance: text(SECONDARY_WEIGHT),
            };
            (s, p)
        })
        .collect();
    let (band_scheme, bands_source) = match options.band_scheme {
        BandScheme::Y2011 => ("2011", "sourced: 2011 onwards, kjeagle.com/zltj/2011-7/13/82171.html (AQSIQ item quoting the research group); boundaries read as half-open [lower, upper)"),
        BandScheme::Y2009 => ("2009", "sourced: 2009 scheme, gsiic.com/Item/102774.aspx; boundaries read as half-open [lower, upper)"),
    };
    let standardization_source = match options.standardization {
        Standardization::Linear => "assumed: the official function is not published; the 60–100 range is the hallmark of the 功效系数法: score = 60 + 40·t, t = clamp((x − worst) ÷ (best − worst), 0, 1)",
        Standardization::Exponential => "assumed: the official function is not published; variant used for other Chinese composite indices: score = 60·(100/60)^t, t = clamp((x − worst) ÷ (best − worst), 0, 1)",
    };
    let mut m = Methodology {
        id: ID.into(),
        version: VERSION.into(),
        standardization: options.standardization,
        band_scheme: band_scheme.into(),
        provenance: MethodologyProvenance {
            structure: text("sourced: 12 statistical indicators, 6 tertiary and 2 secondary nodes (《质量竞争力指数解读》); \"质量竞争力指数由12个统计指标的标准化得分线性加权生成，得分范围为60-100分\" (Xinhua 2010-12-16)"),
            standardization: text(standardization_source),
            bands: text(bands_source),
            rounding: text("sourced: published values have 2 decimals; rounding half-up on the decimal value reproduces 2007's 80.99 = (84.76 + 77.21) ÷ 2"),
        },
        indicators,
        tertiary,
        secondary,
        bands: bands(options.band_scheme),
    };
    m.fill_derived();
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_has_provenance() {
        let m = default_methodology(Options::default());
        let tagged = |s: &str| s.starts_with("sourced: ") || s.starts_with("assumed: ");
        for (i, p) in &m.indicators {
            assert!(tagged(&p.provenance.weight), "{i:?}");
            assert!(tagged(&p.provenance.worst), "{i:?}");
            assert!(tagged(&p.provenance.best), "{i:?}");
            assert!(!p.definition.zh.is_empty() && !p.definition.en.is_empty());
        }
        for p in m.tertiary.values().chain(m.secondary.values()) {
            assert!(tagged(&p.provenance));
        }
        assert!(m.provenance.standardization.starts_with("assumed: "));
        assert!(m.provenance.bands.starts_with("sourced: "));
        assert!(m
            .secondary
            .values()
            .all(|p| p.provenance.starts_with("sourced: ")));
    }

    #[test]
    fn rows_follow_the_domain_reference() {
        // docs/methodology.md §8, proposed worst/best.
        let m = default_methodology(Options::default());
        let wb = |i| {
            let p = m.indicator(i).unwrap();
            (p.worst, p.best)
        };
        assert_eq!(wb(Indicator::GradeProductRate), (50.0, 120.0));
        assert_eq!(wb(Indicator::QualityLossRate), (3.0, 0.5));
        assert_eq!(
            m.indicator(Indicator::QualityLossRate).unwrap().direction,
            Direction::Lower
        );
        assert_eq!(wb(Indicator::ExportInspectionPassRate), (99.5, 99.95));
        assert_eq!(wb(Indicator::AvgSalesRevenue), (0.2, 10.0));
        for (n, r) in ROWS.iter().enumerate() {
            assert_eq!(r.indicator, Indicator::ALL[n]);
        }
    }
}
