//! One form for an enterprise's annual figures (年度统计数据): every base figure entered
//! once, all twelve indicators derived from them with the formulas of [`crate::derive`]
//! (`docs/methodology.md` §2). For one enterprise, "per enterprise" is the enterprise itself
//! (平均产品销售收入 = its own 营业收入) and the certification rate is 100 or 0.
//!
//! Money is in 万元 and may be typed with its unit ("1300万元", "5.2亿"); counts are whole
//! numbers; 质量管理体系认证 is yes/no. A bad cell is reported in the result, never thrown,
//! so a form can mark it and keep showing everything else.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::derive::{apply, fault_error, raw_spec};
use crate::error::{quote, Error, Param, Result};
use crate::model::Indicator;
use crate::number::{parse_money, parse_non_negative};
use crate::ordered::OrderedMap;
use crate::value::Value;
use crate::wire::wire_enum;

wire_enum! {
    /// What a figure of the annual form is measured in.
    pub enum AnnualUnit {
        /// 万元 (10 000 CNY); "万元", "亿元" typed with the number are understood.
        WanYuan = "wan_yuan",
        /// A whole number of items (patents).
        Count = "count",
        /// A whole number of batches.
        Batches = "batches",
        /// Yes or no.
        YesNo = "yes_no",
    }
}

/// A Chinese and an English text.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Hint {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// One base figure of the annual form.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AnnualField {
    /// Key in the annual object.
    pub key: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Unit.
    pub unit: AnnualUnit,
    /// A one-line explanation.
    pub hint: Hint,
    /// The part of the form it belongs to (`output`, `innovation`, `equipment`, `quality`,
    /// `inspection`, `certification`).
    pub group: &'static str,
}

const fn field(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    unit: AnnualUnit,
    hint: (&'static str, &'static str),
    group: &'static str,
) -> AnnualField {
    AnnualField {
        key,
        zh,
        en,
        unit,
        hint: Hint {
            zh: hint.0,
            en: hint.1,
        },
        group,
    }
}

use AnnualUnit::{Batches, Count, WanYuan, YesNo};

