//! Raw figures → indicator values (docs/methodology.md §2).
//!
//! * 产品质量等级品率 = (1.5·优等品产值 + 1.0·一等品产值 + 0.5·合格品产值) ÷ 工业总产值 × 100
//!   (sourced: 《全国工业产品质量指标体系总体方案》技监局管发〔1991〕368号);
//! * 质量损失率 = (内部损失成本 + 外部损失成本) ÷ 工业总产值 × 100 (same source);
//! * every other indicator is a numerator over a denominator, times a unit factor
//!   (× 100 for percentages; 专利数 ÷ 产值 in 百万元 for patents; 万元 → 亿元 per enterprise).
//!
//! Money is entered in 万元. A zero or missing denominator is an error, never Infinity.

use crate::ordered::OrderedMap;

use serde::Serialize;

use crate::decimal::{fmt_num, round_significant15};
use crate::error::{quote, Error, Result};
use crate::model::Indicator;
use crate::number::{parse_non_negative, Figure};

/// Raw input: `{ <indicatorId>: { <fieldKey>: number | string } }`.
pub type RawInput = OrderedMap<String, OrderedMap<String, Figure>>;

/// Reads a [`RawInput`] from a plain value (`null` = nothing).
pub fn raw_input_from_value(value: &crate::value::Value) -> Result<RawInput> {
    if *value == crate::value::Value::Null {
        return Ok(RawInput::new());
    }
    let mut r = crate::value::Reader::named("raw");
    let raw = r.object(value, "raw", &[]).map(|o| {
        o.entries()
            .iter()
            .map(|(k, v)| (k.clone(), r.figure_map(v, &o.path_of(k))))
            .collect()
    });
    r.finish(raw)
}

/// How the fields combine.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Formula {
    /// (1.5·a + 1.0·b + 0.5·c) ÷ total × 100.
    GradeProduct,
    /// (internal + external) ÷ total × 100.
    QualityLoss,
    /// numerator ÷ denominator × factor.
    Ratio {
        /// Unit factor (100 for percentages).
        factor: f64,
    },
}

/// One raw input field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawField {
    /// Key in the raw input object.
    pub key: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Unit of the figure (`万元`, `项`, `家`, `批次`…).
    pub unit: &'static str,
    /// Whether this is the denominator (must be above zero).
    pub denominator: bool,
}

/// The raw fields and formula of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawSpec {
    /// Indicator id.
    pub indicator: &'static str,
    /// How the fields combine.
    pub formula: Formula,
    /// The input fields, numerator(s) first.
    pub fields: Vec<RawField>,
}

const fn f(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    unit: &'static str,
    denominator: bool,
) -> RawField {
    RawField {
        key,
        zh,
        en,
        unit,
        denominator,
    }
}

const TOTAL_OUTPUT: RawField = f(
    "totalOutput",
    "工业总产值",
    "Gross industrial output",
    "万元",
    true,
);
const SALES: RawField = f(
    "salesRevenue",
    "产品销售收入",
    "Sales revenue",
    "万元",
    true,
);

