//! Column headers → what the column holds: one of the 12 indicators, one raw figure (the base
//! figures of `mqci::derive`), or nothing the engine reads (passed through to the output).
//!
//! The indicator names come from the built-in methodology and the raw figures (ids, labels,
//! units) from `mqci::derive::raw_specs`; only the synonyms officials' spreadsheets use
//! (营业收入 / 主营业务收入 for 产品销售收入, …) are listed here. A header matches a name when,
//! after [`normalize`], it equals it or contains it (the longest name contained wins, so
//! 新产品销售收入 is not taken for 产品销售收入). A unit written in the header (元, 千元, 万元,
//! 亿元) gives the factor that brings money to 万元, the unit of the raw figures.

use mqci::derive::raw_specs;
use mqci::model::Indicator;

use crate::table::Table;

/// One raw (base) figure that one or more indicators are derived from.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFigure {
    /// Stable id: the field key when it is shared (`totalOutput`, `salesRevenue`,
    /// `internalLoss`…), else `<indicator>.<key>` (`spot_check_pass_rate.numerator`).
    pub id: String,
    /// Chinese label (from `mqci::derive`).
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// Unit (`万元`, `个`, `批次`, `项`, `家`).
    pub unit: &'static str,
    /// Where it is used: (indicator, field key in the raw input of that indicator).
    pub uses: Vec<(Indicator, &'static str)>,
}

/// Every raw figure, in the order of the indicators, each once (shared figures such as
/// 工业总产值 and 产品销售收入 are one column).
pub fn raw_figures() -> Vec<RawFigure> {
    let mut out: Vec<RawFigure> = Vec::new();
    for spec in raw_specs() {
        let Some(indicator) = Indicator::from_id(spec.indicator) else {
            continue;
        };
        for f in spec.fields {
            if let Some(existing) = out.iter_mut().find(|r| r.zh == f.zh) {
                existing.uses.push((indicator, f.key));
                continue;
            }
            let id = if f.key == "numerator" || f.key == "denominator" {
                format!("{}.{}", indicator.id(), f.key)
            } else {
                f.key.to_string()
            };
            out.push(RawFigure {
                id,
                zh: f.zh,
                en: f.en,
                unit: f.unit,
                uses: vec![(indicator, f.key)],
            });
        }
    }
    out
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An indicator value.
    Indicator(Indicator),
    /// A raw figure, by index into [`raw_figures`].
    Raw(usize),
    /// Nothing the engine reads: passed through to the output.
    Pass,
}

/// What a passed-through column is, when recognisable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 企业名称.
    Name,
    /// 统一社会信用代码.
    Code,
    /// A grouping (行业, 街道/园区, 区县): the region index is also given per group.
    Group,
}

/// How one column is read.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// What it holds.
    pub target: Target,
    /// Factor to the unit of the target (元 → 万元: 0.0001); 1 when none is written.
    pub scale: f64,
    /// For a passed-through column: its role, if recognised.
    pub role: Option<Role>,
    /// Whether the mapping came from the caller rather than from the header.
    pub overridden: bool,
}

/// The mapping of every column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// One entry per column.
    pub columns: Vec<ColumnMap>,
    /// The raw figures (indexed by [`Target::Raw`]).
    pub raw: Vec<RawFigure>,
}