/// The base figures in the order of the statistical forms: 工业产销总值 (B204-1), 财务状况
/// (营业收入), 研究开发活动 and 技术改造, 固定资产 (equipment), then the figures an enterprise
/// keeps for quality: grades and failure costs, 监督抽查, 出口检验, QMS certification.
pub const ANNUAL_FIELDS: [AnnualField; 19] = [
    field(
        "totalOutput",
        "工业总产值",
        "Gross industrial output",
        WanYuan,
        (
            "按当年价格计算的全部工业产品产值（统计表 B204-1）",
            "All industrial output at current prices (statistical form B204-1)",
        ),
        "output",
    ),
    field(
        "exportDelivery",
        "出口交货值",
        "Export delivery value",
        WanYuan,
        (
            "交付外贸部门或直接出口的产品价值（统计表 B204-1）",
            "Value of products delivered for export (statistical form B204-1)",
        ),
        "output",
    ),
    field(
        "salesRevenue",
        "营业收入（产品销售收入）",
        "Operating revenue (sales revenue)",
        WanYuan,
        (
            "现行一套表报营业收入，即旧称的产品销售收入",
            "Current NBS forms report 营业收入, formerly 产品销售收入",
        ),
        "output",
    ),
    field(
        "rdExpenditure",
        "研究与试验发展（R&D）经费支出",
        "R&D expenditure",
        WanYuan,
        (
            "本年内部开展研发活动的实际支出（研究开发活动表）",
            "Spending on in-house R&D in the year (R&D activity form)",
        ),
        "innovation",
    ),
    field(
        "renovationExpenditure",
        "技术改造经费支出",
        "Technical renovation expenditure",
        WanYuan,
        (
            "用新技术改造现有设施、工艺的支出",
            "Spending on upgrading existing plant and processes with new technology",
        ),
        "innovation",
    ),
    field(
        "newProductSales",
        "新产品销售收入",
        "Sales of new products",
        WanYuan,
        (
            "采用新技术、新设计，性能有显著改进的产品的销售收入",
            "Revenue from products with new technology or design and clearly better performance",
        ),
        "innovation",
    ),
    field(
        "patents",
        "有效专利数",
        "Patents in force",
        Count,
        (
            "年末拥有的有效专利件数",
            "Patents held and in force at the end of the year",
        ),
        "innovation",
    ),
    field(
        "equipmentValue",
        "生产经营用设备原值",
        "Original value of production equipment",
        WanYuan,
        (
            "生产经营用机器设备的账面原值",
            "Book value at cost of the machinery used in production",
        ),
        "equipment",
    ),
    field(
        "microelectronicEquipmentValue",
        "其中：微电子控制设备原值",
        "of which: microelectronic-controlled equipment",
        WanYuan,
        (
            "其中由数控、PLC 等微电子装置控制的设备原值",
            "The part controlled by numerical control, PLCs or other microelectronics",
        ),
        "equipment",
    ),
    field(
        "superiorOutput",
        "优等品产值",
        "Output of top-grade products (优等品)",
        WanYuan,
        (
            "达到国际先进水平的产品产值（按产品质量分等）",
            "Output graded at international advanced level (product quality grading)",
        ),
        "quality",
    ),
    field(
        "firstClassOutput",
        "一等品产值",
        "Output of first-grade products (一等品)",
        WanYuan,
        (
            "达到国际一般水平的产品产值",
            "Output graded at the general international level",
        ),
        "quality",
    ),
    field(
        "qualifiedOutput",
        "合格品产值",
        "Output of qualified products (合格品)",
        WanYuan,
        (
            "符合国家或行业标准的其余合格产品产值",
            "Other output meeting the national or industry standard",
        ),
        "quality",
    ),
    field(
        "internalLoss",
        "内部损失成本",
        "Internal failure costs",
        WanYuan,
        (
            "出厂前的废品、返工、返修、降级等损失",
            "Losses before delivery: scrap, rework, repair, downgrading",
        ),
        "quality",
    ),
    field(
        "externalLoss",
        "外部损失成本",
        "External failure costs",
        WanYuan,
        (
            "出厂后的退货、保修、索赔、召回等损失",
            "Losses after delivery: returns, warranty, claims, recalls",
        ),
        "quality",
    ),
    field(
        "spotCheckBatches",
        "监督抽查批次",
        "Batches in supervisory spot checks",
        Batches,
        (
            "本年被市场监管部门监督抽查的批次",
            "Batches sampled by market regulators in the year",
        ),
        "inspection",
    ),
    field(
        "spotCheckPassed",
        "其中：抽查合格批次",
        "of which: passed",
        Batches,
        ("抽查结论为合格的批次", "Batches found conforming"),
        "inspection",
    ),
    field(
        "exportInspectionBatches",
        "出口检验批次",
        "Export batches inspected",
        Batches,
        (
            "本年海关出口商品检验的批次；无出口可标为不适用",
            "Export batches inspected by customs; mark not applicable if none",
        ),
        "inspection",
    ),
    field(
        "exportInspectionPassed",
        "其中：检验合格批次",
        "of which: passed",
        Batches,
        ("检验合格的出口批次", "Export batches that passed"),
        "inspection",
    ),
    field(
        "qmsCertified",
        "持有有效的质量管理体系认证",
        "Holds a valid quality management system certificate",
        YesNo,
        (
            "如 GB/T 19001（ISO 9001）认证证书在有效期内",
            "E.g. a GB/T 19001 (ISO 9001) certificate in force",
        ),
        "certification",
    ),
];

/// The base figures of each indicator: numerator(s) in the order of
/// [`crate::derive::raw_spec`], then the denominator (`None`: the one enterprise itself).
fn sources(i: Indicator) -> (&'static [&'static str], Option<&'static str>) {
    match i {
        Indicator::GradeProductRate => (
            &["superiorOutput", "firstClassOutput", "qualifiedOutput"],
            Some("totalOutput"),
        ),
        Indicator::MicroelectronicEquipmentShare => {
            (&["microelectronicEquipmentValue"], Some("equipmentValue"))
        }
        Indicator::QmsCertificationRate => (&["qmsCertified"], None),
        Indicator::QualityLossRate => (&["internalLoss", "externalLoss"], Some("totalOutput")),
        Indicator::SpotCheckPassRate => (&["spotCheckPassed"], Some("spotCheckBatches")),
        Indicator::ExportInspectionPassRate => {
            (&["exportInspectionPassed"], Some("exportInspectionBatches"))
        }
        Indicator::RdExpenditureShare => (&["rdExpenditure"], Some("salesRevenue")),
        Indicator::RenovationExpenditureShare => (&["renovationExpenditure"], Some("salesRevenue")),
        Indicator::PatentsPerMillionOutput => (&["patents"], Some("totalOutput")),
        Indicator::NewProductSalesShare => (&["newProductSales"], Some("salesRevenue")),
        Indicator::AvgSalesRevenue => (&["salesRevenue"], None),
        Indicator::ExportSalesShare => (&["exportDelivery"], Some("salesRevenue")),
    }
}

/// The annual figures as given: `{ <key>: number | string | boolean }`.
pub type Annual = OrderedMap<String, Value>;

