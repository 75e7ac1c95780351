//! A whole table scored in one call, column by column, with the numbers of [`mqci::assess`].
//!
//! Three steps, each over columns of `f64` (NaN = missing, [`NA`] = not applicable):
//!
//! 1. [`NumericTable::from_table`] reads the mapped cells (typed forms as `mqci::number`
//!    reads them: `"94.5%"`, `"1,234"`, full-width digits), applies the file's [`Policy`] to
//!    the missing-cell forms ([`MISSING_FORMS`]) and records every bad cell as a [`CellError`]
//!    (the cell then counts as missing; the row is kept). [`NumericTable::from_packed`] takes
//!    the same columns from one packed `Float64Array`.
//! 2. [`derive`] turns raw figures into indicator values with the formulas of `mqci::derive`
//!    (docs/methodology.md §2) where no value is given, per row.
//! 3. [`score`] standardizes, weights and rounds as `mqci::assess` does (docs/methodology.md
//!    §3): each indicator score, then tertiary, secondary and index, each rounded half-up to
//!    two decimals from the shown scores of its children; a missing indicator counts from 60
//!    to 100 (the range); a not-applicable one is left out and its weight shared among its
//!    present siblings in proportion to their weights (a whole tertiary among its siblings).
//!    The per-row `mqci::assess` is the oracle: `tests/batch.rs` compares every row of random
//!    tables. It is written out rather than calling `assess` per row because a row of
//!    `assess` allocates its maps and messages: see the README for the measured ratio.

use std::borrow::Cow;

use mqci::assess::Weights;
use mqci::decimal::{fmt_num, round2, round_significant15};
use mqci::derive::Formula;
use mqci::methodology::Methodology;
use mqci::model::{Indicator, Secondary, Tertiary, Unit};
use mqci::number::Figure;
use mqci::score::Score;
use mqci::Error;

use crate::mapping::{Mapping, Target};
use crate::table::{Cell, Table};

/// A value marking a cell not applicable (the indicator is left out of that row).
pub const NA: f64 = f64::NEG_INFINITY;

/// Cell texts that mean "no figure" (after trimming).
pub const MISSING_FORMS: [&str; 12] = [
    "",
    "—",
    "——",
    "-",
    "－",
    "–",
    "/",
    "／",
    "不适用",
    "无",
    "N/A",
    "n/a",
];

/// What the missing-cell forms mean for the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The indicator does not apply to the enterprise: left out, its weight shared.
    NotApplicable,
    /// The figure is unknown: the index becomes a range.
    Missing,
}

impl Policy {
    /// The wire id.
    pub fn id(self) -> &'static str {
        match self {
            Policy::NotApplicable => "not_applicable",
            Policy::Missing => "missing",
        }
    }

    /// Reads a wire id.
    pub fn from_id(id: &str) -> Option<Policy> {
        match id {
            "not_applicable" => Some(Policy::NotApplicable),
            "missing" => Some(Policy::Missing),
            _ => None,
        }
    }

    fn marker(self) -> f64 {
        match self {
            Policy::NotApplicable => NA,
            Policy::Missing => f64::NAN,
        }
    }
}

/// Whether a cell's text is one of the missing-cell forms.
pub fn is_missing_form(text: &str) -> bool {
    MISSING_FORMS.contains(&text.trim())
}

/// A bad cell: its row, its column and the error (code, field = the column header, value as
/// written, params).
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// 0-based data row.
    pub row: usize,
    /// 0-based column (of the table, or of the packed columns).
    pub column: usize,
    /// The error; its `value` quotes the cell.
    pub error: Error,
}

/// The mapped columns as numbers.
#[derive(Debug, Clone, Default)]
pub struct NumericTable {
    /// Number of rows.
    pub rows: usize,
    /// Indicator values given directly, by indicator.
    pub indicators: [Option<Vec<f64>>; 12],
    /// Which indicator values were written with `%` (only where some were).
    pub percent: [Option<Vec<bool>>; 12],
    /// The column each indicator came from.
    pub indicator_column: [Option<usize>; 12],
    /// Raw figures, by index into [`Mapping::raw`] (money in 万元).
    pub raw: Vec<Option<Vec<f64>>>,
    /// The column each raw figure came from.
    pub raw_column: Vec<Option<usize>>,
    /// Bad cells found while reading.
    pub errors: Vec<CellError>,
}

/// The value of a plain decimal text (ASCII digits, at most one `.`, at most 15 significant
/// digits, no sign): exactly what `mqci::number::parse_text` gives for it, computed without
/// its normalizing copies (most cells of a large file are such texts). `None` for anything
/// else, which then goes through `parse_text`.
pub fn plain_decimal(s: &str) -> Option<f64> {
    plain_decimal_bytes(s.as_bytes())
}