/// Synonyms by the label they stand for (an indicator's zh name or a raw figure's zh label).
const SYNONYMS: &[(&str, &[&str])] = &[
    // raw figures
    (
        "工业总产值",
        &["总产值", "工业产值", "工业总产值当年价格", "工业总产值现价"],
    ),
    (
        "产品销售收入",
        &[
            "营业收入",
            "主营业务收入",
            "销售收入",
            "营业总收入",
            "销售产值",
            "工业销售产值",
            "产品销售额",
            "销售额",
        ],
    ),
    ("优等品产值", &["优等品"]),
    ("一等品产值", &["一等品"]),
    ("合格品产值", &["合格品"]),
    (
        "内部损失成本",
        &["内部损失", "内部质量损失", "内部故障成本", "内部损失费用"],
    ),
    (
        "外部损失成本",
        &["外部损失", "外部质量损失", "外部故障成本", "外部损失费用"],
    ),
    ("微电子控制设备原值", &["微电子控制设备"]),
    (
        "生产经营用设备原值",
        &["生产设备原值", "设备原值", "生产经营设备原值"],
    ),
    (
        "已认证企业（工厂）数",
        &["已认证工厂数", "通过认证工厂数", "认证工厂数", "获证工厂数"],
    ),
    ("企业（工厂）总数", &["工厂总数", "工厂数"]),
    (
        "抽查合格批次",
        &["监督抽查合格批次", "抽检合格批次", "合格批次"],
    ),
    (
        "抽查批次",
        &["监督抽查批次", "抽查总批次", "抽检批次", "监督抽查总批次"],
    ),
    (
        "检验合格批次",
        &["出口检验合格批次", "出口商品检验合格批次"],
    ),
    (
        "检验批次",
        &["出口检验批次", "出口商品检验批次", "出口检验总批次"],
    ),
    (
        "研究与试验发展经费",
        &[
            "研发经费",
            "r&d经费",
            "r&d经费支出",
            "研发投入",
            "研发费用",
            "研究与试验发展经费支出",
            "研发支出",
        ],
    ),
    (
        "技术改造经费",
        &[
            "技改经费",
            "技术改造投资",
            "技改投入",
            "技改投资",
            "技术改造投入",
        ],
    ),
    (
        "拥有专利数",
        &[
            "专利数",
            "有效专利数",
            "专利拥有量",
            "专利拥有数",
            "拥有有效专利数",
            "专利数量",
        ],
    ),
    (
        "新产品销售收入",
        &["新产品销售额", "新产品收入", "新产品营业收入"],
    ),
    (
        "企业数",
        &["企业个数", "企业单位数", "单位数", "法人单位数"],
    ),
    (
        "出口交货值",
        &["出口额", "出口销售额", "出口收入", "出口销售收入"],
    ),
    // indicators
    ("产品质量等级品率", &["等级品率", "质量等级品率"]),
    (
        "微电子控制设备比重",
        &["微电子设备比重", "微电子控制设备占比"],
    ),
    (
        "质量管理体系认证率",
        &[
            "质量体系认证率",
            "iso9001认证率",
            "体系认证率",
            "质量管理体系认证比例",
        ],
    ),
    ("质量损失率", &["质量损失比率"]),
    (
        "产品监督抽查合格率",
        &[
            "监督抽查合格率",
            "抽查合格率",
            "产品抽查合格率",
            "抽检合格率",
            "产品质量合格率",
        ],
    ),
    (
        "出口商品检验合格率",
        &["出口检验合格率", "出口产品合格率", "出口合格率"],
    ),
    (
        "研究与试验发展经费比重",
        &[
            "研发投入强度",
            "研发强度",
            "r&d经费占比",
            "研发经费占比",
            "研发经费比重",
            "r&d经费比重",
            "r&d投入强度",
        ],
    ),
    (
        "技术改造经费比重",
        &[
            "技改经费比重",
            "技改投入占比",
            "技改经费占比",
            "技术改造经费占比",
        ],
    ),
    (
        "每百万元产值拥有专利数",
        &[
            "百万元产值专利数",
            "每百万元产值专利数",
            "百万元产值拥有专利数",
        ],
    ),
    (
        "新产品销售比重",
        &["新产品销售率", "新产品销售收入占比", "新产品销售占比"],
    ),
    ("平均产品销售收入", &["平均销售收入", "企业平均销售收入"]),
    (
        "国际市场销售率",
        &["出口销售率", "出口交货值占比", "出口率", "国际市场销售比重"],
    ),
];

/// Headers of passed-through columns with a role (matched like the others).
const ROLES: &[(Role, &[&str])] = &[
    (
        Role::Name,
        &[
            "企业名称",
            "单位名称",
            "企业",
            "名称",
            "公司名称",
            "单位详细名称",
        ],
    ),
    (
        Role::Code,
        &[
            "统一社会信用代码",
            "信用代码",
            "组织机构代码",
            "社会信用代码",
        ],
    ),
    (
        Role::Group,
        &[
            "行业",
            "所属行业",
            "行业类别",
            "行业门类",
            "行业大类",
            "行业代码",
            "街道",
            "园区",
            "街道园区",
            "镇街",
            "乡镇",
            "乡镇街道",
            "区县",
            "所属街道",
            "所属园区",
            "地区",
            "区域",
        ],
    ),
];