/// Reads the annual figures from a plain value (`null` = nothing). Only a value that is not an
/// object is refused here; the cells are checked by [`derive_from_annual`].
pub fn annual_from_value(value: Value) -> Result<Annual> {
    match value {
        Value::Null => Ok(OrderedMap::new()),
        Value::Object(entries) => Ok(OrderedMap(entries)),
        other => Err(Error::WrongType {
            field: "annual".into(),
            expected: "object",
            got: other.kind(),
        }),
    }
}

/// What [`derive_from_annual`] found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Derived {
    /// Every indicator the figures given determine, ready for `values` of
    /// [`crate::assess::assess`].
    pub values: OrderedMap<String, f64>,
    /// The other indicators, in the published order.
    pub missing: Vec<String>,
    /// Each bad cell once, in the order of the form.
    pub errors: Vec<ErrorItem>,
}

/// An error as a plain item of a list: `{ code, field, value, params, message }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorItem(pub Error);

impl Serialize for ErrorItem {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let e = &self.0;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("code", e.code())?;
        map.serialize_entry("field", e.field())?;
        map.serialize_entry("value", &e.value())?;
        let params: OrderedMap<&str, ParamValue> = e
            .params()
            .into_iter()
            .map(|(k, p)| (k, ParamValue(p)))
            .collect();
        map.serialize_entry("params", &params)?;
        map.serialize_entry("message", &e.to_string())?;
        map.end()
    }
}

struct ParamValue(Param);

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Param::Num(x) => s.serialize_f64(x),
            Param::Text(t) => s.serialize_str(t),
        }
    }
}

/// Reads one cell; `Ok(None)` when empty.
fn read_cell(f: &AnnualField, value: &Value) -> Result<Option<f64>> {
    let path = format!("annual.{}", f.key);
    match f.unit {
        WanYuan => parse_money(&path, &value.to_figure()),
        Count | Batches => {
            let v = parse_non_negative(&path, &value.to_figure())?;
            match v {
                Some(x) if x.fract() != 0.0 => Err(Error::NotAnInteger {
                    field: path,
                    value: value.to_figure().quoted(),
                }),
                other => Ok(other),
            }
        }
        YesNo => {
            let yes = match value {
                Value::Null => return Ok(None),
                Value::Bool(b) => *b,
                Value::Number(x) if *x == 1.0 => true,
                Value::Number(x) if *x == 0.0 => false,
                Value::String(s) => {
                    let t = s.trim();
                    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
                    if t.is_empty() {
                        return Ok(None);
                    } else if is(&["是", "有", "yes", "y", "true", "1"]) {
                        true
                    } else if is(&["否", "无", "没有", "no", "n", "false", "0"]) {
                        false
                    } else {
                        return Err(Error::NotANumber {
                            field: path,
                            value: quote(s),
                        });
                    }
                }
                Value::Number(x) => {
                    return Err(Error::AboveMaximum {
                        field: path,
                        value: crate::decimal::fmt_num(*x),
                        max: 1.0,
                    })
                }
                other => {
                    return Err(Error::WrongType {
                        field: path,
                        expected: "boolean",
                        got: other.kind(),
                    })
                }
            };
            Ok(Some(if yes { 1.0 } else { 0.0 }))
        }
    }
}