/// The raw-figure form of an indicator.
pub fn raw_spec(i: Indicator) -> RawSpec {
    let pct = Formula::Ratio { factor: 100.0 };
    let (formula, fields) = match i {
        Indicator::GradeProductRate => (
            Formula::GradeProduct,
            vec![
                f(
                    "superiorOutput",
                    "优等品产值",
                    "Output of top-grade (优等品) products",
                    "万元",
                    false,
                ),
                f(
                    "firstClassOutput",
                    "一等品产值",
                    "Output of first-grade (一等品) products",
                    "万元",
                    false,
                ),
                f(
                    "qualifiedOutput",
                    "合格品产值",
                    "Output of qualified (合格品) products",
                    "万元",
                    false,
                ),
                TOTAL_OUTPUT,
            ],
        ),
        Indicator::QualityLossRate => (
            Formula::QualityLoss,
            vec![
                f(
                    "internalLoss",
                    "内部损失成本",
                    "Internal failure costs",
                    "万元",
                    false,
                ),
                f(
                    "externalLoss",
                    "外部损失成本",
                    "External failure costs",
                    "万元",
                    false,
                ),
                TOTAL_OUTPUT,
            ],
        ),
        Indicator::MicroelectronicEquipmentShare => (
            pct,
            vec![
                f(
                    "numerator",
                    "微电子控制设备原值",
                    "Original value of microelectronic-controlled equipment",
                    "万元",
                    false,
                ),
                f(
                    "denominator",
                    "生产经营用设备原值",
                    "Original value of production equipment",
                    "万元",
                    true,
                ),
            ],
        ),
        Indicator::QmsCertificationRate => (
            pct,
            vec![
                f(
                    "numerator",
                    "已认证企业（工厂）数",
                    "Certified enterprises (plants)",
                    "个",
                    false,
                ),
                f(
                    "denominator",
                    "企业（工厂）总数",
                    "All enterprises (plants)",
                    "个",
                    true,
                ),
            ],
        ),
        Indicator::SpotCheckPassRate => (
            pct,
            vec![
                f(
                    "numerator",
                    "抽查合格批次",
                    "Batches passing spot checks",
                    "批次",
                    false,
                ),
                f(
                    "denominator",
                    "抽查批次",
                    "Batches spot-checked",
                    "批次",
                    true,
                ),
            ],
        ),
        Indicator::ExportInspectionPassRate => (
            pct,
            vec![
                f(
                    "numerator",
                    "检验合格批次",
                    "Export batches passing inspection",
                    "批次",
                    false,
                ),
                f(
                    "denominator",
                    "检验批次",
                    "Export batches inspected",
                    "批次",
                    true,
                ),
            ],
        ),
        Indicator::RdExpenditureShare => (
            pct,
            vec![
                f(
                    "numerator",
                    "研究与试验发展经费",
                    "R&D expenditure",
                    "万元",
                    false,
                ),
                SALES,
            ],
        ),
        Indicator::RenovationExpenditureShare => (
            pct,
            vec![
                f(
                    "numerator",
                    "技术改造经费",
                    "Technical renovation expenditure",
                    "万元",
                    false,
                ),
                SALES,
            ],
        ),
        Indicator::PatentsPerMillionOutput => (
            // patents ÷ (output in 万元 ÷ 100) = patents ÷ output in 百万元
            Formula::Ratio { factor: 100.0 },
            vec![
                f("numerator", "拥有专利数", "Patents held", "项", false),
                TOTAL_OUTPUT,
            ],
        ),
        Indicator::NewProductSalesShare => (
            pct,
            vec![
                f(
                    "numerator",
                    "新产品销售收入",
                    "Sales of new products",
                    "万元",
                    false,
                ),
                SALES,
            ],
        ),
        Indicator::AvgSalesRevenue => (
            // 万元 ÷ 企业数 ÷ 10 000 = 亿元 per enterprise
            Formula::Ratio { factor: 1e-4 },
            vec![
                f("numerator", "产品销售收入", "Sales revenue", "万元", false),
                f("denominator", "企业数", "Number of enterprises", "家", true),
            ],
        ),
        Indicator::ExportSalesShare => (
            pct,
            vec![
                f(
                    "numerator",
                    "出口交货值",
                    "Export delivery value",
                    "万元",
                    false,
                ),
                SALES,
            ],
        ),
    };
    RawSpec {
        indicator: i.id(),
        formula,
        fields,
    }
}

/// The raw-figure forms of all twelve indicators, in published order.
pub fn raw_specs() -> Vec<RawSpec> {
    Indicator::ALL.into_iter().map(raw_spec).collect()
}

/// Why a formula gave no value (the caller names the field).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fault {
    /// The denominator is zero (`Some`) or missing (`None`).
    ZeroDenominator(Option<f64>),
    /// No numerator given.
    MissingNumerator,
    /// Parts above the whole (grade outputs or losses above 工业总产值).
    PartsExceedWhole {
        /// Sum of the parts.
        sum: f64,
        /// The whole.
        whole: f64,
    },
    /// The result is above the unit's maximum (a rate above 100 %).
    AboveMaximum {
        /// The result.
        value: f64,
        /// The unit's maximum.
        max: f64,
    },
}

