//! Export of a scored table: CSV (UTF-8 with a byte-order mark, so that Excel opens it in
//! Chinese; CRLF line ends; the missing-data policy and the corrections stated in two columns of
//! their own, [`POLICY_HEADER`] and [`CORRECTED_HEADER`]) and XLSX (`rust_xlsxwriter`: a results sheet with the original
//! columns plus the scores, a summary sheet, and a sheet stating the method, the engine, the
//! date and a SHA-256 digest of the input).
//!
//! Cells that a spreadsheet would read as a formula (text starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) are neutralised: in CSV prefixed with `'` (which
//! [`crate::read`] removes again on import), in XLSX written as text with Excel's quote
//! prefix. Numbers are written as numbers.

use mqci::model::{Indicator, Secondary, Tertiary};
use mqci::Methodology;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sha2::{Digest, Sha256};

use crate::mapping::Mapping;
use crate::region::RegionResult;
use crate::score::{BatchResult, Policy};
use crate::summary::{ranks, summarize};
use crate::table::{Cell, Table};

/// What the about sheet states.
#[derive(Debug, Clone)]
pub struct ExportMeta {
    /// The date of the export (ISO 8601, from the caller's clock).
    pub date: String,
    /// The input file's name.
    pub input_name: String,
    /// The SHA-256 of the input file's bytes ([`digest`]).
    pub input_digest: String,
    /// The missing-cell policy used.
    pub policy: Policy,
    /// Cells corrected on the page after reading (listed in the 说明 sheet).
    pub corrections: Vec<Correction>,
}

/// A cell corrected after reading: the export differs from the input file there.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// 0-based data row.
    pub row: usize,
    /// 0-based column.
    pub column: usize,
    /// The cell's text in the file.
    pub old: String,
    /// The cell's text now.
    pub new: String,
}

impl Correction {
    /// Records that cell (`row`, `column`) went from `before` to `now` in `list` (kept by row
    /// then column): a second change of a cell keeps the file's text as `old`; a change back
    /// to the file's text forgets the correction; a change to the same text records nothing.
    pub fn record(
        list: &mut Vec<Correction>,
        row: usize,
        column: usize,
        before: String,
        now: String,
    ) {
        match list.binary_search_by_key(&(row, column), |x| (x.row, x.column)) {
            Ok(k) if list[k].old == now => {
                list.remove(k);
            }
            Ok(k) => list[k].new = now,
            Err(k) if before != now => list.insert(
                k,
                Correction {
                    row,
                    column,
                    old: before,
                    new: now,
                },
            ),
            Err(_) => {}
        }
    }
}

