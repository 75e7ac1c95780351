//! The fixed structure of the index: 2 secondary nodes, 6 tertiary nodes, 12 statistical
//! indicators.
//!
//! Source: 《质量竞争力指数解读》 (see `shared/domain/MQCI.md` §2). The *structure* is published;
//! the weights and standardization bounds are not, and live in [`crate::methodology`] as data.

use serde::Serialize;

/// A level-2 node: the index is the weighted sum of the two secondary scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Secondary {
    /// 质量水平 — current quality state.
    QualityLevel,
    /// 发展能力 — development capability (potential).
    DevelopmentCapability,
}

/// A level-3 node: each secondary has three tertiary children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tertiary {
    /// 标准与技术水平
    StandardsTechnology,
    /// 质量管理水平
    QualityManagement,
    /// 质量监督与检验水平
    SupervisionInspection,
    /// 研发与技术改造能力
    RdRenovation,
    /// 核心技术能力
    CoreTechnology,
    /// 市场适应能力
    MarketAdaptability,
}

/// One of the 12 statistical indicators (leaves of the tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 产品质量等级品率 (%, 0–150)
    GradeProductRate,
    /// 微电子控制设备比重 (%)
    MicroelectronicEquipmentShare,
    /// 质量管理体系认证率 (%)
    QmsCertificationRate,
    /// 质量损失率 (%, lower is better)
    QualityLossRate,
    /// 产品监督抽查合格率 (%)
    SpotCheckPassRate,
    /// 出口商品检验合格率 (%)
    ExportInspectionPassRate,
    /// 研究与试验发展经费比重 (%)
    RdExpenditureShare,
    /// 技术改造经费比重 (%)
    RenovationExpenditureShare,
    /// 每百万元产值拥有专利数 (patents per 10^6 CNY of output)
    PatentsPerMillionOutput,
    /// 新产品销售比重 (%)
    NewProductSalesShare,
    /// 平均产品销售收入 (亿元 per enterprise)
    AvgSalesRevenue,
    /// 国际市场销售率 (%)
    ExportSalesShare,
}

/// Which way an indicator's value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Larger values score higher.
    Higher,
    /// Smaller values score higher (质量损失率).
    Lower,
}

/// The unit an indicator is measured in; decides what input is plausible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A percentage, at most 100.
    Percent,
    /// 产品质量等级品率: a weighted percentage, at most 150 (1.5 × 100 % 优等品).
    WeightedPercent,
    /// Patents per million CNY of output.
    PatentsPerMillionCny,
    /// 亿元 of sales revenue per enterprise.
    YiYuanPerEnterprise,
}

impl Unit {
    /// The largest value that can be entered, if the unit has one.
    pub fn max_value(self) -> Option<f64> {
        match self {
            Unit::Percent => Some(100.0),
            Unit::WeightedPercent => Some(150.0),
            Unit::PatentsPerMillionCny | Unit::YiYuanPerEnterprise => None,
        }
    }

    /// Whether a trailing `%` is acceptable on a typed value.
    pub fn is_percent(self) -> bool {
        matches!(self, Unit::Percent | Unit::WeightedPercent)
    }
}

impl Secondary {
    /// Both secondary nodes, in published order.
    pub const ALL: [Secondary; 2] = [Secondary::QualityLevel, Secondary::DevelopmentCapability];

    /// Stable id used in JSON and the JS API.
    pub fn id(self) -> &'static str {
        match self {
            Secondary::QualityLevel => "quality_level",
            Secondary::DevelopmentCapability => "development_capability",
        }
    }

    /// Looks a secondary node up by its id.
    pub fn from_id(id: &str) -> Option<Secondary> {
        Secondary::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The three tertiary children.
    pub fn children(self) -> [Tertiary; 3] {
        match self {
            Secondary::QualityLevel => [
                Tertiary::StandardsTechnology,
                Tertiary::QualityManagement,
                Tertiary::SupervisionInspection,
            ],
            Secondary::DevelopmentCapability => [
                Tertiary::RdRenovation,
                Tertiary::CoreTechnology,
                Tertiary::MarketAdaptability,
            ],
        }
    }
}