/// Applies the formula of `i` to its numerator(s) and denominator (parsed, non-negative):
/// the one place the formulas of this module are computed.
pub(crate) fn apply(
    i: Indicator,
    formula: Formula,
    parts: &[Option<f64>],
    denominator: Option<f64>,
) -> std::result::Result<f64, Fault> {
    let denominator = match denominator {
        Some(d) if d > 0.0 => d,
        other => return Err(Fault::ZeroDenominator(other)),
    };
    let value = match formula {
        Formula::GradeProduct | Formula::QualityLoss => {
            if parts.iter().all(Option::is_none) {
                return Err(Fault::MissingNumerator);
            }
            let p: Vec<f64> = parts.iter().map(|v| v.unwrap_or(0.0)).collect();
            let sum: f64 = p.iter().sum();
            if sum > denominator {
                return Err(Fault::PartsExceedWhole {
                    sum,
                    whole: denominator,
                });
            }
            let weighted = if formula == Formula::GradeProduct {
                1.5 * p[0] + 1.0 * p[1] + 0.5 * p[2]
            } else {
                sum
            };
            weighted / denominator * 100.0
        }
        Formula::Ratio { factor } => {
            let Some(numerator) = parts.first().copied().flatten() else {
                return Err(Fault::MissingNumerator);
            };
            numerator / denominator * factor
        }
    };
    // 15 significant digits, as the parser reads typed figures: binary noise such as
    // 150.00000000000003 (优等品 = 工业总产值) becomes the 150 it stands for.
    let value = round_significant15(value);
    let max = i.unit().max_value();
    if value.is_nan() || value > max {
        // Also a ratio over a vanishing denominator (953903 / 5e-324 = Infinity).
        return Err(Fault::AboveMaximum { value, max });
    }
    Ok(value)
}

/// Parses a raw figure: money (unit 万元) also as "1300万元", "5.2亿"; anything else as a
/// plain non-negative number.
fn parse_raw(field: &RawField, path: &str, figure: &Figure) -> Result<Option<f64>> {
    if field.unit == "万元" {
        crate::number::parse_money(path, figure)
    } else {
        parse_non_negative(path, figure)
    }
}

/// Derives one indicator from its raw figures. `Ok(None)` when every field is empty.
fn derive_one(i: Indicator, fields: &OrderedMap<String, Figure>) -> Result<Option<f64>> {
    let spec = raw_spec(i);
    let base = format!("raw.{}", i.id());
    let mut errors = Vec::new();
    for key in fields.keys() {
        if !spec.fields.iter().any(|f| f.key == key) {
            errors.push(Error::UnknownKey {
                field: quote(&format!("{base}.{key}")),
                key: quote(key),
            });
        }
    }
    let mut got: Vec<Option<f64>> = Vec::new();
    for field in &spec.fields {
        let path = format!("{base}.{}", field.key);
        let figure = fields.get(field.key).cloned().unwrap_or(Figure::Empty);
        match parse_raw(field, &path, &figure) {
            Ok(v) => got.push(v),
            Err(e) => {
                errors.push(e);
                got.push(None);
            }
        }
    }
    Error::from_list(errors)?;
    if got.iter().all(Option::is_none) {
        return Ok(None);
    }
    let Some((denominator, parts)) = got.split_last() else {
        return Ok(None);
    };
    let den_path = format!("{base}.{}", spec.fields.last().map_or("", |f| f.key));
    let num_path = format!("{base}.{}", spec.fields[0].key);
    apply(i, spec.formula, parts, *denominator)
        .map(Some)
        .map_err(|fault| fault_error(fault, num_path, den_path))
}

/// The error for a [`Fault`], at the numerator's or the denominator's field.
pub(crate) fn fault_error(fault: Fault, numerator: String, denominator: String) -> Error {
    match fault {
        Fault::ZeroDenominator(d) => Error::ZeroDenominator {
            field: denominator,
            value: d.map_or_else(String::new, fmt_num),
        },
        Fault::MissingNumerator => Error::Missing { field: numerator },
        Fault::PartsExceedWhole { sum, whole } => Error::PartsExceedWhole {
            field: denominator,
            sum,
            whole,
        },
        Fault::AboveMaximum { value, max } => Error::AboveMaximum {
            field: numerator,
            value: fmt_num(value),
            max,
        },
    }
}