/// SHA-256 of bytes, in lower-case hex.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a text would be read as a formula by a spreadsheet.
pub fn is_dangerous(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The text as written to CSV: neutralised with a leading `'` when dangerous.
pub fn neutralise(text: &str) -> String {
    if is_dangerous(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One output cell.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Empty,
    Num(f64),
    Text(String),
}

/// The headers of the score columns appended to the original ones.
pub fn score_headers(m: &Methodology) -> Vec<String> {
    let mut h: Vec<String> = ["排名", "MQCI指数", "指数下限", "指数上限", "等级"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for s in Secondary::ALL {
        h.push(
            m.secondary
                .get(&s)
                .map_or(s.id().to_string(), |p| p.zh.clone()),
        );
    }
    for t in Tertiary::ALL {
        h.push(
            m.tertiary
                .get(&t)
                .map_or(t.id().to_string(), |p| p.zh.clone()),
        );
    }
    h.extend(
        ["最弱指标", "不适用指标", "错误"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

fn indicator_zh(m: &Methodology, i: Indicator) -> String {
    m.indicator(i).map_or(i.id().to_string(), |p| p.zh.clone())
}

/// The score cells of row `r`.
fn score_cells(
    r: usize,
    result: &BatchResult,
    rank: u32,
    table: &Table,
    m: &Methodology,
    errors: &[(usize, String)],
) -> Vec<Out> {
    let num = |x: f64| if x.is_nan() { Out::Empty } else { Out::Num(x) };
    let mut out = vec![
        if rank == 0 {
            Out::Empty
        } else {
            Out::Num(rank as f64)
        },
        num(result.index[r]),
        num(result.min[r]),
        num(result.max[r]),
        match m.bands.get(result.band[r] as usize) {
            Some(b) => Out::Text(b.zh.clone()),
            None => Out::Empty,
        },
    ];
    out.extend(result.sub[r * 8..r * 8 + 8].iter().map(|&x| num(x)));
    out.push(match Indicator::ALL.get(result.weakest[r] as usize) {
        Some(&i) => Out::Text(indicator_zh(m, i)),
        None => Out::Empty,
    });
    let na: Vec<String> = Indicator::ALL
        .iter()
        .filter(|&&i| result.not_applicable[r] & (1 << i as u16) != 0)
        .map(|&i| indicator_zh(m, i))
        .collect();
    out.push(if na.is_empty() {
        Out::Empty
    } else {
        Out::Text(na.join("、"))
    });
    // `errors` is sorted by row: the row's errors are one slice.
    let from = errors.partition_point(|(row, _)| *row < r);
    let to = errors.partition_point(|(row, _)| *row <= r);
    let errs: Vec<String> = errors[from..to].iter().map(|(_, e)| e.clone()).collect();
    let _ = table;
    out.push(if errs.is_empty() {
        Out::Empty
    } else {
        Out::Text(errs.join("；"))
    });
    out
}

/// The errors as "header: code (value)" per row, in row order.
fn error_texts(result: &BatchResult, table: &Table) -> Vec<(usize, String)> {
    result
        .errors
        .iter()
        .map(|e| {
            let header = table
                .headers
                .get(e.column)
                .map_or(e.error.field(), String::as_str);
            let text = match e.error.value() {
                Some(v) if !v.is_empty() => format!("{header}: {} ({v})", e.error.code()),
                _ => format!("{header}: {}", e.error.code()),
            };
            (e.row, text)
        })
        .collect()
}

fn original(cell: &Cell) -> Out {
    match cell {
        Cell::Empty => Out::Empty,
        Cell::Number(x) => Out::Num(*x),
        Cell::Text(s) => Out::Text(s.to_string()),
    }
}

/// The CSV column that states the missing-data policy, in words, on every row.
pub const POLICY_HEADER: &str = "缺失数据处理";

/// The CSV column that states, on a row with corrected cells, each correction.
pub const CORRECTED_HEADER: &str = "已更正";

/// The missing-data policy in words, as the CSV states it on every row and the XLSX 说明 sheet
/// beside its id (the words of the page's "缺失单元格的处理" line).
pub fn policy_words(p: Policy) -> &'static str {
    match p {
        Policy::Missing => "按缺失处理（给出区间）",
        Policy::NotApplicable => "按不适用处理（权重分给同级）",
    }
}

/// The policy a table states of itself: the one whose words fill every row of its
/// [`POLICY_HEADER`] column, as in a file this module exported. `None` without such a column,
/// with no rows, or when the rows disagree or state something else.
pub fn stated_policy(table: &Table) -> Option<Policy> {
    let column = table
        .headers
        .iter()
        .position(|h| h.trim() == POLICY_HEADER)?;
    let first = table.cell(0, column).text();
    let policy = [Policy::Missing, Policy::NotApplicable]
        .into_iter()
        .find(|&p| policy_words(p) == first.trim())?;
    (1..table.rows)
        .all(|r| table.cell(r, column).text().trim() == policy_words(policy))
        .then_some(policy)
}

/// One correction as the CSV's [`CORRECTED_HEADER`] column states it: `列：原值 → 新值`
/// (an empty text as `（空）`).
pub fn correction_words(fix: &Correction, table: &Table) -> String {
    let shown = |s: &str| {
        if s.is_empty() {
            "（空）".to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "{}：{} → {}",
        table.headers.get(fix.column).map_or("", String::as_str),
        shown(&fix.old),
        shown(&fix.new)
    )
}

/// The last two cells of row `r` in both exports: its corrections in words (`corrections` is
/// sorted by row: the row's are one slice) and the policy in words.
fn note_cells(r: usize, table: &Table, corrections: &[Correction], policy: Policy) -> [Out; 2] {
    let from = corrections.partition_point(|x| x.row < r);
    let to = corrections.partition_point(|x| x.row <= r);
    let fixed: Vec<String> = corrections[from..to]
        .iter()
        .map(|x| correction_words(x, table))
        .collect();
    [
        if fixed.is_empty() {
            Out::Empty
        } else {
            Out::Text(fixed.join("；"))
        },
        Out::Text(policy_words(policy).to_string()),
    ]
}

/// The table with its scores as CSV: UTF-8 with BOM, CRLF, every cell neutralised. After the
/// score columns, two columns state what the XLSX 说明 sheet states and a CSV has no other place
/// for (the XLSX 结果 sheet has them too, so that both results tables are the same):
/// [`CORRECTED_HEADER`] (on a row with corrected cells: each `列：原值 → 新值`, joined by
/// `；`) and [`POLICY_HEADER`] (the policy in words, the same on every row). Columns rather
/// than a comment line above the header: Excel shows them as data, they survive sorting,
/// filtering and copying rows, every CSV reader (and [`crate::read`]) takes the first line as
/// the header, and a re-import passes them through unscored (`tests/roundtrip.rs`).
pub fn export_csv(
    table: &Table,
    result: &BatchResult,
    m: &Methodology,
    policy: Policy,
    corrections: &[Correction],
) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<String> = table.headers.iter().map(|h| neutralise(h)).collect();
    header.extend(score_headers(m));
    header.push(CORRECTED_HEADER.to_string());
    header.push(POLICY_HEADER.to_string());
    let _ = w.write_record(&header);
    let ranks = ranks(&result.index);
    let errors = error_texts(result, table);
    let mut record: Vec<String> = Vec::new();
    for (r, &rank) in ranks.iter().enumerate().take(table.rows) {
        record.clear();
        let row = (0..table.headers.len())
            .map(|c| original(table.cell(r, c)))
            .chain(score_cells(r, result, rank, table, m, &errors))
            .chain(note_cells(r, table, corrections, policy));
        for cell in row {
            record.push(match cell {
                Out::Empty => String::new(),
                Out::Num(x) => crate::table::fmt_number(x),
                Out::Text(s) => neutralise(&s),
            });
        }
        let _ = w.write_record(&record);
    }
    bytes.extend(w.into_inner().unwrap_or_default());
    bytes
}

fn region_label(r: &RegionResult, table: &Table) -> String {
    match (&r.column, &r.group) {
        (Some(c), Some(g)) => format!(
            "{}: {}",
            table.headers.get(*c).map_or("", String::as_str),
            if g.is_empty() { "（空）" } else { g }
        ),
        _ => "全部".to_string(),
    }
}

/// The table with its scores as an XLSX workbook: sheets 结果, 汇总 and 说明.
pub fn export_xlsx(
    table: &Table,
    mapping: &Mapping,
    result: &BatchResult,
    regions: &[RegionResult],
    m: &Methodology,
    meta: &ExportMeta,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let ranks = ranks(&result.index);
    let errors = error_texts(result, table);

    let ws = wb.add_worksheet();
    ws.set_name("结果")?;
    let headers: Vec<String> = table
        .headers
        .iter()
        .cloned()
        .chain(score_headers(m))
        .chain([CORRECTED_HEADER.to_string(), POLICY_HEADER.to_string()])
        .collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, &rank) in ranks.iter().enumerate().take(table.rows) {
        let row = (r + 1) as u32;
        let cells = (0..table.headers.len())
            .map(|c| original(table.cell(r, c)))
            .chain(score_cells(r, result, rank, table, m, &errors))
            .chain(note_cells(r, table, &meta.corrections, meta.policy));
        for (c, cell) in cells.enumerate() {
            let c = c as u16;
            match cell {
                Out::Empty => {}
                Out::Num(x) => {
                    ws.write_number(row, c, x)?;
                }
                Out::Text(s) if is_dangerous(&s) => {
                    ws.write_string_with_format(row, c, &s, &quoted)?;
                }
                Out::Text(s) => {
                    ws.write_string(row, c, &s)?;
                }
            }
        }
    }

    let summary = summarize(result, m);
    let ws = wb.add_worksheet();
    ws.set_name("汇总")?;
    let mut row = 0u32;
    let mut line = |ws: &mut rust_xlsxwriter::Worksheet,
                    cells: Vec<Out>,
                    bold_row: bool|
     -> Result<(), XlsxError> {
        for (c, cell) in cells.into_iter().enumerate() {
            match cell {
                Out::Empty => {}
                Out::Num(x) => {
                    ws.write_number(row, c as u16, x)?;
                }
                Out::Text(s) if bold_row => {
                    ws.write_string_with_format(row, c as u16, &s, &bold)?;
                }
                Out::Text(s) => {
                    ws.write_string_with_format(row, c as u16, &s, &quoted)?;
                }
            }
        }
        row += 1;
        Ok(())
    };
    let t = |s: &str| Out::Text(s.to_string());
    let n = |x: Option<f64>| x.map_or(Out::Empty, Out::Num);
    line(ws, vec![t("企业数"), Out::Num(summary.rows as f64)], false)?;
    line(
        ws,
        vec![t("指数完整的企业数"), Out::Num(summary.complete as f64)],
        false,
    )?;
    line(
        ws,
        vec![
            t("有错误单元格的企业数"),
            Out::Num(summary.with_errors as f64),
        ],
        false,
    )?;
    line(ws, vec![t("平均值"), n(summary.mean)], false)?;
    let q = summary.quartiles;
    line(ws, vec![t("下四分位数"), n(q.map(|q| q[0]))], false)?;
    line(ws, vec![t("中位数"), n(q.map(|q| q[1]))], false)?;
    line(ws, vec![t("上四分位数"), n(q.map(|q| q[2]))], false)?;
    line(ws, vec![], false)?;
    line(ws, vec![t("等级"), t("企业数"), t("占比（完整者）")], true)?;
    for (b, count) in m.bands.iter().zip(&summary.per_band) {
        let share = if summary.complete > 0 {
            Out::Num(mqci::decimal::round_to(
                *count as f64 / summary.complete as f64 * 100.0,
                1,
            ))
        } else {
            Out::Empty
        };
        line(ws, vec![t(&b.zh), Out::Num(*count as f64), share], false)?;
    }
    line(ws, vec![], false)?;
    line(
        ws,
        vec![
            t("范围"),
            t("企业数"),
            t("区域指数（Σ分子÷Σ分母）"),
            t("区域指数下限"),
            t("区域指数上限"),
            t("等级"),
            t("企业指数平均值"),
            t("企业指数中位数"),
        ],
        true,
    )?;
    for r in regions {
        let a = r.assessment.as_ref();
        let (lo, hi) = match a.and_then(|a| a.range) {
            Some(range) => (Some(range.min), Some(range.max)),
            None => (a.and_then(|a| a.index), a.and_then(|a| a.index)),
        };
        line(
            ws,
            vec![
                Out::Text(region_label(r, table)),
                Out::Num(r.rows as f64),
                n(a.and_then(|a| a.index)),
                n(lo),
                n(hi),
                a.and_then(|a| a.band.as_ref())
                    .map_or(Out::Empty, |b| Out::Text(b.zh.clone())),
                n(r.mean),
                n(r.median),
            ],
            false,
        )?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("说明")?;
    let about: Vec<(String, String)> = vec![
        ("方法".into(), m.id.clone()),
        ("方法版本".into(), m.version.clone()),
        (
            "标准化".into(),
            format!("{:?}", m.standardization).to_lowercase(),
        ),
        ("等级方案".into(), m.band_scheme.clone()),
        ("引擎版本 (mqci)".into(), mqci::VERSION.to_string()),
        (
            "批量模块版本 (mqci-batch)".into(),
            env!("CARGO_PKG_VERSION").to_string(),
        ),
        ("日期".into(), meta.date.clone()),
        ("输入文件".into(), meta.input_name.clone()),
        ("输入文件 SHA-256".into(), meta.input_digest.clone()),
        ("缺失单元格处理".into(), meta.policy.id().to_string()),
        (POLICY_HEADER.into(), policy_words(meta.policy).to_string()),
        (
            "说明".into(),
            "自评结果为 MQCI 式自评，不是官方指数；方法见 docs/methodology.md".into(),
        ),
    ];
    for (k, (a, b)) in about.iter().enumerate() {
        ws.write_string_with_format(k as u32, 0, a, &bold)?;
        ws.write_string_with_format(k as u32, 1, b, &quoted)?;
    }
    let start = about.len() as u32 + 1;
    ws.write_string_with_format(start, 0, "列", &bold)?;
    ws.write_string_with_format(start, 1, "读作", &bold)?;
    for (c, col) in mapping.columns.iter().enumerate() {
        let r = start + 1 + c as u32;
        ws.write_string_with_format(
            r,
            0,
            table.headers.get(c).map_or("", String::as_str),
            &quoted,
        )?;
        let id = mapping.target_id(&col.target);
        ws.write_string(
            r,
            1,
            if id.is_empty() {
                "（原样保留）"
            } else {
                &id
            },
        )?;
        if col.scale != 1.0 {
            ws.write_number(r, 2, col.scale)?;
        }
    }
    if !meta.corrections.is_empty() {
        let start = start + 2 + mapping.columns.len() as u32;
        ws.write_string_with_format(start, 0, "已改正的单元格（与输入文件不同）", &bold)?;
        for (c, h) in ["行（第 1 行 = 第一条数据）", "列", "原值", "改正后"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(start + 1, c as u16, *h, &bold)?;
        }
        for (k, fix) in meta.corrections.iter().enumerate() {
            let r = start + 2 + k as u32;
            ws.write_number(r, 0, (fix.row + 1) as f64)?;
            let header = table.headers.get(fix.column).map_or("", String::as_str);
            ws.write_string_with_format(r, 1, header, &quoted)?;
            ws.write_string_with_format(r, 2, &fix.old, &quoted)?;
            ws.write_string_with_format(r, 3, &fix.new, &quoted)?;
        }
    }
    wb.save_to_buffer()
}

/// A cell of [`write_sheets`].
#[derive(Debug, Clone, PartialEq)]
pub enum SheetCell {
    /// Nothing.
    Empty,
    /// A number, written as a number.
    Number(f64),
    /// Text; a formula-like text is written with Excel's quote prefix (neutralised).
    Text(String),
}

/// One sheet of [`write_sheets`]: its name and its rows of cells.
pub type Sheet = (String, Vec<Vec<SheetCell>>);

/// A generic workbook: one sheet per `(name, rows)`, the first row in bold (the header). Used by
/// the region table of the main page (issue 10) through the batch module's `writeXlsx`.
pub fn write_sheets(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let bold_quoted = Format::new().set_bold().set_quote_prefix();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        for (r, cells) in rows.iter().enumerate() {
            let row = r as u32;
            for (c, cell) in cells.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
                match cell {
                    SheetCell::Empty => {}
                    SheetCell::Number(x) if x.is_finite() => {
                        ws.write_number(row, c, *x)?;
                    }
                    SheetCell::Number(_) => {}
                    SheetCell::Text(s) => {
                        let f = match (r == 0, is_dangerous(s)) {
                            (true, true) => &bold_quoted,
                            (true, false) => &bold,
                            (false, true) => &quoted,
                            (false, false) => {
                                ws.write_string(row, c, s)?;
                                continue;
                            }
                        };
                        ws.write_string_with_format(row, c, s, f)?;
                    }
                }
            }
        }
        if rows.len() > 1 {
            ws.set_freeze_panes(1, 0)?;
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written sheets read back through `read` give the same texts and numbers, the formula-like
    /// text kept as text.
    #[test]
    fn generic_sheets_read_back() {
        let t = |s: &str| SheetCell::Text(s.into());
        let sheets = vec![
            (
                "地区".to_string(),
                vec![
                    vec![t("地区"), t("指数"), t("进度")],
                    vec![t("成都"), SheetCell::Number(85.2), t("超进度")],
                    vec![t("=1+1"), SheetCell::Empty, t("-")],
                ],
            ),
            ("说明".to_string(), vec![vec![t("日期"), t("2026-12-01")]]),
        ];
        let bytes = write_sheets(&sheets).unwrap();
        let o = crate::read::ReadOptions {
            sheet: Some("地区".into()),
            header_row: Some(0),
        };
        let (table, info) = crate::read::read_table(&bytes, "x.xlsx", &o).unwrap();
        assert_eq!(info.sheets, vec!["地区", "说明"]);
        assert_eq!(table.headers, vec!["地区", "指数", "进度"]);
        assert_eq!(table.rows, 2);
        assert_eq!(table.cell(0, 1), &Cell::Number(85.2));
        assert_eq!(table.cell(1, 0).text(), "=1+1");
        assert_eq!(table.cell(1, 1), &Cell::Empty);
        let bad = vec![("a/b:c".to_string(), vec![])];
        assert!(
            write_sheets(&bad).is_err(),
            "a sheet name Excel refuses is an error"
        );
    }

    #[test]
    fn digest_is_sha256() {
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn neutralising() {
        for s in ["=1+1", "+86", "-5", "@SUM(A1)", "\tx"] {
            assert!(neutralise(s).starts_with('\''), "{s}");
        }
        assert_eq!(neutralise("甲公司"), "甲公司");
        assert_eq!(neutralise("5-1"), "5-1");
    }
}