/// [`plain_decimal`] of a text's bytes.
#[inline]
fn plain_decimal_bytes(b: &[u8]) -> Option<f64> {
    if b.is_empty() || b.len() > 24 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut significant = 0;
    let mut frac: Option<u32> = None;
    let mut any_digit = false;
    for &c in b {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                if mantissa > 0 || c != b'0' {
                    significant += 1;
                    if significant > 15 {
                        return None;
                    }
                }
                mantissa = mantissa * 10 + u64::from(c - b'0');
                if let Some(f) = frac.as_mut() {
                    *f += 1;
                }
            }
            b'.' if frac.is_none() => frac = Some(0),
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let k = frac.unwrap_or(0);
    if k > 22 {
        return None;
    }
    // As `parse_text`: a mantissa of at most 15 digits is exact, and one division by an exact
    // power of ten gives the correctly rounded double.
    Some(mantissa as f64 / mqci::decimal::pow10(k))
}

/// The value of a cell that is a plain decimal ([`plain_decimal`]) or a number: the common
/// case, read without the general path. `None` for anything else (empty, missing forms, other
/// texts), which the general path reads. A text starting with an ASCII digit is never a
/// missing form (none starts with one) and is not trimmed (no leading space).
#[inline]
fn quick_number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(x) => Some(*x),
        Cell::Text(s) => {
            let b = s.as_bytes();
            if b.first().is_some_and(u8::is_ascii_digit) {
                plain_decimal_bytes(b)
            } else {
                None
            }
        }
        Cell::Empty => None,
    }
}

/// Reads one cell of an indicator column: the value, whether `%` was written, or an error.
/// `max` is the unit's maximum (`i.unit().max_value()`).
#[inline]
fn indicator_cell(
    i: Indicator,
    cell: &Cell,
    scale: f64,
    max: f64,
    policy: Policy,
    header: &str,
) -> Result<(f64, bool), Error> {
    // A finite number from 0 to the maximum is what `parse_indicator_value` accepts unchanged
    // (no `%`: a number); anything else takes the general path below, for its error.
    if let Some(x) = quick_number(cell) {
        let v = x * scale;
        if v.is_finite() && (0.0..=max).contains(&v) {
            return Ok((v, false));
        }
    }
    indicator_cell_general(i, cell, scale, policy, header)
}

fn indicator_cell_general(
    i: Indicator,
    cell: &Cell,
    scale: f64,
    policy: Policy,
    header: &str,
) -> Result<(f64, bool), Error> {
    let (figure, text) = match cell {
        Cell::Empty => return Ok((policy.marker(), false)),
        Cell::Number(x) => (Figure::Number(*x * scale), None),
        Cell::Text(s) if is_missing_form(s) => return Ok((policy.marker(), false)),
        Cell::Text(s) => match plain_decimal(s) {
            Some(x) => (Figure::Number(x * scale), None),
            None => (Figure::Text(s.to_string()), Some(s)),
        },
    };
    let figure = match (text, scale != 1.0) {
        (Some(s), true) => match mqci::number::parse_text(header, s)? {
            Some(p) if p.percent => Figure::Text(s.to_string()),
            Some(p) => Figure::Number(p.value * scale),
            None => return Ok((policy.marker(), false)),
        },
        _ => figure,
    };
    match mqci::assess::parse_indicator_value(i, header, &figure)? {
        Some((v, pct)) => Ok((v, pct)),
        None => Ok((policy.marker(), false)),
    }
}

/// Reads one cell of a raw-figure column (non-negative), in the figure's unit.
#[inline]
fn raw_cell(cell: &Cell, scale: f64, policy: Policy, header: &str) -> Result<f64, Error> {
    // A finite non-negative number whose scaled value is finite: what `parse_non_negative`
    // accepts unchanged; anything else takes the general path, for its error.
    if let Some(x) = quick_number(cell) {
        if x.is_finite() && x >= 0.0 && (x * scale).is_finite() {
            return Ok(x * scale);
        }
    }
    raw_cell_general(cell, scale, policy, header)
}

fn raw_cell_general(cell: &Cell, scale: f64, policy: Policy, header: &str) -> Result<f64, Error> {
    let figure = match cell {
        Cell::Empty => return Ok(policy.marker()),
        Cell::Number(x) => Figure::Number(*x),
        Cell::Text(s) if is_missing_form(s) => return Ok(policy.marker()),
        Cell::Text(s) => match plain_decimal(s) {
            Some(x) => Figure::Number(x),
            None => Figure::Text(s.to_string()),
        },
    };
    match mqci::number::parse_non_negative(header, &figure)? {
        Some(v) if (v * scale).is_finite() => Ok(v * scale),
        Some(_) => Err(Error::NotFinite {
            field: header.to_string(),
            value: figure.quoted(),
        }),
        None => Ok(policy.marker()),
    }
}