impl Tertiary {
    /// All six tertiary nodes, in published order.
    pub const ALL: [Tertiary; 6] = [
        Tertiary::StandardsTechnology,
        Tertiary::QualityManagement,
        Tertiary::SupervisionInspection,
        Tertiary::RdRenovation,
        Tertiary::CoreTechnology,
        Tertiary::MarketAdaptability,
    ];

    /// Stable id used in JSON and the JS API.
    pub fn id(self) -> &'static str {
        match self {
            Tertiary::StandardsTechnology => "standards_technology",
            Tertiary::QualityManagement => "quality_management",
            Tertiary::SupervisionInspection => "supervision_inspection",
            Tertiary::RdRenovation => "rd_renovation",
            Tertiary::CoreTechnology => "core_technology",
            Tertiary::MarketAdaptability => "market_adaptability",
        }
    }

    /// Looks a tertiary node up by its id.
    pub fn from_id(id: &str) -> Option<Tertiary> {
        Tertiary::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The secondary node this one belongs to.
    pub fn parent(self) -> Secondary {
        match self {
            Tertiary::StandardsTechnology
            | Tertiary::QualityManagement
            | Tertiary::SupervisionInspection => Secondary::QualityLevel,
            Tertiary::RdRenovation | Tertiary::CoreTechnology | Tertiary::MarketAdaptability => {
                Secondary::DevelopmentCapability
            }
        }
    }

    /// The two indicator children.
    pub fn children(self) -> [Indicator; 2] {
        match self {
            Tertiary::StandardsTechnology => [
                Indicator::GradeProductRate,
                Indicator::MicroelectronicEquipmentShare,
            ],
            Tertiary::QualityManagement => {
                [Indicator::QmsCertificationRate, Indicator::QualityLossRate]
            }
            Tertiary::SupervisionInspection => [
                Indicator::SpotCheckPassRate,
                Indicator::ExportInspectionPassRate,
            ],
            Tertiary::RdRenovation => [
                Indicator::RdExpenditureShare,
                Indicator::RenovationExpenditureShare,
            ],
            Tertiary::CoreTechnology => [
                Indicator::PatentsPerMillionOutput,
                Indicator::NewProductSalesShare,
            ],
            Tertiary::MarketAdaptability => {
                [Indicator::AvgSalesRevenue, Indicator::ExportSalesShare]
            }
        }
    }
}

impl Indicator {
    /// All twelve indicators, in published order.
    pub const ALL: [Indicator; 12] = [
        Indicator::GradeProductRate,
        Indicator::MicroelectronicEquipmentShare,
        Indicator::QmsCertificationRate,
        Indicator::QualityLossRate,
        Indicator::SpotCheckPassRate,
        Indicator::ExportInspectionPassRate,
        Indicator::RdExpenditureShare,
        Indicator::RenovationExpenditureShare,
        Indicator::PatentsPerMillionOutput,
        Indicator::NewProductSalesShare,
        Indicator::AvgSalesRevenue,
        Indicator::ExportSalesShare,
    ];