/// Normalizes a header or a name for matching: full-width ASCII to half-width, ASCII lower
/// case, whitespace and punctuation (、/：:·-_) removed, bracketed groups removed (`(万元)`,
/// `（工厂）`, `[%]`, `【】`), a trailing `%` or `率%` sign removed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for ch in s.chars() {
        let ch = match ch {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            c => c,
        };
        match ch {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '、' | '/' | ':' | '·' | '-' | '_' | '*' | '％' | '%' | '\\' | '“' | '”' | '"' =>
                {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The factor from the money unit written in a header to 万元 (1 when none is written).
pub fn money_scale(header: &str) -> f64 {
    money_unit(header).unwrap_or(1.0)
}

/// The factor from the money unit written in a header to 万元, if one is written.
fn money_unit(header: &str) -> Option<f64> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    // The unit is written in brackets or after a slash: "工业总产值（元）", "产值/亿元".
    let units = [("千元", 0.1), ("万元", 1.0), ("亿元", 1e4), ("元", 1e-4)];
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let (Some(a), Some(b)) = (h.rfind(open), h.rfind(close)) {
            if a < b {
                let inside = &h[a + open.len_utf8()..b];
                for (u, f) in units {
                    if inside == u
                        || inside.starts_with(u)
                            && inside[u.len()..].starts_with(['/', '、', ',', '，'])
                    {
                        return Some(f);
                    }
                }
            }
        }
    }
    if let Some(a) = h.rfind('/') {
        let tail = &h[a + 1..];
        for (u, f) in units {
            if tail == u {
                return Some(f);
            }
        }
    }
    None
}

/// Every name a target is known by: (normalized name, target).
fn names(raw: &[RawFigure]) -> Vec<(String, Target)> {
    let m = mqci::default_methodology(mqci::Options::default());
    let mut out = Vec::new();
    let mut add = |label: &str, target: Target| {
        out.push((normalize(label), target.clone()));
        for (l, syn) in SYNONYMS {
            if *l == label {
                out.extend(syn.iter().map(|s| (normalize(s), target.clone())));
            }
        }
    };
    for i in Indicator::ALL {
        add(i.id(), Target::Indicator(i));
        if let Some(p) = m.indicator(i) {
            add(&p.zh, Target::Indicator(i));
            add(&p.en, Target::Indicator(i));
        }
    }
    for (n, r) in raw.iter().enumerate() {
        add(&r.id, Target::Raw(n));
        add(r.zh, Target::Raw(n));
        add(r.en, Target::Raw(n));
    }
    out
}

/// The target whose name best matches a header: an exact match, else the longest name the
/// header contains (at least 2 characters). `None` when nothing matches or two targets tie.
fn best_match(header: &str, names: &[(String, Target)]) -> Option<(Target, bool)> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    if let Some((_, t)) = names.iter().find(|(n, _)| *n == h) {
        return Some((t.clone(), true));
    }
    let mut best: Option<(usize, &Target)> = None;
    let mut tie = false;
    for (n, t) in names {
        let len = n.chars().count();
        if len < 2 || !h.contains(n.as_str()) {
            continue;
        }
        match best {
            Some((l, bt)) if len < l || (len == l && bt == t) => {}
            Some((l, _)) if len == l => tie = true,
            _ => {
                best = Some((len, t));
                tie = false;
            }
        }
    }
    match best {
        Some((_, t)) if !tie => Some((t.clone(), false)),
        _ => None,
    }
}

fn role_of(header: &str) -> Option<Role> {
    let h = normalize(header);
    for (role, list) in ROLES {
        if list.iter().any(|n| normalize(n) == h) {
            return Some(*role);
        }
    }
    for (role, list) in ROLES {
        if list
            .iter()
            .any(|n| n.chars().count() >= 2 && h.contains(&normalize(n)))
        {
            return Some(*role);
        }
    }
    None
}

/// A caller's correction: column (by index) → target id (`""` or `"pass"` to pass it
/// through), optionally with the money unit's factor to 万元.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Column index.
    pub column: usize,
    /// An indicator id, a raw figure id ([`RawFigure::id`]), or `""` / `"pass"`.
    pub target: String,
    /// Factor to the target's unit; `None` keeps the one read from the header.
    pub scale: Option<f64>,
}

/// Suggests a mapping from the headers. Each target is given to one column only: an exact
/// match beats a contained one, then the leftmost column wins; the others pass through.
pub fn suggest(headers: &[String]) -> Mapping {
    let raw = raw_figures();
    let names = names(&raw);
    let matches: Vec<Option<(Target, bool)>> =
        headers.iter().map(|h| best_match(h, &names)).collect();
    let mut columns: Vec<ColumnMap> = Vec::with_capacity(headers.len());
    for (c, h) in headers.iter().enumerate() {
        let target = match &matches[c] {
            Some((t, exact)) => {
                let better_elsewhere = matches.iter().enumerate().any(|(o, m)| {
                    o != c
                        && matches!(m, Some((ot, oe)) if ot == t && ((*oe && !exact) || (oe == exact && o < c)))
                });
                if better_elsewhere {
                    Target::Pass
                } else {
                    t.clone()
                }
            }
            None => Target::Pass,
        };
        let scale = match &target {
            Target::Raw(n) if raw[*n].unit == "万元" => money_scale(h),
            // 平均产品销售收入 is in 亿元 per enterprise: a header in 万元 or 元 is scaled.
            Target::Indicator(Indicator::AvgSalesRevenue) => money_unit(h).map_or(1.0, |f| f / 1e4),
            _ => 1.0,
        };
        let role = (target == Target::Pass).then(|| role_of(h)).flatten();
        columns.push(ColumnMap {
            target,
            scale,
            role,
            overridden: false,
        });
    }
    Mapping { columns, raw }
}