impl NumericTable {
    fn empty(rows: usize, raw: usize) -> NumericTable {
        NumericTable {
            rows,
            raw: vec![None; raw],
            raw_column: vec![None; raw],
            ..NumericTable::default()
        }
    }

    /// Reads the mapped columns of a table.
    pub fn from_table(table: &Table, mapping: &Mapping, policy: Policy) -> NumericTable {
        let mut out = NumericTable::empty(table.rows, mapping.raw.len());
        for (c, map) in mapping.columns.iter().enumerate() {
            let Some(cells) = table.columns.get(c) else {
                continue;
            };
            let header = table.headers.get(c).map_or("", String::as_str);
            match map.target {
                Target::Pass => {}
                Target::Indicator(i) => {
                    let mut values = Vec::with_capacity(table.rows);
                    let mut percent: Option<Vec<bool>> = None;
                    let max = i.unit().max_value();
                    for (r, cell) in cells.iter().enumerate() {
                        match indicator_cell(i, cell, map.scale, max, policy, header) {
                            Ok((v, pct)) => {
                                values.push(v);
                                if pct {
                                    percent.get_or_insert_with(|| vec![false; table.rows])[r] =
                                        true;
                                }
                            }
                            Err(error) => {
                                values.push(f64::NAN);
                                out.errors.push(CellError {
                                    row: r,
                                    column: c,
                                    error,
                                });
                            }
                        }
                    }
                    out.indicators[i as usize] = Some(values);
                    out.percent[i as usize] = percent;
                    out.indicator_column[i as usize] = Some(c);
                }
                Target::Raw(n) => {
                    let mut values = Vec::with_capacity(table.rows);
                    for (r, cell) in cells.iter().enumerate() {
                        match raw_cell(cell, map.scale, policy, header) {
                            Ok(v) => values.push(v),
                            Err(error) => {
                                values.push(f64::NAN);
                                out.errors.push(CellError {
                                    row: r,
                                    column: c,
                                    error,
                                });
                            }
                        }
                    }
                    if let Some(slot) = out.raw.get_mut(n) {
                        *slot = Some(values);
                        out.raw_column[n] = Some(c);
                    }
                }
            }
        }
        out.errors.sort_by_key(|e| (e.row, e.column));
        out
    }

    /// Takes columns from one packed buffer: `packed[c * rows + r]` is row `r` of the column
    /// with id `ids[c]` (an indicator id or a raw figure id; NaN = missing, −∞ = not
    /// applicable). Errors: `unknown_id` (field `ids[c]`), `duplicate_id`, and a length that
    /// is not `ids.len() × rows` (`not_an_integer`, field `packed`). Bad values are cell
    /// errors, as for a table.
    pub fn from_packed(
        packed: &[f64],
        ids: &[String],
        rows: usize,
        raw: &[crate::mapping::RawFigure],
    ) -> Result<NumericTable, Error> {
        if packed.len() != ids.len().saturating_mul(rows) {
            return Err(Error::NotAnInteger {
                field: "packed".into(),
                value: packed.len().to_string(),
            });
        }
        let mut out = NumericTable::empty(rows, raw.len());
        let mut errors = Vec::new();
        for (c, id) in ids.iter().enumerate() {
            let column = &packed[c * rows..(c + 1) * rows];
            let field = format!("ids[{c}]");
            if let Some(i) = Indicator::from_id(id) {
                if out.indicators[i as usize].is_some() {
                    errors.push(Error::DuplicateId {
                        field,
                        id: id.clone(),
                    });
                    continue;
                }
                let mut values = column.to_vec();
                for (r, v) in values.iter_mut().enumerate() {
                    if v.is_nan() || *v == NA {
                        continue;
                    }
                    if let Err(error) =
                        mqci::assess::parse_indicator_value(i, id, &Figure::Number(*v))
                    {
                        *v = f64::NAN;
                        out.errors.push(CellError {
                            row: r,
                            column: c,
                            error,
                        });
                    }
                }
                out.indicators[i as usize] = Some(values);
                out.indicator_column[i as usize] = Some(c);
            } else if let Some(n) = raw.iter().position(|f| f.id == *id) {
                if out.raw[n].is_some() {
                    errors.push(Error::DuplicateId {
                        field,
                        id: id.clone(),
                    });
                    continue;
                }
                let mut values = column.to_vec();
                for (r, v) in values.iter_mut().enumerate() {
                    if v.is_nan() || *v == NA {
                        continue;
                    }
                    if let Err(error) = mqci::number::parse_non_negative(id, &Figure::Number(*v)) {
                        *v = f64::NAN;
                        out.errors.push(CellError {
                            row: r,
                            column: c,
                            error,
                        });
                    }
                }
                out.raw[n] = Some(values);
                out.raw_column[n] = Some(c);
            } else {
                errors.push(Error::UnknownId {
                    field,
                    id: mqci::error::quote(id),
                });
            }
        }
        Error::from_list(errors)?;
        out.errors.sort_by_key(|e| (e.row, e.column));
        Ok(out)
    }
}