    /// Stable id used in JSON and the JS API.
    pub fn id(self) -> &'static str {
        match self {
            Indicator::GradeProductRate => "grade_product_rate",
            Indicator::MicroelectronicEquipmentShare => "microelectronic_equipment_share",
            Indicator::QmsCertificationRate => "qms_certification_rate",
            Indicator::QualityLossRate => "quality_loss_rate",
            Indicator::SpotCheckPassRate => "spot_check_pass_rate",
            Indicator::ExportInspectionPassRate => "export_inspection_pass_rate",
            Indicator::RdExpenditureShare => "rd_expenditure_share",
            Indicator::RenovationExpenditureShare => "renovation_expenditure_share",
            Indicator::PatentsPerMillionOutput => "patents_per_million_output",
            Indicator::NewProductSalesShare => "new_product_sales_share",
            Indicator::AvgSalesRevenue => "avg_sales_revenue",
            Indicator::ExportSalesShare => "export_sales_share",
        }
    }

    /// Looks an indicator up by its id.
    pub fn from_id(id: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.id() == id)
    }

    /// The tertiary node this indicator belongs to.
    pub fn parent(self) -> Tertiary {
        match self {
            Indicator::GradeProductRate | Indicator::MicroelectronicEquipmentShare => {
                Tertiary::StandardsTechnology
            }
            Indicator::QmsCertificationRate | Indicator::QualityLossRate => {
                Tertiary::QualityManagement
            }
            Indicator::SpotCheckPassRate | Indicator::ExportInspectionPassRate => {
                Tertiary::SupervisionInspection
            }
            Indicator::RdExpenditureShare | Indicator::RenovationExpenditureShare => {
                Tertiary::RdRenovation
            }
            Indicator::PatentsPerMillionOutput | Indicator::NewProductSalesShare => {
                Tertiary::CoreTechnology
            }
            Indicator::AvgSalesRevenue | Indicator::ExportSalesShare => {
                Tertiary::MarketAdaptability
            }
        }
    }

    /// The unit of the indicator (MQCI.md §2). Fixed by the definition, not by a methodology.
    pub fn unit(self) -> Unit {
        match self {
            Indicator::GradeProductRate => Unit::WeightedPercent,
            Indicator::PatentsPerMillionOutput => Unit::PatentsPerMillionCny,
            Indicator::AvgSalesRevenue => Unit::YiYuanPerEnterprise,
            Indicator::MicroelectronicEquipmentShare
            | Indicator::QmsCertificationRate
            | Indicator::QualityLossRate
            | Indicator::SpotCheckPassRate
            | Indicator::ExportInspectionPassRate
            | Indicator::RdExpenditureShare
            | Indicator::RenovationExpenditureShare
            | Indicator::NewProductSalesShare
            | Indicator::ExportSalesShare => Unit::Percent,
        }
    }
}

/// Any node of the tree that can be given a score directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// A secondary node.
    Secondary(Secondary),
    /// A tertiary node.
    Tertiary(Tertiary),
    /// An indicator.
    Indicator(Indicator),
}

impl Node {
    /// Looks a node up by its id (secondary, tertiary or indicator id).
    pub fn from_id(id: &str) -> Option<Node> {
        Secondary::from_id(id)
            .map(Node::Secondary)
            .or_else(|| Tertiary::from_id(id).map(Node::Tertiary))
            .or_else(|| Indicator::from_id(id).map(Node::Indicator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_is_consistent() {
        for s in Secondary::ALL {
            for t in s.children() {
                assert_eq!(t.parent(), s);
                for i in t.children() {
                    assert_eq!(i.parent(), t);
                }
            }
        }
        let leaves: Vec<_> = Secondary::ALL
            .iter()
            .flat_map(|s| s.children())
            .flat_map(|t| t.children())
            .collect();
        assert_eq!(leaves, Indicator::ALL.to_vec());
    }

    #[test]
    fn ids_round_trip_and_match_serde() {
        for i in Indicator::ALL {
            assert_eq!(Indicator::from_id(i.id()), Some(i));
            assert_eq!(Node::from_id(i.id()), Some(Node::Indicator(i)));
        }
        for t in Tertiary::ALL {
            assert_eq!(Node::from_id(t.id()), Some(Node::Tertiary(t)));
        }
        for s in Secondary::ALL {
            assert_eq!(Node::from_id(s.id()), Some(Node::Secondary(s)));
        }
        assert_eq!(Node::from_id("index"), None);
    }
}
