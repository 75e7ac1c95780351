//! The fixed structure of the index: 2 secondary nodes, 6 tertiary nodes, 12 statistical
//! indicators.
//!
//! Source: 《质量竞争力指数解读》 (see `docs/methodology.md` §2). The *structure* is published;
//! the weights and standardization bounds are not, and live in [`crate::methodology`] as data.

use crate::wire::wire_enum;

wire_enum! {
    /// A level-2 node: the index is the weighted sum of the two secondary scores.
    pub enum Secondary {
        /// 质量水平 — current quality state.
        QualityLevel = "quality_level",
        /// 发展能力 — development capability (potential).
        DevelopmentCapability = "development_capability",
    }
}

wire_enum! {
    /// A level-3 node: each secondary has three tertiary children.
    pub enum Tertiary {
        /// 标准与技术水平
        StandardsTechnology = "standards_technology",
        /// 质量管理水平
        QualityManagement = "quality_management",
        /// 质量监督与检验水平
        SupervisionInspection = "supervision_inspection",
        /// 研发与技术改造能力
        RdRenovation = "rd_renovation",
        /// 核心技术能力
        CoreTechnology = "core_technology",
        /// 市场适应能力
        MarketAdaptability = "market_adaptability",
    }
}

wire_enum! {
    /// One of the 12 statistical indicators (leaves of the tree).
    pub enum Indicator {
        /// 产品质量等级品率 (%, 0–150)
        GradeProductRate = "grade_product_rate",
        /// 微电子控制设备比重 (%)
        MicroelectronicEquipmentShare = "microelectronic_equipment_share",
        /// 质量管理体系认证率 (%)
        QmsCertificationRate = "qms_certification_rate",
        /// 质量损失率 (%, lower is better)
        QualityLossRate = "quality_loss_rate",
        /// 产品监督抽查合格率 (%)
        SpotCheckPassRate = "spot_check_pass_rate",
        /// 出口商品检验合格率 (%)
        ExportInspectionPassRate = "export_inspection_pass_rate",
        /// 研究与试验发展经费比重 (%)
        RdExpenditureShare = "rd_expenditure_share",
        /// 技术改造经费比重 (%)
        RenovationExpenditureShare = "renovation_expenditure_share",
        /// 每百万元产值拥有专利数 (patents per 10^6 CNY of output)
        PatentsPerMillionOutput = "patents_per_million_output",
        /// 新产品销售比重 (%)
        NewProductSalesShare = "new_product_sales_share",
        /// 平均产品销售收入 (亿元 per enterprise)
        AvgSalesRevenue = "avg_sales_revenue",
        /// 国际市场销售率 (%)
        ExportSalesShare = "export_sales_share",
    }
}

wire_enum! {
    /// Which way an indicator's value is better.
    pub enum Direction {
        /// Larger values score higher.
        Higher = "higher",
        /// Smaller values score higher (质量损失率).
        Lower = "lower",
    }
}

wire_enum! {
    /// The unit an indicator is measured in; decides what input is plausible.
    pub enum Unit {
        /// A percentage, at most 100.
        Percent = "percent",
        /// 产品质量等级品率: a weighted percentage, at most 150 (1.5 × 100 % 优等品).
        WeightedPercent = "weighted_percent",
        /// Patents per million CNY of output.
        PatentsPerMillionCny = "patents_per_million_cny",
        /// 亿元 of sales revenue per enterprise.
        YiYuanPerEnterprise = "yi_yuan_per_enterprise",
    }
}

impl Unit {
    /// The largest value that can be entered: 100 for a percentage, 150 for 产品质量等级品率,
    /// and [`crate::score::MAX_MAGNITUDE`] (10¹⁵) for the units without a natural maximum, so
    /// that every value and every difference of values stays finite.
    pub fn max_value(self) -> f64 {
        match self {
            Unit::Percent => 100.0,
            Unit::WeightedPercent => 150.0,
            Unit::PatentsPerMillionCny | Unit::YiYuanPerEnterprise => crate::score::MAX_MAGNITUDE,
        }
    }

    /// Whether a trailing `%` is acceptable on a typed value.
    pub fn is_percent(self) -> bool {
        matches!(self, Unit::Percent | Unit::WeightedPercent)
    }
}

impl Secondary {
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

    /// The unit of the indicator (docs/methodology.md §2). Fixed by the definition, not by a methodology.
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