/// Indicator values per row (`values[i][r]`), ready to score, and the errors of deriving them.
/// A column given directly is borrowed from the [`NumericTable`], not copied.
#[derive(Debug, Clone)]
pub struct Values<'a> {
    /// Number of rows.
    pub rows: usize,
    /// By indicator: NaN = missing, [`NA`] = not applicable.
    pub values: [Cow<'a, [f64]>; 12],
    /// Written with `%`, by indicator (only where some were).
    pub percent: [Option<Cow<'a, [bool]>>; 12],
    /// Whether each indicator was derived from raw figures (in some row).
    pub derived: [bool; 12],
}

/// The raw figures of one indicator: (column index into `NumericTable::raw`) per field of
/// `mqci::derive::raw_spec`, numerators first, denominator last.
fn raw_fields(mapping_raw: &[crate::mapping::RawFigure], i: Indicator) -> Vec<Option<usize>> {
    mqci::derive::raw_spec(i)
        .fields
        .iter()
        .map(|f| {
            mapping_raw
                .iter()
                .position(|r| r.uses.contains(&(i, f.key)))
        })
        .collect()
}

/// Derives, per row, every indicator not given directly from its raw figures, with the
/// formulas of `mqci::derive` (docs/methodology.md §2), including its checks: a zero or
/// missing denominator (`zero_denominator`), parts above the whole (`parts_exceed_whole`),
/// a result above the unit's maximum (`above_maximum`), and the rounding to 15 significant
/// digits. An indicator is derived only when the table has its denominator column (or, for
/// 平均产品销售收入, none: one enterprise per row) and a numerator column; a row whose
/// numerator cells are all empty has the indicator missing (not applicable if one of them
/// is a not-applicable form under that policy).
pub fn derive<'a>(
    t: &'a NumericTable,
    mapping_raw: &[crate::mapping::RawFigure],
) -> (Values<'a>, Vec<CellError>) {
    let rows = t.rows;
    let mut errors = Vec::new();
    let mut values: [Cow<'a, [f64]>; 12] = std::array::from_fn(|_| Cow::Borrowed(&[][..]));
    let given = |d: Option<&'a Vec<f64>>| match d {
        Some(d) => Cow::Borrowed(&d[..]),
        None => Cow::Owned(vec![f64::NAN; rows]),
    };
    let mut derived = [false; 12];
    for i in Indicator::ALL {
        let direct = t.indicators[i as usize].as_ref();
        let fields = raw_fields(mapping_raw, i);
        let cols: Vec<Option<&Vec<f64>>> = fields
            .iter()
            .map(|f| f.and_then(|n| t.raw.get(n)).and_then(Option::as_ref))
            .collect();
        let Some((den_col, part_cols)) = cols.split_last() else {
            values[i as usize] = given(direct);
            continue;
        };
        let implicit_one = i == Indicator::AvgSalesRevenue && den_col.is_none();
        let derivable =
            (den_col.is_some() || implicit_one) && part_cols.iter().any(Option::is_some);
        if !derivable {
            values[i as usize] = given(direct);
            continue;
        }
        derived[i as usize] = true;
        // Rows whose given value is a bad cell: already an error, not derived as well.
        let bad_direct: Vec<usize> = match t.indicator_column[i as usize] {
            Some(c) => t
                .errors
                .iter()
                .filter(|e| e.column == c)
                .map(|e| e.row)
                .collect(),
            None => Vec::new(),
        };
        let spec = mqci::derive::raw_spec(i);
        let column_of = |k: usize| -> usize {
            fields
                .get(k)
                .copied()
                .flatten()
                .and_then(|n| t.raw_column.get(n).copied().flatten())
                .unwrap_or(0)
        };
        let den_k = fields.len() - 1;
        let max = i.unit().max_value();
        let mut out = Vec::with_capacity(rows);
        for r in 0..rows {
            if let Some(v) = direct.map(|d| d[r]).filter(|v| !v.is_nan()) {
                out.push(v);
                continue;
            }
            if bad_direct.binary_search(&r).is_ok() {
                out.push(f64::NAN);
                continue;
            }
            let parts: Vec<f64> = part_cols
                .iter()
                .map(|c| c.map_or(f64::NAN, |c| c[r]))
                .collect();
            let den = match den_col {
                Some(c) => c[r],
                None => 1.0,
            };
            let given = |v: &f64| !v.is_nan() && *v != NA;
            if !parts.iter().any(given) {
                let na = parts.contains(&NA) || (den == NA && !parts.iter().any(|v| !v.is_nan()));
                out.push(if na { NA } else { f64::NAN });
                continue;
            }
            if den == NA {
                out.push(NA);
                continue;
            }
            if den.is_nan() || den <= 0.0 {
                let quoted = if den.is_nan() {
                    String::new()
                } else {
                    fmt_num(den)
                };
                errors.push(CellError {
                    row: r,
                    column: column_of(den_k),
                    error: Error::ZeroDenominator {
                        field: spec.fields[den_k].zh.to_string(),
                        value: quoted,
                    },
                });
                out.push(f64::NAN);
                continue;
            }
            let value = match spec.formula {
                Formula::GradeProduct | Formula::QualityLoss => {
                    let p: Vec<f64> = parts
                        .iter()
                        .map(|v| if given(v) { *v } else { 0.0 })
                        .collect();
                    let sum: f64 = p.iter().sum();
                    if sum > den {
                        errors.push(CellError {
                            row: r,
                            column: column_of(den_k),
                            error: Error::PartsExceedWhole {
                                field: spec.fields[den_k].zh.to_string(),
                                sum,
                                whole: den,
                            },
                        });
                        out.push(f64::NAN);
                        continue;
                    }
                    let weighted = if spec.formula == Formula::GradeProduct {
                        1.5 * p[0] + 1.0 * p[1] + 0.5 * p[2]
                    } else {
                        sum
                    };
                    weighted / den * 100.0
                }
                Formula::Ratio { factor } => parts[0] / den * factor,
            };
            let value = round_significant15(value);
            if value.is_nan() || value > max {
                errors.push(CellError {
                    row: r,
                    column: column_of(0),
                    error: Error::AboveMaximum {
                        field: spec.fields[0].zh.to_string(),
                        value: fmt_num(value),
                        max,
                    },
                });
                out.push(f64::NAN);
                continue;
            }
            out.push(value);
        }
        values[i as usize] = Cow::Owned(out);
    }
    (
        Values {
            rows,
            values,
            percent: std::array::from_fn(|k| t.percent[k].as_deref().map(Cow::Borrowed)),
            derived,
        },
        errors,
    )
}

