//! The JS binding of the batch module (the only module naming `wasm_bindgen`/`js_sys`).
//!
//! ```js
//! import init, * as batch from './pkg/mqci_batch.js';
//! await init();
//! const table = batch.readTable(bytes, file.name, { sheet, headerRow });   // BatchTable
//! table.setMapping([{ column: 5, target: "salesRevenue", scale: 1 }]);     // optional
//! const scores = batch.scoreTable(table, { policy: "not_applicable" });    // BatchScores
//! scores.index;                 // Float64Array (NaN = incomplete), also min, max, sub (×8) …
//! batch.exportXlsx(table, scores, { date: new Date().toISOString() });     // Uint8Array
//! ```
//! Every failure is thrown as an `Error` named `MqciError` with `code`, `field`, `value`,
//! `params` and `errors`, as the main module's. Bad cells are not thrown: they are listed by
//! `scores.errors()` with their row and column.

use js_sys::{Array, Float64Array, Object, Reflect, Uint16Array, Uint32Array, Uint8Array};
use mqci::error::Param;
use mqci::methodology::builtin::BandScheme;
use mqci::methodology::Standardization;
use mqci::model::Indicator;
use mqci::{Error, Methodology, Options};
use wasm_bindgen::prelude::*;

use crate::export::{digest, export_csv, export_xlsx, Correction, ExportMeta};
use crate::mapping::{Mapping, Override, Role};
use crate::read::{read_table, ReadInfo, ReadOptions};
use crate::region::{regions, RegionResult};
use crate::score::{score_numeric, BatchResult, NumericTable, Policy, SUB_IDS};
use crate::summary::{ranks, summarize};
use crate::table::Table;