impl Mapping {
    /// The mapping suggested for a table's headers.
    pub fn for_table(table: &Table) -> Mapping {
        suggest(&table.headers)
    }

    /// The id of a target: an indicator id, a raw figure id, or `""` for a passed-through column.
    pub fn target_id(&self, t: &Target) -> String {
        match t {
            Target::Indicator(i) => i.id().to_string(),
            Target::Raw(n) => self.raw.get(*n).map(|r| r.id.clone()).unwrap_or_default(),
            Target::Pass => String::new(),
        }
    }

    /// Applies the caller's corrections. A target given to one column is taken from any other
    /// column that had it. Errors (every one reported): `unknown_id` for an unknown target,
    /// `above_maximum` for a column beyond the table, `not_finite`/`negative` for a bad scale.
    pub fn apply(&mut self, overrides: &[Override]) -> Result<(), mqci::Error> {
        let mut errors = Vec::new();
        for (n, o) in overrides.iter().enumerate() {
            let field = format!("mapping[{n}]");
            if o.column >= self.columns.len() {
                errors.push(mqci::Error::AboveMaximum {
                    field: format!("{field}.column"),
                    value: o.column.to_string(),
                    max: self.columns.len().saturating_sub(1) as f64,
                });
                continue;
            }
            let target = match o.target.as_str() {
                "" | "pass" => Target::Pass,
                id => match Indicator::from_id(id) {
                    Some(i) => Target::Indicator(i),
                    None => match self.raw.iter().position(|r| r.id == id) {
                        Some(r) => Target::Raw(r),
                        None => {
                            errors.push(mqci::Error::UnknownId {
                                field: format!("{field}.target"),
                                id: mqci::error::quote(id),
                            });
                            continue;
                        }
                    },
                },
            };
            if let Some(s) = o.scale {
                if !s.is_finite() || s <= 0.0 {
                    errors.push(mqci::Error::NotFinite {
                        field: format!("{field}.scale"),
                        value: mqci::decimal::fmt_num(s),
                    });
                    continue;
                }
            }
            if target != Target::Pass {
                for (c, other) in self.columns.iter_mut().enumerate() {
                    if c != o.column && other.target == target {
                        other.target = Target::Pass;
                        other.scale = 1.0;
                    }
                }
            }
            let col = &mut self.columns[o.column];
            if col.target != target {
                col.scale = 1.0;
            }
            col.target = target;
            if let Some(s) = o.scale {
                col.scale = s;
            }
            col.overridden = true;
        }
        mqci::Error::from_list(errors)
    }

    /// The column holding a target, if any.
    pub fn column_of(&self, t: &Target) -> Option<usize> {
        self.columns.iter().position(|c| c.target == *t)
    }