/// A warning about one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWarning {
    /// 0-based data row.
    pub row: usize,
    /// `fraction_as_percent` (a rate typed as a fraction: 0.94 for 94 %) or
    /// `partial_basis` (some indicators not applicable: the index rests on the others).
    pub code: &'static str,
    /// The indicator concerned (`fraction_as_percent`).
    pub indicator: Option<Indicator>,
    /// The value concerned / the number of indicators used (`partial_basis`).
    pub value: f64,
    /// The suggested value (94 for 0.94), or the 12 of `partial_basis`.
    pub suggestion: f64,
}

/// The scores of a whole table, column by column.
#[derive(Debug, Clone, Default)]
pub struct BatchResult {
    /// Number of rows.
    pub rows: usize,
    /// The index (2 decimals); NaN when incomplete.
    pub index: Vec<f64>,
    /// Lowest index the row can have (= index when complete).
    pub min: Vec<f64>,
    /// Highest index the row can have (= index when complete).
    pub max: Vec<f64>,
    /// Band of the index: position in the methodology's bands; 255 when incomplete.
    pub band: Vec<u8>,
    /// `rows × 8`: per row the 2 secondary then the 6 tertiary scores ([`SUB_IDS`]); NaN
    /// when unknown (also for a tertiary left out as not applicable).
    pub sub: Vec<f64>,
    /// `rows × 12`: per row the indicator scores; NaN when missing or not applicable.
    pub scores: Vec<f64>,
    /// `rows × 12`: per row the indicator values used (given or derived); NaN missing, −∞ not applicable.
    pub values: Vec<f64>,
    /// The indicator with the lowest score in the row (by `Indicator as u8`); 255 when none.
    pub weakest: Vec<u8>,
    /// Per row, the indicators not applicable, as bits `1 << (Indicator as u16)`.
    pub not_applicable: Vec<u16>,
    /// Per row, the number of indicators missing (keeping the index a range).
    pub missing: Vec<u8>,
    /// Warnings, by row.
    pub warnings: Vec<RowWarning>,
    /// Bad cells and rows that cannot be scored, by row then column.
    pub errors: Vec<CellError>,
}

/// The ids of the 8 sub-scores in [`BatchResult::sub`], in order.
pub const SUB_IDS: [&str; 8] = [
    "quality_level",
    "development_capability",
    "standards_technology",
    "quality_management",
    "supervision_inspection",
    "rd_renovation",
    "core_technology",
    "market_adaptability",
];

#[derive(Clone, Copy)]
struct Est {
    lo: f64,
    hi: f64,
    known: bool,
}

const UNKNOWN: Est = Est {
    lo: Score::MIN,
    hi: Score::MAX,
    known: false,
};