fn set(o: &JsValue, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn get(o: &JsValue, k: &str) -> JsValue {
    if o.is_object() {
        Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn describe(obj: &JsValue, e: &Error) {
    set(obj, "code", &e.code().into());
    set(obj, "field", &e.field().into());
    set(
        obj,
        "value",
        &e.value().map_or(JsValue::NULL, JsValue::from_str),
    );
    let p = Object::new();
    for (name, param) in e.params() {
        let v = match param {
            Param::Num(x) => JsValue::from_f64(x),
            Param::Text(t) => JsValue::from_str(t),
        };
        set(&p, name, &v);
    }
    set(obj, "params", &p);
}

/// An `MqciError` as the main module throws it.
fn to_js(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("MqciError");
    describe(&err, &e);
    let list = Array::new();
    for item in e.errors() {
        let o = Object::new();
        describe(&o, item);
        set(&o, "message", &item.to_string().into());
        list.push(&o);
    }
    set(&err, "errors", &list);
    err.into()
}

fn wrong_type(field: &str, expected: &'static str, v: &JsValue) -> Error {
    let got = if v.is_null() {
        "null"
    } else if v.as_bool().is_some() {
        "boolean"
    } else if v.as_f64().is_some() {
        "number"
    } else if v.is_string() {
        "string"
    } else if Array::is_array(v) {
        "array"
    } else if v.is_object() {
        "object"
    } else {
        "other"
    };
    Error::WrongType {
        field: field.into(),
        expected,
        got,
    }
}

fn opt_string(o: &JsValue, key: &str, field: &str) -> Result<Option<String>, Error> {
    let v = get(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| wrong_type(field, "string", &v))
}

fn opt_number(o: &JsValue, key: &str, field: &str) -> Result<Option<f64>, Error> {
    let v = get(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| wrong_type(field, "number", &v))
}

fn index_of(x: f64, field: &str) -> Result<usize, Error> {
    if x.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&x) {
        return Err(Error::NotAnInteger {
            field: field.into(),
            value: mqci::decimal::fmt_num(x),
        });
    }
    Ok(x as usize)
}

/// The methodology from `{ bandScheme?, standardization? }`.
fn methodology(options: &JsValue) -> Result<Methodology, Error> {
    let mut o = Options::default();
    if let Some(b) = opt_string(options, "bandScheme", "options.bandScheme")? {
        o.band_scheme = BandScheme::from_id(&b).ok_or(Error::UnknownId {
            field: "options.bandScheme".into(),
            id: mqci::error::quote(&b),
        })?;
    }
    if let Some(s) = opt_string(options, "standardization", "options.standardization")? {
        o.standardization = Standardization::from_id(&s).ok_or(Error::UnknownId {
            field: "options.standardization".into(),
            id: mqci::error::quote(&s),
        })?;
    }
    Ok(mqci::default_methodology(o))
}

fn strings(v: &[String]) -> JsValue {
    v.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

/// A table read from a file, held in the module (only the visible rows cross to JS).
#[wasm_bindgen]
pub struct BatchTable {
    table: Table,
    info: ReadInfo,
    name: String,
    /// The file's bytes as JS gave them (not copied: the digest is computed on export, the
    /// only place it is used; SHA-256 of 10 MB takes ~45 ms in WebAssembly, a third of
    /// reading the file).
    input: Uint8Array,
    /// The input's digest, once computed.
    digest: std::cell::OnceCell<String>,
    mapping: Mapping,
    /// Cells corrected since reading, by row then column.
    corrections: Vec<Correction>,
}

/// A scored table: typed arrays by row, and the detail on request.
#[wasm_bindgen]
pub struct BatchScores {
    result: BatchResult,
    numeric: NumericTable,
    mapping: Mapping,
    policy: Policy,
    methodology: Methodology,
}

/// Reads a workbook (XLSX, XLS, ODS: `options.sheet`, default the first) or delimited text
/// (CSV/TSV/pasted block; UTF-8 with or without BOM, UTF-16, GBK/GB18030 — detected).
/// `options.headerRow` (0-based) overrides the detected header row.
#[wasm_bindgen(js_name = readTable)]
pub fn read_table_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    name: String,
    options: JsValue,
) -> Result<BatchTable, JsValue> {
    // A `Uint8Array` is kept as it is (for the digest); anything else (an `ArrayBuffer`, an
    // array of bytes) is copied into one.
    let input = bytes
        .dyn_into::<Uint8Array>()
        .unwrap_or_else(|other| Uint8Array::new(&other));
    let read = || -> Result<BatchTable, Error> {
        let header_row = opt_number(&options, "headerRow", "options.headerRow")?
            .map(|x| index_of(x, "options.headerRow"))
            .transpose()?;
        let o = ReadOptions {
            sheet: opt_string(&options, "sheet", "options.sheet")?,
            header_row,
        };
        let bytes = input.to_vec();
        let (table, info) = read_table(&bytes, &name, &o)?;
        drop(bytes);
        let mapping = Mapping::for_table(&table);
        Ok(BatchTable {
            table,
            info,
            name,
            input: input.clone(),
            digest: std::cell::OnceCell::new(),
            mapping,
            corrections: Vec::new(),
        })
    };
    read().map_err(to_js)
}

impl BatchTable {
    /// The SHA-256 of the input, in hex (computed once, on first use).
    fn digest(&self) -> &str {
        self.digest.get_or_init(|| digest(&self.input.to_vec()))
    }
}

#[wasm_bindgen]
impl BatchTable {
    /// Fixes one cell in place: data row `row` (0-based), column `column` becomes `text` as
    /// typed (blank: an empty cell). Score the table again to see the effect. The change is
    /// remembered as a correction (the file's text and the new one; setting the file's text
    /// again forgets it) and listed in the XLSX 说明 sheet. Throws `MqciError` outside the table.
    #[wasm_bindgen(js_name = setCell)]
    pub fn set_cell(&mut self, row: u32, column: u32, text: String) -> Result<(), JsValue> {
        let (r, c) = (row as usize, column as usize);
        if r >= self.table.rows {
            return Err(to_js(Error::AboveMaximum {
                field: "row".into(),
                value: row.to_string(),
                max: self.table.rows.saturating_sub(1) as f64,
            }));
        }
        if c >= self.table.headers.len() {
            return Err(to_js(Error::AboveMaximum {
                field: "column".into(),
                value: column.to_string(),
                max: self.table.headers.len().saturating_sub(1) as f64,
            }));
        }
        let Some(before) = self.table.set_cell(r, c, &text) else {
            return Ok(());
        };
        let now = self.table.cell(r, c).text();
        Correction::record(&mut self.corrections, r, c, before.text(), now);
        Ok(())
    }

    /// Cells corrected since reading: `[{ row, column, header, old, new }]`, by row then column.
    #[wasm_bindgen(getter)]
    pub fn corrections(&self) -> JsValue {
        let out = Array::new();
        for x in &self.corrections {
            let o: JsValue = Object::new().into();
            set(&o, "row", &(x.row as f64).into());
            set(&o, "column", &(x.column as f64).into());
            set(
                &o,
                "header",
                &self
                    .table
                    .headers
                    .get(x.column)
                    .map_or("", String::as_str)
                    .into(),
            );
            set(&o, "old", &x.old.as_str().into());
            set(&o, "new", &x.new.as_str().into());
            out.push(&o);
        }
        out.into()
    }

    /// `{ format, encoding, bom, delimiter, sheets, sheet, headerRow, rows, columns, name }`
    /// (the input's digest is stated by the XLSX export, and by `digest()`).
    #[wasm_bindgen(getter)]
    pub fn info(&self) -> JsValue {
        let o: JsValue = Object::new().into();
        let i = &self.info;
        set(&o, "format", &i.format.into());
        set(
            &o,
            "encoding",
            &i.encoding.map_or(JsValue::NULL, JsValue::from_str),
        );
        set(&o, "bom", &i.bom.into());
        set(
            &o,
            "delimiter",
            &i.delimiter.map_or(JsValue::NULL, |d| d.to_string().into()),
        );
        set(&o, "sheets", &strings(&i.sheets));
        set(
            &o,
            "sheet",
            &i.sheet.as_deref().map_or(JsValue::NULL, JsValue::from_str),
        );
        set(&o, "headerRow", &(self.table.header_line as f64).into());
        set(&o, "rows", &(self.table.rows as f64).into());
        set(&o, "columns", &(self.table.headers.len() as f64).into());
        set(&o, "name", &self.name.as_str().into());
        o
    }

    /// The SHA-256 of the input bytes, in hex (as the XLSX 说明 sheet states it). Computed on
    /// the first call, not while reading.
    #[wasm_bindgen(js_name = digest)]
    pub fn digest_js(&self) -> String {
        self.digest().to_string()
    }

    /// The column headers.
    /// The missing-data policy the file states of itself ("missing" | "not_applicable"), as an
    /// export of this page does in its 缺失数据处理 column on every row; `undefined` otherwise.
    #[wasm_bindgen(getter, js_name = statedPolicy)]
    pub fn stated_policy(&self) -> Option<String> {
        crate::export::stated_policy(&self.table).map(|p| p.id().to_string())
    }

    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> JsValue {
        strings(&self.table.headers)
    }

    /// Number of data rows.
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> u32 {
        self.table.rows as u32
    }

    /// Rows `start..end` as arrays of cell texts (for a window of a virtual table).
    pub fn rows(&self, start: u32, end: u32) -> JsValue {
        let end = (end as usize).min(self.table.rows);
        let out = Array::new();
        for r in (start as usize).min(end)..end {
            let row = Array::new();
            for c in 0..self.table.headers.len() {
                row.push(&self.table.cell(r, c).text().into());
            }
            out.push(&row);
        }
        out.into()
    }

    /// Every cell of column `c` as text, joined by U+0000 (one string crosses, not one per row:
    /// `column(c).split("\0")` gives the name or group of each row, for sorting and filtering a
    /// virtual table). A U+0000 inside a cell is written as U+FFFD. Empty past the last column.
    pub fn column(&self, c: u32) -> String {
        let mut out = String::new();
        if let Some(col) = self.table.columns.get(c as usize) {
            for (r, cell) in col.iter().enumerate() {
                if r > 0 {
                    out.push('\0');
                }
                match cell {
                    crate::table::Cell::Text(s) if s.contains('\0') => {
                        out.push_str(&s.replace('\0', "\u{fffd}"))
                    }
                    crate::table::Cell::Text(s) => out.push_str(s),
                    other => out.push_str(&other.text()),
                }
            }
        }
        out
    }

    /// One entry per column: `{ column, header, target, scale, role, overridden }`
    /// (`target` = indicator id, raw figure id, or "" for a passed-through column; `role` =
    /// "name" | "code" | "group" | null).
    pub fn mapping(&self) -> JsValue {
        let out = Array::new();
        for (c, col) in self.mapping.columns.iter().enumerate() {
            let o: JsValue = Object::new().into();
            set(&o, "column", &(c as f64).into());
            set(
                &o,
                "header",
                &self.table.headers.get(c).map_or("", String::as_str).into(),
            );
            set(&o, "target", &self.mapping.target_id(&col.target).into());
            set(&o, "scale", &col.scale.into());
            let role = match col.role {
                Some(Role::Name) => JsValue::from_str("name"),
                Some(Role::Code) => JsValue::from_str("code"),
                Some(Role::Group) => JsValue::from_str("group"),
                None => JsValue::NULL,
            };
            set(&o, "role", &role);
            set(&o, "overridden", &col.overridden.into());
            out.push(&o);
        }
        out.into()
    }

    /// Corrects the mapping: `[{ column, target, scale? }]` (`target` "" or "pass" passes the
    /// column through). Throws `MqciError` (every bad entry in `errors`); nothing is changed then.
    #[wasm_bindgen(js_name = setMapping)]
    pub fn set_mapping(&mut self, overrides: JsValue) -> Result<(), JsValue> {
        let read = || -> Result<Vec<Override>, Error> {
            if !Array::is_array(&overrides) {
                return Err(wrong_type("mapping", "array", &overrides));
            }
            let list = Array::from(&overrides);
            if list.length() as usize > mqci::limits::MAX_ARRAY {
                return Err(Error::TooLarge {
                    field: "mapping".into(),
                    limit: "array",
                    max: mqci::limits::MAX_ARRAY as u64,
                });
            }
            let mut out = Vec::new();
            for (n, item) in list.iter().enumerate() {
                let f = format!("mapping[{n}]");
                let column =
                    opt_number(&item, "column", &format!("{f}.column"))?.ok_or(Error::Missing {
                        field: format!("{f}.column"),
                    })?;
                out.push(Override {
                    column: index_of(column, &format!("{f}.column"))?,
                    target: opt_string(&item, "target", &format!("{f}.target"))?
                        .unwrap_or_default(),
                    scale: opt_number(&item, "scale", &format!("{f}.scale"))?,
                });
            }
            Ok(out)
        };
        let list = read().map_err(to_js)?;
        let mut next = self.mapping.clone();
        next.apply(&list).map_err(to_js)?;
        self.mapping = next;
        Ok(())
    }

    /// The region's own index (Σ numerators ÷ Σ denominators), overall then per group of
    /// each column with the group role (or of `columns` when given), each
    /// `{ column, group, rows, complete, used, values, index, range, band, secondary,
    /// tertiary, mean, median }`.
    pub fn regions(&self, scores: &BatchScores, columns: JsValue) -> Result<JsValue, JsValue> {
        let groups = if Array::is_array(&columns) {
            let mut g = Vec::new();
            for (n, v) in Array::from(&columns).iter().enumerate() {
                let f = format!("columns[{n}]");
                let x = v
                    .as_f64()
                    .ok_or_else(|| to_js(wrong_type(&f, "number", &v)))?;
                let c = index_of(x, &f).map_err(to_js)?;
                if c >= self.table.headers.len() {
                    return Err(to_js(Error::AboveMaximum {
                        field: f,
                        value: c.to_string(),
                        max: self.table.headers.len().saturating_sub(1) as f64,
                    }));
                }
                g.push(c);
            }
            g
        } else {
            scores.mapping.group_columns()
        };
        let list = regions(
            &self.table,
            &scores.numeric,
            &scores.mapping,
            &scores.result,
            &groups,
            &scores.methodology,
        );
        Ok(list.iter().map(region_js).collect::<Array>().into())
    }
}

fn opt(x: Option<f64>) -> JsValue {
    x.map_or(JsValue::NULL, JsValue::from_f64)
}

fn region_js(r: &RegionResult) -> JsValue {
    let o: JsValue = Object::new().into();
    set(
        &o,
        "column",
        &r.column.map_or(JsValue::NULL, |c| (c as f64).into()),
    );
    set(
        &o,
        "group",
        &r.group.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&o, "rows", &(r.rows as f64).into());
    set(&o, "complete", &(r.complete as f64).into());
    let used: JsValue = Object::new().into();
    for i in Indicator::ALL {
        set(&used, i.id(), &(r.used[i as usize] as f64).into());
    }
    set(&o, "used", &used);
    let values: JsValue = Object::new().into();
    for (k, v) in &r.values {
        set(&values, k, &(*v).into());
    }
    set(&o, "values", &values);
    let a = r.assessment.as_ref();
    set(&o, "index", &opt(a.and_then(|a| a.index)));
    let range = match a.and_then(|a| a.range) {
        Some(range) => {
            let x: JsValue = Object::new().into();
            set(&x, "min", &range.min.into());
            set(&x, "max", &range.max.into());
            x
        }
        None => JsValue::NULL,
    };
    set(&o, "range", &range);
    let band = match a.and_then(|a| a.band.as_ref()) {
        Some(b) => {
            let x: JsValue = Object::new().into();
            set(&x, "id", &b.id.as_str().into());
            set(&x, "zh", &b.zh.as_str().into());
            set(&x, "en", &b.en.as_str().into());
            x
        }
        None => JsValue::NULL,
    };
    set(&o, "band", &band);
    for (key, map) in [
        ("secondary", a.map(|a| &a.secondary)),
        ("tertiary", a.map(|a| &a.tertiary)),
    ] {
        let x: JsValue = Object::new().into();
        if let Some(map) = map {
            for (k, v) in map {
                set(&x, k, &opt(*v));
            }
        }
        set(&o, key, &x);
    }
    set(&o, "mean", &opt(r.mean));
    set(&o, "median", &opt(r.median));
    o
}

fn policy_of(options: &JsValue) -> Result<Policy, Error> {
    match opt_string(options, "policy", "options.policy")? {
        None => Ok(Policy::Missing),
        Some(p) => Policy::from_id(&p).ok_or(Error::UnknownId {
            field: "options.policy".into(),
            id: mqci::error::quote(&p),
        }),
    }
}

/// Scores every row of a table in one call. `options`: `{ policy?: "not_applicable" |
/// "missing" (default), bandScheme?, standardization? }`.
#[wasm_bindgen(js_name = scoreTable)]
pub fn score_table_js(table: &BatchTable, options: JsValue) -> Result<BatchScores, JsValue> {
    let run = || -> Result<BatchScores, Error> {
        let policy = policy_of(&options)?;
        let m = methodology(&options)?;
        let numeric = NumericTable::from_table(&table.table, &table.mapping, policy);
        let result = score_numeric(&numeric, &table.mapping, &m);
        Ok(BatchScores {
            result,
            numeric,
            mapping: table.mapping.clone(),
            policy,
            methodology: m,
        })
    };
    run().map_err(to_js)
}

/// Scores columns given as one packed `Float64Array`: `packed[c * rows + r]` is row `r` of
/// the column `ids[c]` (an indicator id or a raw figure id, money in 万元); NaN = missing,
/// −Infinity = not applicable. `options` as for `scoreTable` (`policy` is not used).
#[wasm_bindgen(js_name = scoreColumns)]
pub fn score_columns_js(
    packed: &[f64],
    ids: Vec<String>,
    rows: u32,
    options: JsValue,
) -> Result<BatchScores, JsValue> {
    let run = || -> Result<BatchScores, Error> {
        let m = methodology(&options)?;
        let raw = crate::mapping::raw_figures();
        let numeric = NumericTable::from_packed(packed, &ids, rows as usize, &raw)?;
        let mapping = Mapping {
            columns: Vec::new(),
            raw,
        };
        let result = score_numeric(&numeric, &mapping, &m);
        Ok(BatchScores {
            result,
            numeric,
            mapping,
            policy: Policy::Missing,
            methodology: m,
        })
    };
    run().map_err(to_js)
}

#[wasm_bindgen]
impl BatchScores {
    /// Number of rows.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> u32 {
        self.result.rows as u32
    }
    /// The index per row (2 decimals; NaN when incomplete).
    #[wasm_bindgen(getter)]
    pub fn index(&self) -> Float64Array {
        Float64Array::from(&self.result.index[..])
    }
    /// Lowest possible index per row (= index when complete).
    #[wasm_bindgen(getter)]
    pub fn min(&self) -> Float64Array {
        Float64Array::from(&self.result.min[..])
    }
    /// Highest possible index per row.
    #[wasm_bindgen(getter)]
    pub fn max(&self) -> Float64Array {
        Float64Array::from(&self.result.max[..])
    }
    /// Band per row: position in `bands` (255 when incomplete).
    #[wasm_bindgen(getter)]
    pub fn band(&self) -> Uint8Array {
        Uint8Array::from(&self.result.band[..])
    }
    /// `rows × 8` sub-scores, in the order of `subIds`.
    #[wasm_bindgen(getter)]
    pub fn sub(&self) -> Float64Array {
        Float64Array::from(&self.result.sub[..])
    }
    /// `rows × 12` indicator scores (NaN when missing or not applicable), order of `indicatorIds`.
    #[wasm_bindgen(getter)]
    pub fn scores(&self) -> Float64Array {
        Float64Array::from(&self.result.scores[..])
    }
    /// `rows × 12` indicator values used (given or derived; NaN missing, −Infinity not applicable).
    #[wasm_bindgen(getter)]
    pub fn values(&self) -> Float64Array {
        Float64Array::from(&self.result.values[..])
    }
    /// Per row the indicator with the lowest score (position in `indicatorIds`; 255 none).
    #[wasm_bindgen(getter)]
    pub fn weakest(&self) -> Uint8Array {
        Uint8Array::from(&self.result.weakest[..])
    }
    /// Per row the not-applicable indicators as bits (`1 << position in indicatorIds`).
    #[wasm_bindgen(getter, js_name = notApplicable)]
    pub fn not_applicable(&self) -> Uint16Array {
        Uint16Array::from(&self.result.not_applicable[..])
    }
    /// Per row the number of missing indicators.
    #[wasm_bindgen(getter)]
    pub fn missing(&self) -> Uint8Array {
        Uint8Array::from(&self.result.missing[..])
    }
    /// Per row the rank by index (1 = highest; ties share; 0 when incomplete).
    #[wasm_bindgen(getter)]
    pub fn rank(&self) -> Uint32Array {
        Uint32Array::from(&ranks(&self.result.index)[..])
    }
    /// The policy used ("not_applicable" | "missing").
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> String {
        self.policy.id().to_string()
    }
    /// The ids of the 8 sub-scores (2 secondary, 6 tertiary).
    #[wasm_bindgen(getter, js_name = subIds)]
    pub fn sub_ids(&self) -> JsValue {
        SUB_IDS
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into()
    }
    /// The ids of the 12 indicators, in the order of `scores`, `values`, `weakest`.
    #[wasm_bindgen(getter, js_name = indicatorIds)]
    pub fn indicator_ids(&self) -> JsValue {
        Indicator::ALL
            .iter()
            .map(|i| JsValue::from_str(i.id()))
            .collect::<Array>()
            .into()
    }
    /// The bands `{ id, zh, en, min, max }` that `band` points into.
    #[wasm_bindgen(getter)]
    pub fn bands(&self) -> JsValue {
        let out = Array::new();
        for b in &self.methodology.bands {
            let o: JsValue = Object::new().into();
            set(&o, "id", &b.id.as_str().into());
            set(&o, "zh", &b.zh.as_str().into());
            set(&o, "en", &b.en.as_str().into());
            set(&o, "min", &b.min.into());
            set(&o, "max", &b.max.into());
            out.push(&o);
        }
        out.into()
    }
    /// Number of bad cells.
    #[wasm_bindgen(getter, js_name = errorCount)]
    pub fn error_count(&self) -> u32 {
        self.result.errors.len() as u32
    }
    /// Per row 1 when it has a bad cell, else 0.
    #[wasm_bindgen(getter, js_name = errorRows)]
    pub fn error_rows(&self) -> Uint8Array {
        let mut rows = vec![0u8; self.result.rows];
        for e in &self.result.errors {
            if let Some(x) = rows.get_mut(e.row) {
                *x = 1;
            }
        }
        Uint8Array::from(&rows[..])
    }
    /// Bad cells: `[{ row, column, code, field, value, params, message }]` (column −1: the row
    /// as a whole), by row then column; `max` of them from the `start`-th when given (a page).
    pub fn errors(&self, max: Option<u32>, start: Option<u32>) -> JsValue {
        let out = Array::new();
        let max = max.map_or(usize::MAX, |m| m as usize);
        let start = start.map_or(0, |s| s as usize);
        for e in self.result.errors.iter().skip(start).take(max) {
            let o: JsValue = Object::new().into();
            set(&o, "row", &(e.row as f64).into());
            let column = if e.column == usize::MAX {
                -1.0
            } else {
                e.column as f64
            };
            set(&o, "column", &column.into());
            describe(&o, &e.error);
            set(&o, "message", &e.error.to_string().into());
            out.push(&o);
        }
        out.into()
    }
    /// The position in `errors` of the first bad cell of data row `row` or after it (the page
    /// of the error list that holds a row's bad cells).
    #[wasm_bindgen(js_name = errorIndexOfRow)]
    pub fn error_index_of_row(&self, row: u32) -> u32 {
        self.result.errors.partition_point(|e| e.row < row as usize) as u32
    }
    /// Warnings: `[{ row, code, indicator, value, suggestion }]`.
    pub fn warnings(&self) -> JsValue {
        let out = Array::new();
        for w in &self.result.warnings {
            let o: JsValue = Object::new().into();
            set(&o, "row", &(w.row as f64).into());
            set(&o, "code", &w.code.into());
            set(
                &o,
                "indicator",
                &w.indicator.map_or(JsValue::NULL, |i| i.id().into()),
            );
            set(&o, "value", &w.value.into());
            set(&o, "suggestion", &w.suggestion.into());
            out.push(&o);
        }
        out.into()
    }
    /// `{ rows, complete, withErrors, perBand: number[], mean, quartiles: [q1, median, q3] | null,
    /// histogram: number[40] }`.
    pub fn summary(&self) -> JsValue {
        let s = summarize(&self.result, &self.methodology);
        let o: JsValue = Object::new().into();
        set(&o, "rows", &(s.rows as f64).into());
        set(&o, "complete", &(s.complete as f64).into());
        set(&o, "withErrors", &(s.with_errors as f64).into());
        let per: Vec<f64> = s.per_band.iter().map(|&n| n as f64).collect();
        set(&o, "perBand", &Float64Array::from(&per[..]).into());
        set(&o, "mean", &opt(s.mean));
        set(
            &o,
            "quartiles",
            &s.quartiles
                .map_or(JsValue::NULL, |q| Float64Array::from(&q[..]).into()),
        );
        let h: Vec<f64> = s.histogram.iter().map(|&n| n as f64).collect();
        set(&o, "histogram", &Float64Array::from(&h[..]).into());
        o
    }
}

/// The table with its scores as CSV (UTF-8 with BOM; the policy and the table's corrections
/// stated in columns 缺失数据处理 and 已更正).
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv_js(table: &BatchTable, scores: &BatchScores) -> Uint8Array {
    let (t, s) = (&table.table, &scores.result);
    let csv = export_csv(t, s, &scores.methodology, scores.policy, &table.corrections);
    Uint8Array::from(&csv[..])
}

/// The table with its scores as XLSX (sheets 结果, 汇总, 说明). `options.date`: the date to
/// state (default: now, from the JS clock).
#[wasm_bindgen(js_name = exportXlsx)]
pub fn export_xlsx_js(
    table: &BatchTable,
    scores: &BatchScores,
    options: JsValue,
) -> Result<Uint8Array, JsValue> {
    let date = opt_string(&options, "date", "options.date")
        .map_err(to_js)?
        .unwrap_or_else(|| {
            js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .unwrap_or_default()
        });
    let groups = scores.mapping.group_columns();
    let reg = regions(
        &table.table,
        &scores.numeric,
        &scores.mapping,
        &scores.result,
        &groups,
        &scores.methodology,
    );
    let meta = ExportMeta {
        date,
        input_name: table.name.clone(),
        input_digest: table.digest().to_string(),
        policy: scores.policy,
        corrections: table.corrections.clone(),
    };
    export_xlsx(
        &table.table,
        &scores.mapping,
        &scores.result,
        &reg,
        &scores.methodology,
        &meta,
    )
    .map(|b| Uint8Array::from(&b[..]))
    .map_err(|e| {
        to_js(Error::Internal {
            field: "xlsx".into(),
            message: e.to_string(),
        })
    })
}

/// A generic workbook (the main page's region table, issue 10): `sheets` is
/// `[{ name, rows: [[string | number | null]] }]`, the first row of each sheet its header (bold);
/// formula-like texts are neutralised. Returns the XLSX bytes. Throws `MqciError` on a wrong
/// shape or a sheet name Excel refuses.
#[wasm_bindgen(js_name = writeXlsx)]
pub fn write_xlsx_js(sheets: JsValue) -> Result<Uint8Array, JsValue> {
    use crate::export::{write_sheets, Sheet, SheetCell};
    let read = || -> Result<Vec<Sheet>, Error> {
        if !Array::is_array(&sheets) {
            return Err(wrong_type("sheets", "array", &sheets));
        }
        let mut out = Vec::new();
        for (s, sheet) in Array::from(&sheets).iter().enumerate() {
            let f = format!("sheets[{s}]");
            let name = opt_string(&sheet, "name", &format!("{f}.name"))?.ok_or(Error::Missing {
                field: format!("{f}.name"),
            })?;
            let rows = get(&sheet, "rows");
            if !Array::is_array(&rows) {
                return Err(wrong_type(&format!("{f}.rows"), "array", &rows));
            }
            let mut list = Vec::new();
            for (r, row) in Array::from(&rows).iter().enumerate() {
                if !Array::is_array(&row) {
                    return Err(wrong_type(&format!("{f}.rows[{r}]"), "array", &row));
                }
                let mut cells = Vec::new();
                for (c, v) in Array::from(&row).iter().enumerate() {
                    cells.push(if v.is_null() || v.is_undefined() {
                        SheetCell::Empty
                    } else if let Some(x) = v.as_f64() {
                        SheetCell::Number(x)
                    } else if let Some(t) = v.as_string() {
                        SheetCell::Text(t)
                    } else {
                        return Err(wrong_type(&format!("{f}.rows[{r}][{c}]"), "string", &v));
                    });
                }
                list.push(cells);
            }
            out.push((name, list));
        }
        Ok(out)
    };
    let list = read().map_err(to_js)?;
    write_sheets(&list)
        .map(|b| Uint8Array::from(&b[..]))
        .map_err(|e| {
            to_js(Error::Internal {
                field: "sheets".into(),
                message: e.to_string(),
            })
        })
}

/// What a column can be mapped to: `[{ id, kind: "indicator" | "raw", zh, en, unit }]`.
#[wasm_bindgen]
pub fn targets() -> JsValue {
    let m = mqci::default_methodology(Options::default());
    let out = Array::new();
    for i in Indicator::ALL {
        let o: JsValue = Object::new().into();
        set(&o, "id", &i.id().into());
        set(&o, "kind", &"indicator".into());
        let (zh, en) = m.indicator(i).map_or((String::new(), String::new()), |p| {
            (p.zh.clone(), p.en.clone())
        });
        set(&o, "zh", &zh.into());
        set(&o, "en", &en.into());
        set(&o, "unit", &i.unit().id().into());
        out.push(&o);
    }
    for r in crate::mapping::raw_figures() {
        let o: JsValue = Object::new().into();
        set(&o, "id", &r.id.as_str().into());
        set(&o, "kind", &"raw".into());
        set(&o, "zh", &r.zh.into());
        set(&o, "en", &r.en.into());
        set(&o, "unit", &r.unit.into());
        out.push(&o);
    }
    out.into()
}

/// The versions: `{ engine, batch, methodology }`.
#[wasm_bindgen(js_name = batchVersion)]
pub fn batch_version() -> JsValue {
    let o: JsValue = Object::new().into();
    set(&o, "engine", &mqci::VERSION.into());
    set(&o, "batch", &env!("CARGO_PKG_VERSION").into());
    set(
        &o,
        "methodology",
        &mqci::methodology::builtin::VERSION.into(),
    );
    o
}