/// Derives every indicator the annual figures determine. An indicator is derived when its
/// numerator and denominator are given (for 产品质量等级品率 and 质量损失率, any of the parts
/// and 工业总产值; the parts left empty count as 0). Bad cells and impossible combinations
/// (parts above the whole, a zero denominator, a rate above 100 %) are listed in `errors`,
/// each once, and the indicators they concern are missing.
pub fn derive_from_annual(annual: &Annual) -> Derived {
    let mut errors: Vec<Error> = Vec::new();
    for key in annual.keys() {
        if !ANNUAL_FIELDS.iter().any(|f| f.key == key) {
            errors.push(Error::UnknownKey {
                field: quote(&format!("annual.{key}")),
                key: quote(key),
            });
        }
    }
    let mut cells: OrderedMap<&'static str, Option<f64>> = OrderedMap::new();
    for f in &ANNUAL_FIELDS {
        let cell = annual
            .get(f.key)
            .map_or(Ok(None), |v| read_cell(f, v))
            .unwrap_or_else(|e| {
                errors.push(e);
                None
            });
        cells.insert(f.key, cell);
    }
    let cell = |key: &str| cells.get(key).copied().flatten();
    let mut values = OrderedMap::new();
    for i in Indicator::ALL {
        let (numerators, denominator) = sources(i);
        let parts: Vec<Option<f64>> = numerators.iter().map(|k| cell(k)).collect();
        let den = match denominator {
            Some(k) => cell(k),
            None => Some(1.0),
        };
        // Not derived while its figures are incomplete (or a cell's own error is listed).
        if parts.iter().all(Option::is_none) || den.is_none() {
            continue;
        }
        let spec = raw_spec(i);
        match apply(i, spec.formula, &parts, den) {
            Ok(v) => values.insert(i.id().to_string(), v),
            Err(fault) => {
                let at = |k: &str| format!("annual.{k}");
                let e = fault_error(
                    fault,
                    at(numerators[0]),
                    at(denominator.unwrap_or(numerators[0])),
                );
                // Once: a zero 营业收入 stops four indicators.
                if !errors
                    .iter()
                    .any(|x| x.code() == e.code() && x.field() == e.field())
                {
                    errors.push(e);
                }
            }
        }
    }
    let missing = Indicator::ALL
        .into_iter()
        .filter(|i| !values.contains_key(i.id()))
        .map(|i| i.id().to_string())
        .collect();
    Derived {
        values,
        missing,
        errors: errors.into_iter().map(ErrorItem).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annual(pairs: &[(&str, Value)]) -> Annual {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn s(x: &str) -> Value {
        Value::String(x.into())
    }

    #[test]
    fn each_base_figure_once_and_every_indicator_has_its_figures() {
        let mut keys: Vec<&str> = ANNUAL_FIELDS.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ANNUAL_FIELDS.len(), "each figure once");
        for i in Indicator::ALL {
            let (nums, den) = sources(i);
            for k in nums.iter().chain(den.iter()) {
                assert!(keys.contains(k), "{k}");
            }
            assert_eq!(
                nums.len(),
                raw_spec(i).fields.len() - 1,
                "{}: as many numerators as the raw form",
                i.id()
            );
        }
        // Every field is used by some indicator.
        for f in &ANNUAL_FIELDS {
            assert!(
                Indicator::ALL.into_iter().any(|i| {
                    let (n, d) = sources(i);
                    n.contains(&f.key) || d == Some(f.key)
                }),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn cells() {
        let f = |key: &str| ANNUAL_FIELDS.iter().find(|f| f.key == key).unwrap();
        assert_eq!(
            read_cell(f("totalOutput"), &s("5.2亿")).unwrap(),
            Some(52000.0)
        );
        assert_eq!(
            read_cell(f("patents"), &Value::Number(3.0)).unwrap(),
            Some(3.0)
        );
        let e = read_cell(f("patents"), &s("2.5")).unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            ("not_an_integer", "annual.patents", Some("2.5"))
        );
        assert_eq!(
            read_cell(f("qmsCertified"), &Value::Bool(true)).unwrap(),
            Some(1.0)
        );
        assert_eq!(read_cell(f("qmsCertified"), &s("否")).unwrap(), Some(0.0));
        assert_eq!(read_cell(f("qmsCertified"), &s(" Yes")).unwrap(), Some(1.0));
        assert_eq!(read_cell(f("qmsCertified"), &s(" ")).unwrap(), None);
        assert_eq!(
            read_cell(f("qmsCertified"), &s("maybe"))
                .unwrap_err()
                .code(),
            "not_a_number"
        );
        assert_eq!(
            read_cell(f("qmsCertified"), &Value::Number(2.0))
                .unwrap_err()
                .code(),
            "above_maximum"
        );
    }

    #[test]
    fn derivation_uses_the_shared_formulas() {
        // 47 of 50 batches passed → 94 %.
        let d = derive_from_annual(&annual(&[
            ("spotCheckBatches", Value::Number(50.0)),
            ("spotCheckPassed", s("47")),
        ]));
        assert_eq!(d.values.get("spot_check_pass_rate"), Some(&94.0));
        assert!(d.errors.is_empty());
        assert_eq!(d.missing.len(), 11);
        // Only a denominator: nothing derived, nothing wrong.
        let d = derive_from_annual(&annual(&[("totalOutput", s("1300万元"))]));
        assert!(d.values.is_empty() && d.errors.is_empty());
        // A zero denominator shared by four indicators is reported once.
        let d = derive_from_annual(&annual(&[
            ("salesRevenue", Value::Number(0.0)),
            ("rdExpenditure", Value::Number(5.0)),
            ("exportDelivery", Value::Number(5.0)),
        ]));
        let codes: Vec<_> = d
            .errors
            .iter()
            .map(|e| (e.0.code(), e.0.field().to_string()))
            .collect();
        assert_eq!(
            codes,
            vec![("zero_denominator", "annual.salesRevenue".to_string())]
        );
        // No revenue is a valid average revenue: 0 亿元.
        assert_eq!(d.values.get("avg_sales_revenue"), Some(&0.0));
    }
}