/// `mqci::decimal::round2` for 0 ≤ x < 1000 (every score and weighted sum of scores), with
/// the same operations and constants it uses for such x (two integer digits or three, so nine
/// known decimals), without its loops; any other x goes to `round2` itself. Equality is
/// tested on millions of values.
#[inline]
fn round2_score(x: f64) -> f64 {
    if !(10.0..1000.0).contains(&x) {
        return round2(x);
    }
    // `round2`'s integer steps on whole numbers held in doubles (all below 2^53, so every
    // step is exact): `trunc` where it truncates, `trunc(y + 0.5)` where it rounds (y + 0.5 is
    // exact there), and a quotient of whole numbers below 2^53 by 10^7, which is a whole
    // number or at least 10^-7 away from one. In WebAssembly these are single instructions
    // (`f64.trunc`), where a float-to-integer conversion is a guarded trap.
    let int = x.trunc();
    let frac = x - int;
    let units = (frac * 1e9 + 0.5).trunc();
    let units = ((units + 5_000_000.0) / 10_000_000.0).trunc();
    (int * 100.0 + units) / 100.0
}

fn exact(s: f64) -> Est {
    let r = round2_score(s);
    Est {
        lo: r,
        hi: r,
        known: true,
    }
}

/// As `mqci::assess`: Σ weight·shown score of the children (weight-0 children skipped, in
/// order), rounded half-up to 2 decimals.
fn weighted<const N: usize>(parts: [(f64, Est); N]) -> Est {
    let mut lo = 0.0;
    let mut hi = 0.0;
    let mut known = true;
    for (w, e) in parts {
        if w == 0.0 {
            continue;
        }
        lo += w * e.lo;
        hi += w * e.hi;
        known &= e.known;
    }
    if known {
        // Every child known: both sums are the same number.
        exact(lo)
    } else {
        Est {
            lo: round2_score(lo),
            hi: round2_score(hi),
            known,
        }
    }
}

/// The weights in effect for the not-applicable set `na` (bits by indicator), the core's rule
/// ([`Weights::in_effect`]); `None` when a whole secondary would be left out.
fn weights_for(m: &Methodology, na: u16) -> Option<Weights> {
    let na = Indicator::ALL.map(|i| na & (1 << i as u16) != 0);
    Weights::in_effect(m, na, [false; 6], [false; 2]).ok()
}