/// Derives indicator values from raw figures. The result can be passed as `values` to
/// [`crate::assess::assess`]. Every field error is reported (as [`Error::Many`] if several).
pub fn derive_indicators(raw: &RawInput) -> Result<OrderedMap<String, f64>> {
    let mut errors = Vec::new();
    for id in raw.keys() {
        if Indicator::from_id(id).is_none() {
            errors.push(Error::UnknownId {
                field: quote(&format!("raw.{id}")),
                id: quote(id),
            });
        }
    }
    let mut out = Vec::new();
    for i in Indicator::ALL {
        let Some(fields) = raw.get(i.id()) else {
            continue;
        };
        match derive_one(i, fields) {
            Ok(Some(v)) => out.push((i.id().to_string(), v)),
            Ok(None) => {}
            Err(e) => errors.extend(e.into_errors()),
        }
    }
    Error::from_list(errors)?;
    Ok(OrderedMap(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: &str, fields: &[(&str, &str)]) -> RawInput {
        let inner = fields
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::from(*v)))
            .collect();
        [(id.to_string(), inner)].into_iter().collect()
    }

    #[test]
    fn ratio_and_units() {
        let out = derive_indicators(&raw(
            "spot_check_pass_rate",
            &[("numerator", "47"), ("denominator", "50")],
        ))
        .unwrap();
        assert_eq!(out.get("spot_check_pass_rate"), Some(&94.0));
        let out = derive_indicators(&raw(
            "patents_per_million_output",
            &[("numerator", "3"), ("totalOutput", "150000")],
        ))
        .unwrap();
        // 150 000 万元 = 1 500 百万元 → 3 / 1500 = 0.002
        assert!((out.get("patents_per_million_output").unwrap() - 0.002).abs() < 1e-15);
        let out = derive_indicators(&raw(
            "avg_sales_revenue",
            &[("numerator", "68,000"), ("denominator", "1")],
        ))
        .unwrap();
        assert!((out.get("avg_sales_revenue").unwrap() - 6.8).abs() < 1e-12);
    }

    #[test]
    fn zero_or_missing_denominator_is_an_error() {
        let e = derive_indicators(&raw(
            "export_sales_share",
            &[("numerator", "5"), ("salesRevenue", "0")],
        ))
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("zero_denominator", "raw.export_sales_share.salesRevenue")
        );
        let e = derive_indicators(&raw("export_sales_share", &[("numerator", "5")])).unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            (
                "zero_denominator",
                "raw.export_sales_share.salesRevenue",
                Some("")
            )
        );
    }

    #[test]
    fn validation() {
        let e = derive_indicators(&raw(
            "spot_check_pass_rate",
            &[("numerator", "51"), ("denominator", "50")],
        ))
        .unwrap_err();
        assert_eq!(e.code(), "above_maximum");
        let e = derive_indicators(&raw(
            "spot_check_pass_rate",
            &[("numerator", "-1"), ("denominator", "50")],
        ))
        .unwrap_err();
        assert_eq!(e.code(), "negative");
        let e = derive_indicators(&raw(
            "spot_check_pass_rate",
            &[("numerater", "1"), ("denominator", "50")],
        ))
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            (
                "unknown_key",
                "raw.spot_check_pass_rate.numerater",
                Some("numerater")
            )
        );
        let e = derive_indicators(&raw("nope", &[])).unwrap_err();
        assert_eq!(e.field(), "raw.nope");
        let e = derive_indicators(&raw(
            "quality_loss_rate",
            &[
                ("internalLoss", "80"),
                ("externalLoss", "30"),
                ("totalOutput", "100"),
            ],
        ))
        .unwrap_err();
        assert_eq!(e.code(), "parts_exceed_whole");
        assert_eq!(
            e.params(),
            vec![
                ("sum", crate::error::Param::Num(110.0)),
                ("whole", crate::error::Param::Num(100.0))
            ]
        );
        assert!(
            derive_indicators(&raw("spot_check_pass_rate", &[("numerator", "")]))
                .unwrap()
                .0
                .is_empty()
        );
    }
}