    /// The passed-through columns with the group role.
    pub fn group_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&c| self.columns[c].role == Some(Role::Group))
            .collect()
    }

    /// The column with the name role, if any.
    pub fn name_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| c.role == Some(Role::Name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(headers: &[&str]) -> Vec<String> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let m = suggest(&h);
        m.columns.iter().map(|c| m.target_id(&c.target)).collect()
    }

    #[test]
    fn raw_figures_are_read_from_the_core() {
        let raw = raw_figures();
        let zh: Vec<&str> = raw.iter().map(|r| r.zh).collect();
        assert!(zh.contains(&"工业总产值") && zh.contains(&"产品销售收入"));
        let total = raw.iter().find(|r| r.zh == "工业总产值").unwrap();
        assert_eq!(total.id, "totalOutput");
        assert_eq!(
            total.uses.iter().map(|u| u.0).collect::<Vec<_>>(),
            vec![
                Indicator::GradeProductRate,
                Indicator::QualityLossRate,
                Indicator::PatentsPerMillionOutput
            ]
        );
        let sales = raw.iter().find(|r| r.zh == "产品销售收入").unwrap();
        assert!(sales
            .uses
            .contains(&(Indicator::AvgSalesRevenue, "numerator")));
        let mut unique: Vec<&str> = raw.iter().map(|r| r.id.as_str()).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), raw.len());
    }

    #[test]
    fn chinese_headers_and_synonyms() {
        assert_eq!(
            ids(&[
                "序号",
                "企业名称",
                "统一社会信用代码",
                "行业",
                "街道/园区",
                "营业收入（万元）",
                "工业总产值(当年价格)",
                "优等品产值",
                "质量损失率（%）",
                "监督抽查合格率",
                "新产品销售收入",
                "R&D经费支出",
                "出口交货值",
            ]),
            vec![
                "",
                "",
                "",
                "",
                "",
                "salesRevenue",
                "totalOutput",
                "superiorOutput",
                "quality_loss_rate",
                "spot_check_pass_rate",
                "new_product_sales_share.numerator",
                "rd_expenditure_share.numerator",
                "export_sales_share.numerator",
            ]
        );
        assert_eq!(ids(&["产品销售收入"]), vec!["salesRevenue"]);
        assert_eq!(ids(&["主营业务收入"]), vec!["salesRevenue"]);
        assert_eq!(ids(&["２０２４年 工业总产值"]), vec!["totalOutput"]);
        assert_eq!(ids(&["spot_check_pass_rate"]), vec!["spot_check_pass_rate"]);
        assert_eq!(
            ids(&["已认证企业（工厂）数"]),
            vec!["qms_certification_rate.numerator"]
        );
        assert_eq!(
            ids(&["每百万元产值拥有专利数"]),
            vec!["patents_per_million_output"]
        );
        assert_eq!(
            ids(&["拥有专利数（项）"]),
            vec!["patents_per_million_output.numerator"]
        );
        assert_eq!(
            ids(&["产品监督抽查合格率(%)"]),
            vec!["spot_check_pass_rate"]
        );
    }

    #[test]
    fn roles_of_passed_through_columns() {
        let h: Vec<String> = [
            "企业名称",
            "统一社会信用代码",
            "所属行业",
            "街道/园区",
            "备注",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = suggest(&h);
        let roles: Vec<_> = m.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Some(Role::Name),
                Some(Role::Code),
                Some(Role::Group),
                Some(Role::Group),
                None
            ]
        );
        assert_eq!(m.group_columns(), vec![2, 3]);
        assert_eq!(m.name_column(), Some(0));
    }

    #[test]
    fn one_column_per_target() {
        assert_eq!(
            ids(&["2024年营业收入", "营业收入"]),
            vec!["", "salesRevenue"]
        );
        assert_eq!(ids(&["营业收入", "主营业务收入"]), vec!["salesRevenue", ""]);
    }

    #[test]
    fn money_units_in_headers() {
        assert_eq!(money_scale("工业总产值（万元）"), 1.0);
        assert_eq!(money_scale("工业总产值(元)"), 1e-4);
        assert_eq!(money_scale("工业总产值（千元）"), 0.1);
        assert_eq!(money_scale("营业收入/亿元"), 1e4);
        assert_eq!(money_scale("营业收入"), 1.0);
        let h = vec![
            "营业收入（元）".to_string(),
            "平均产品销售收入（万元）".to_string(),
        ];
        let m = suggest(&h);
        assert_eq!(m.columns[0].scale, 1e-4);
        assert_eq!(m.columns[1].scale, 1e-4, "万元 → 亿元");
    }

    #[test]
    fn overrides() {
        let h: Vec<String> = ["企业名称", "营收", "营业收入"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut m = suggest(&h);
        assert_eq!(m.target_id(&m.columns[1].target), "");
        m.apply(&[Override {
            column: 1,
            target: "salesRevenue".into(),
            scale: Some(1e4),
        }])
        .unwrap();
        assert_eq!(m.target_id(&m.columns[1].target), "salesRevenue");
        assert_eq!(m.columns[1].scale, 1e4);
        assert!(m.columns[1].overridden);
        assert_eq!(
            m.columns[2].target,
            Target::Pass,
            "taken from the other column"
        );
        let e = m
            .apply(&[
                Override {
                    column: 9,
                    target: "pass".into(),
                    scale: None,
                },
                Override {
                    column: 0,
                    target: "nope".into(),
                    scale: None,
                },
            ])
            .unwrap_err();
        let codes: Vec<_> = e
            .errors()
            .iter()
            .map(|e| (e.code(), e.field().to_string()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("above_maximum", "mapping[0].column".to_string()),
                ("unknown_id", "mapping[1].target".to_string())
            ]
        );
    }
}