/// Scores every row. `m` must be valid (`Methodology::validate`).
///
/// Two passes: each indicator column on its own (standardized and rounded, with its
/// constants at hand), then each row (the weighted levels, from its 12 shown scores, with the
/// weights in effect for its not-applicable set, computed once per distinct set).
pub fn score(v: &Values, m: &Methodology) -> BatchResult {
    let rows = v.rows;
    let standard = m.standardization;
    let mut values = vec![f64::NAN; rows * 12];
    let mut scores = vec![f64::NAN; rows * 12];
    let mut na_bits = vec![0u16; rows];
    let mut missing = vec![0u8; rows];
    let mut warnings = Vec::new();
    // Pass 1, by indicator.
    for i in Indicator::ALL {
        let k = i as usize;
        let (worst, best, warn) = match m.indicator(i) {
            Some(p) => (
                p.worst,
                p.best,
                matches!(i.unit(), Unit::Percent | Unit::WeightedPercent)
                    && p.worst.min(p.best) >= 10.0,
            ),
            None => (f64::NAN, f64::NAN, false),
        };
        let column = &v.values[k];
        let percent = v.percent[k].as_deref();
        for r in 0..rows {
            let x = column.get(r).copied().unwrap_or(f64::NAN);
            values[r * 12 + k] = x;
            if x == NA {
                na_bits[r] |= 1 << k;
                continue;
            }
            if x.is_nan() {
                missing[r] += 1;
                continue;
            }
            if warn && x > 0.0 && x <= 1.0 && percent.is_none_or(|p| p.get(r) != Some(&true)) {
                warnings.push(RowWarning {
                    row: r,
                    code: "fraction_as_percent",
                    indicator: Some(i),
                    value: x,
                    suggestion: round2(x * 100.0),
                });
            }
            scores[r * 12 + k] = round2_score(Score::standardize(standard, x, worst, best).get());
        }
    }
    // By row, indicators in order within a row (a stable sort of what came by indicator).
    warnings.sort_by_key(|w| w.row);
    let mut r_out = BatchResult {
        rows,
        index: Vec::with_capacity(rows),
        min: Vec::with_capacity(rows),
        max: Vec::with_capacity(rows),
        band: Vec::with_capacity(rows),
        sub: Vec::with_capacity(rows * 8),
        scores: Vec::new(),
        values: Vec::new(),
        weakest: Vec::with_capacity(rows),
        not_applicable: Vec::new(),
        missing: Vec::new(),
        warnings: Vec::with_capacity(warnings.len()),
        errors: Vec::new(),
    };
    let bands: Vec<(f64, f64)> = m.bands.iter().map(|b| (b.min, b.max)).collect();
    let base = weights_for(m, 0);
    let mut cache: Vec<(u16, Option<Weights>)> = Vec::new();
    let mut pending = warnings.into_iter().peekable();
    // Pass 2, by row.
    for r in 0..rows {
        while let Some(w) = pending.next_if(|w| w.row == r) {
            r_out.warnings.push(w);
        }
        let na = na_bits[r];
        let row_scores = &scores[r * 12..r * 12 + 12];
        let ind: [Est; 12] = std::array::from_fn(|k| {
            let sc = row_scores[k];
            if sc.is_nan() {
                UNKNOWN
            } else {
                Est {
                    lo: sc,
                    hi: sc,
                    known: true,
                }
            }
        });
        let mut weakest = (255u8, f64::INFINITY);
        for (k, &sc) in row_scores.iter().enumerate() {
            if sc < weakest.1 {
                weakest = (k as u8, sc);
            }
        }
        // The weights by reference (a copy per row is a `memory.copy` in WebAssembly).
        let w = if na == 0 {
            base.as_ref()
        } else {
            let at = match cache.iter().position(|(k, _)| *k == na) {
                Some(at) => at,
                None => {
                    cache.push((na, weights_for(m, na)));
                    cache.len() - 1
                }
            };
            cache.get(at).and_then(|(_, w)| w.as_ref())
        };
        let Some(w) = w else {
            // A whole secondary not applicable: the row cannot be scored (as `assess` refuses it).
            let secondary = Secondary::ALL
                .into_iter()
                .find(|s| {
                    s.children()
                        .iter()
                        .all(|t| t.children().iter().all(|i| na & (1 << *i as u16) != 0))
                })
                .unwrap_or(Secondary::QualityLevel);
            r_out.errors.push(CellError {
                row: r,
                column: usize::MAX,
                error: Error::SecondaryNotApplicable {
                    field: "notApplicable".into(),
                    secondary: secondary.id(),
                },
            });
            r_out.index.push(f64::NAN);
            r_out.min.push(f64::NAN);
            r_out.max.push(f64::NAN);
            r_out.band.push(255);
            r_out.sub.extend([f64::NAN; 8]);
            r_out.weakest.push(weakest.0);
            continue;
        };
        if na != 0 {
            r_out.warnings.push(RowWarning {
                row: r,
                code: "partial_basis",
                indicator: None,
                value: (12 - na.count_ones()) as f64,
                suggestion: 12.0,
            });
        }
        let mut ter = [UNKNOWN; 6];
        for t in Tertiary::ALL {
            ter[t as usize] = if w.ter_na[t as usize] {
                UNKNOWN
            } else {
                let [a, b] = t.children();
                weighted([
                    (w.ind[a as usize], ind[a as usize]),
                    (w.ind[b as usize], ind[b as usize]),
                ])
            };
        }
        let mut sec = [UNKNOWN; 2];
        for s in Secondary::ALL {
            let [a, b, c] = s.children();
            sec[s as usize] = weighted([
                (w.ter[a as usize], ter[a as usize]),
                (w.ter[b as usize], ter[b as usize]),
                (w.ter[c as usize], ter[c as usize]),
            ]);
        }
        let top = weighted([(w.sec[0], sec[0]), (w.sec[1], sec[1])]);
        let shown = |e: &Est| if e.known { e.lo } else { f64::NAN };
        r_out.sub.extend(sec.iter().map(shown));
        r_out.sub.extend(
            ter.iter()
                .enumerate()
                .map(|(k, e)| if w.ter_na[k] { f64::NAN } else { shown(e) }),
        );
        let index = shown(&top);
        r_out.index.push(index);
        r_out.min.push(top.lo);
        r_out.max.push(top.hi);
        // `Methodology::band_for`: half-open bands, the last one closed.
        let last = bands.len().wrapping_sub(1);
        let band = bands
            .iter()
            .enumerate()
            .position(|(n, &(lo, hi))| index >= lo && (index < hi || (n == last && index <= hi)));
        r_out.band.push(band.map_or(255, |p| p as u8));
        r_out.weakest.push(weakest.0);
    }
    r_out.scores = scores;
    r_out.values = values;
    r_out.not_applicable = na_bits;
    r_out.missing = missing;
    r_out
}

/// Reads, derives and scores a whole table in one call.
pub fn score_table(
    table: &Table,
    mapping: &Mapping,
    policy: Policy,
    m: &Methodology,
) -> BatchResult {
    let numeric = NumericTable::from_table(table, mapping, policy);
    score_numeric(&numeric, mapping, m)
}

/// Derives and scores numeric columns; the reading errors, derivation errors and scoring
/// errors are merged by row then column. The numeric table is borrowed (the caller keeps it for
/// the region index: no copy of its columns).
pub fn score_numeric(numeric: &NumericTable, mapping: &Mapping, m: &Methodology) -> BatchResult {
    let (values, derive_errors) = derive(numeric, &mapping.raw);
    let mut result = score(&values, m);
    let mut errors = numeric.errors.clone();
    errors.extend(derive_errors);
    errors.append(&mut result.errors);
    errors.sort_by_key(|e| (e.row, e.column));
    result.errors = errors;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round2_score_is_round2() {
        let mut seed = 0x0DDB_1A5E_5BAD_5EEDu64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..3_000_000 {
            let x = 40.0 + 80.0 * next();
            assert_eq!(round2_score(x).to_bits(), round2(x).to_bits(), "{x}");
            // Near the half-cent: k/1000 + 5/1000 and its neighbours.
            let h = ((x * 1000.0).trunc() + 0.5).trunc() / 1000.0 + 0.005;
            for y in [
                h,
                f64::from_bits(h.to_bits() + 1),
                f64::from_bits(h.to_bits() - 1),
            ] {
                assert_eq!(round2_score(y).to_bits(), round2(y).to_bits(), "{y}");
            }
        }
        for x in [
            0.0, 9.995, 10.0, 60.0, 80.985, 99.995, 100.0, 999.995, 1000.0, -5.0,
        ] {
            assert_eq!(round2_score(x).to_bits(), round2(x).to_bits(), "{x}");
        }
    }

    /// The quick reading of numbers and plain decimals gives what the general path gives
    /// (value, `%`, or the same error) for every kind of cell, indicator and scale.
    #[test]
    fn quick_cell_paths_equal_the_general_paths() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "0",
            "-0",
            "0.0",
            "00",
            "007",
            "94.5",
            "94.50",
            "100",
            "100.0",
            "100.01",
            "101",
            "1e5",
            "1E-3",
            "1,234",
            "1,5",
            "95%",
            "95 %",
            "0.95",
            " 95",
            "95 ",
            "９５",
            "０",
            "-1",
            "+1",
            ".5",
            "5.",
            "..",
            "1..2",
            "abc",
            "=1+1",
            "—",
            "-",
            "不适用",
            "无",
            "N/A",
            "1234567890123456",
            "123456789012345",
            "0.000000000000000001",
            "99999999999999999999999",
            "1300万元",
            "5.2亿",
            "1 234",
            "'95",
            "95\u{3000}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut seed = 0x0123_4567_89AB_CDEFu64;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits =
                (seed % 1_000_000_000) as f64 / mqci::decimal::pow10((seed >> 40) as u32 % 9);
            texts.push(digits.to_string());
        }
        let mut cells: Vec<Cell> = texts
            .iter()
            .map(|t| {
                if t.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(t.as_str().into())
                }
            })
            .collect();
        for x in [
            0.0,
            -0.0,
            1.0,
            0.5,
            94.5,
            100.0,
            100.5,
            1e300,
            -3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-300,
        ] {
            cells.push(Cell::Number(x));
        }
        for policy in [Policy::Missing, Policy::NotApplicable] {
            for scale in [1.0, 0.01, 100.0, 1e4, 1e300] {
                for cell in &cells {
                    for i in Indicator::ALL {
                        let max = i.unit().max_value();
                        let quick = indicator_cell(i, cell, scale, max, policy, "h");
                        let general = indicator_cell_general(i, cell, scale, policy, "h");
                        assert_eq!(
                            format!("{quick:?}"),
                            format!("{general:?}"),
                            "{cell:?} ×{scale} {i:?}"
                        );
                    }
                    let quick = raw_cell(cell, scale, policy, "h");
                    let general = raw_cell_general(cell, scale, policy, "h");
                    assert_eq!(
                        format!("{quick:?}"),
                        format!("{general:?}"),
                        "{cell:?} ×{scale}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_decimals_read_as_the_core_reads_them() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for _ in 0..200_000 {
            let len = 1 + next() % 20;
            let mut s: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            if next() % 3 > 0 {
                let at = (next() % (len + 1)) as usize;
                s.insert(at, '.');
            }
            let core = mqci::number::parse_text("f", &s)
                .ok()
                .flatten()
                .map(|p| p.value);
            if let Some(x) = plain_decimal(&s) {
                assert_eq!(Some(x), core, "{s}");
                checked += 1;
            }
        }
        assert!(checked > 50_000);
        for s in [
            "", ".", "1e5", "-1", "+1", "1,000", "94%", " 1", "1..2", "０",
        ] {
            assert_eq!(plain_decimal(s), None, "{s}");
        }
        assert_eq!(plain_decimal("0.1"), Some(0.1));
        assert_eq!(plain_decimal("94.50"), Some(94.5));
        assert_eq!(plain_decimal(".5"), Some(0.5));
        assert_eq!(plain_decimal("5."), Some(5.0));
    }
}
