//! The JS binding: the only module that names `wasm_bindgen` and `js_sys`.
//!
//! **Reading.** A caller's JS value is copied into a plain [`Value`] by a [`Walker`] before any
//! Rust code looks at it. The walker calls JavaScript only through the functions of the two
//! `extern` blocks below: `kindOf` (src/js/tape.js), which cannot throw, and the rest, every one
//! imported with `catch`: a throwing getter, a revoked `Proxy` or a throwing
//! `Symbol.toStringTag` becomes an `unreadable` error naming the field.
//! (An exception that unwinds through wasm frames skips their epilogues and leaks shadow-stack
//! and externref-table slots until the instance traps for good.) The walk is bounded by
//! [`crate::limits`]: nesting depth (so a cycle ends), values read per argument (so shared
//! sub-objects cannot make it exponential), keys per object, string and array length, each
//! checked before the part is read. Anything that is not a number, string, boolean,
//! null/undefined, array or plain object (a Date, Map, RegExp, typed array, boxed primitive,
//! function, Symbol, BigInt…) reads as [`Value::Other`], which the readers refuse.
//!
//! **Writing.** Results cross as plain JS objects (serde, camelCase), with the TypeScript
//! declarations below. Every failure becomes a real JS `Error` (`name` = `"MqciError"`) with
//! `code`, `field`, `value`, `params` and `errors` (every field error, for a form).
//!
//! **Features.** With `full` (the default) every export below; without it only `version()` and a
//! one-argument `assess(input)` using the built-in methodology: the small engine a page loads to
//! show its first result.

use std::fmt::Write as _;

use js_sys::{JsString, Object};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, Param};
use crate::limits::{
    MAX_ARRAY, MAX_DEPTH, MAX_ERRORS, MAX_KEYS, MAX_NODES, MAX_STRING, QUOTE_CHARS,
};
use crate::value::Value;

/// The allocator: talc instead of the default dlmalloc, smaller (3.3 KB gzipped of the
/// first-result engine) and faster; the engine is single-threaded (no `atomics`).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_COMMON: &'static str = r#"
/** Id of one of the 12 statistical indicators. */
export type IndicatorId =
  | "grade_product_rate" | "microelectronic_equipment_share" | "qms_certification_rate"
  | "quality_loss_rate" | "spot_check_pass_rate" | "export_inspection_pass_rate"
  | "rd_expenditure_share" | "renovation_expenditure_share" | "patents_per_million_output"
  | "new_product_sales_share" | "avg_sales_revenue" | "export_sales_share";
/** Id of a tertiary node. */
export type TertiaryId =
  | "standards_technology" | "quality_management" | "supervision_inspection"
  | "rd_renovation" | "core_technology" | "market_adaptability";
/** Id of a secondary node. */
export type SecondaryId = "quality_level" | "development_capability";
/** Any node that can be given a score directly. */
export type NodeId = IndicatorId | TertiaryId | SecondaryId;
/** A figure as a number or as typed by a person ("94%", "９４．５", "1,234.5"); empty = missing. */
export type Figure = number | string | null | undefined;

export interface AssessmentInput {
  values?: Partial<Record<IndicatorId, Figure>>;
  /** Standardized scores (60–100); a node given directly is used instead of its children. */
  scores?: Partial<Record<NodeId, Figure>>;
}
export type Direction = "higher" | "lower";
export type Unit = "percent" | "weighted_percent" | "patents_per_million_cny" | "yi_yuan_per_enterprise";
export type Standardization = "linear" | "exponential";
export interface Text { zh: string; en: string; }
export interface IndicatorResult {
  value: number | null; score: number | null; weight: number; overallWeight: number;
  /** Index points; the contributions add up to the index when every indicator is scored. */
  contribution: number | null;
  source: "value" | "score" | "missing" | "not_applicable";
  clamped: "best" | "worst" | null;
  overridden: boolean;
}
export interface Warning {
  code: "fraction_as_percent" | "value_and_score" | "overridden" | "partial_basis";
  field: string; value: number | null; suggestion: number | null; message: string;
}
export interface Assessment {
  index: number | null;
  band: { id: string; zh: string; en: string } | null;
  secondary: Record<SecondaryId, number | null>;
  tertiary: Record<TertiaryId, number | null>;
  indicators: Record<IndicatorId, IndicatorResult>;
  complete: boolean;
  range: { min: number; max: number } | null;
  missing: IndicatorId[];
  warnings: Warning[];
  methodology: { id: string; version: string; standardization: Standardization; bandScheme: string };
}
/** The stable code of an error, for a page to word it in its own language. */
export type ErrorCode =
  | "unknown_id" | "unknown_key" | "wrong_type" | "not_a_number" | "not_finite" | "negative"
  | "above_maximum" | "below_minimum" | "ambiguous" | "unexpected_percent" | "score_out_of_range"
  | "zero_denominator" | "missing" | "empty" | "parts_exceed_whole" | "weight_range"
  | "weights_sum" | "fixed_parent" | "fixed_unit" | "worst_equals_best"
  | "direction_contradiction" | "span_too_wide" | "no_bands" | "duplicate_id" | "band_order"
  | "band_gap" | "band_coverage" | "provenance_prefix" | "too_large" | "not_an_integer"
  | "unreadable" | "internal" | "many" | "conflict" | "secondary_not_applicable";
/** Numbers and names an error's message is built from, e.g. `{ sum: 1.1 }` or `{ limit: "depth", max: 32 }`. */
export type ErrorParams = Record<string, number | string>;
/** One field error. */
export interface FieldError {
  code: ErrorCode; field: string; value: string | null; params: ErrorParams; message: string;
}
/** What every thrown error carries besides its (English, developer-facing) message. */
export interface MqciError extends Error {
  name: "MqciError"; code: ErrorCode; field: string; value: string | null; params: ErrorParams;
  errors: FieldError[];
}

/** The engine version. */
export function version(): string;
"#;

#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const TS_FULL: &'static str = r#"
export interface IndicatorParams {
  weight: number; overallWeight: number; parent: TertiaryId; worst: number; best: number;
  direction: Direction; unit: Unit; zh: string; en: string; definition: Text;
  /** Each starts with "sourced: " or "assumed: ". */
  provenance: { weight: string; worst: string; best: string };
}
export interface NodeParams { weight: number; parent?: SecondaryId; zh: string; en: string; provenance: string; }
export interface Band { id: string; min: number; max: number; zh: string; en: string; }
export interface Methodology {
  id: string; version: string; standardization: Standardization; bandScheme: string;
  provenance: { structure: string; standardization: string; bands: string; rounding: string };
  indicators: Record<IndicatorId, IndicatorParams>;
  tertiary: Record<TertiaryId, NodeParams>;
  secondary: Record<SecondaryId, NodeParams>;
  bands: Band[];
}
export interface MethodologyOptions { bandScheme?: "2011" | "2009"; standardization?: Standardization; }
export interface RawField { key: string; zh: string; en: string; unit: string; denominator: boolean; }
export interface RawSpec {
  indicator: IndicatorId;
  formula: { kind: "grade_product" } | { kind: "quality_loss" } | { kind: "ratio"; factor: number };
  fields: RawField[];
}
export type RawInput = Partial<Record<IndicatorId, Record<string, Figure>>>;
export type TargetOp = ">=" | "<=" | "=" | "qualitative";
export interface Target {
  metric: string; zh?: string; en?: string; unit?: string; kind?: TargetKind;
  op?: TargetOp; value?: number | null; baseline?: YearValue | null; wording?: string; note?: string;
}
export interface Profile {
  id: string; zh?: string; en?: string; region?: string; issuer?: string; document?: string;
  date?: string; status?: DocStatus; source?: string; url?: string | null;
  period?: Period | null; year?: number | null; note?: string; expired?: boolean; targets: Target[];
}
export interface Metric { id: string; zh: string; en: string; unit: "percent" | "points" | "count"; }
export type TargetStatus = "met" | "not_met" | "no_data" | "qualitative";
export interface TargetResult {
  metric: string; zh: string; en: string; unit: string; kind: TargetKind; op: TargetOp;
  target: number | null; endValue: number | null; actual: number | null; year: number | null;
  status: TargetStatus;
  /** Negative = short of the target. */
  gap: number | null;
  baseline: UsedValue | null; national: UsedValue | null; expected: number | null;
  pace: TargetPace;
  /** Positive = ahead of the path. */
  gapToPath: number | null;
  /** Still needed, ≥ 0. */
  gapToTarget: number | null; requiredAnnual: number | null;
  timeShare: number | null; doneShare: number | null; wording: string;
}
export interface TargetCheck {
  profile: {
    id: string; zh: string; en: string; region: string; year: number | null; period: Period | null;
    document: string; status: DocStatus; source: string; expired: boolean;
  };
  results: TargetResult[];
  summary: { met: number; notMet: number; noData: number; qualitative: number; paces: PaceCounts };
}
/** What every thrown error carries besides its message. */

/** The built-in methodology (every number with its provenance); edit and pass it back to `assess`. */
export function defaultMethodology(options?: MethodologyOptions): Methodology;
/** Validates a host's methodology and returns it completed (derived and optional fields filled in), as `assess` uses it. */
export function readMethodology(methodology: Methodology): Methodology;
/** Computes an assessment. Throws an `MqciError` naming the field and value on bad input. */
export function assess(input: AssessmentInput, methodology?: Methodology | null): Assessment;
/** Raw figures → indicator values, ready to pass as `values` to `assess`. */
export function deriveIndicators(raw: RawInput): Partial<Record<IndicatorId, number>>;
/** The raw-figure fields and formula of each indicator. */
export function rawFields(): RawSpec[];
/** The metric catalogue for target checks. */
export function targetMetrics(): Metric[];
"#;

#[cfg(not(feature = "full"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_LEAN: &'static str = r#"
/** Computes an assessment with the built-in methodology. Throws an `MqciError` naming the field and value on bad input. */
export function assess(input: AssessmentInput): Assessment;
"#;

// ---------------------------------------------------------------------------------------------
// Reading JS values

#[wasm_bindgen]
extern "C" {
    /// `Object.keys(v)`: own enumerable string keys; runs a `Proxy`'s traps.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn js_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// `Reflect.get(v, key)`; runs getters and `Proxy` traps.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn js_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.get(v, index)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn js_get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/js/tape.js")]
extern "C" {
    /// What a value is, in one call ([`kind`]); cannot throw (`typeof`, `===`, a string's
    /// `length`).
    #[wasm_bindgen(js_name = kindOf)]
    fn js_kind(v: &JsValue) -> f64;
    /// What an object is ([`kind`]): `Array.isArray`, an array's `length` and
    /// `Object.prototype.toString.call`, which can throw (a revoked `Proxy`) or run a getter
    /// (`length`, `Symbol.toStringTag`).
    #[wasm_bindgen(js_name = objectKind, catch)]
    fn js_object_kind(v: &JsValue) -> Result<f64, JsValue>;
}

/// The answers of `kindOf` and `objectKind` (src/js/tape.js). `kindOf`: a string's length
/// (≥ 0), or one of the negative kinds below (-6: anything else: a BigInt, a Symbol, a
/// function, `document.all`); `objectKind`: an array's length (≥ 0), [`PLAIN`], [`BAD_LENGTH`]
/// or -3 (any other object: a Date, Map, RegExp, typed array, boxed primitive…). One call
/// answers what took up to ten (`typeof` tests, `Array.isArray`, the tag, its length and copy).
mod kind {
    /// A number.
    pub const NUMBER: i32 = -1;
    /// `false`.
    pub const FALSE: i32 = -2;
    /// `true`.
    pub const TRUE: i32 = -3;
    /// `null` or `undefined`.
    pub const NULL: i32 = -4;
    /// An object (then asked `objectKind`).
    pub const OBJECT: i32 = -5;
    /// A plain object (`Object.prototype.toString` says `[object Object]`).
    pub const PLAIN: i32 = -1;
    /// An array whose `length` is not a whole number ≥ 0 (a `Proxy`'s).
    pub const BAD_LENGTH: i32 = -2;
}

/// Bytes of text read from one argument (2 per UTF-16 unit, keys included): one string of the
/// longest length allowed fits with room to spare; the same long string shared by thousands of
/// fields does not.
const MAX_TEXT_BYTES: usize = 4 * MAX_STRING;

/// One step of a path: an object key or an array index.
enum Step {
    Key(String),
    Index(u32),
}

/// Copies one argument into a [`Value`], within the limits, naming the path of any problem the
/// way the readers do (`values.spot_check_pass_rate`, `profile.targets[1].op`).
struct Walker {
    /// The argument's name (`input`, `methodology`, …): the field of an error about the
    /// argument itself.
    root: &'static str,
    /// Whether paths below the argument start with its name (`profile.targets[0]`) or not
    /// (`values.x`), as its reader writes them.
    prefixed: bool,
    path: Vec<Step>,
    nodes: usize,
    text_bytes: usize,
}

impl Walker {
    fn read(v: &JsValue, root: &'static str, prefixed: bool) -> Result<Value, Error> {
        Walker {
            root,
            prefixed,
            path: Vec::new(),
            nodes: 0,
            text_bytes: 0,
        }
        .value(v)
    }

    /// The current path. It starts with the argument's name when the reader's paths do, and
    /// whenever it would otherwise be empty or start with an index or an empty key.
    fn field(&self) -> String {
        let mut out = String::new();
        let bare = match self.path.first() {
            Some(Step::Key(k)) => !k.is_empty(),
            _ => false,
        };
        if self.prefixed || !bare {
            out.push_str(self.root);
        }
        for step in &self.path {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }

    fn too_large(&self, limit: &'static str, max: usize) -> Error {
        Error::TooLarge {
            field: self.field(),
            limit,
            max: max as u64,
        }
    }

    fn unreadable(&self, exception: &JsValue) -> Error {
        Error::Unreadable {
            field: self.field(),
            value: describe_exception(exception),
        }
    }

    fn value(&mut self, v: &JsValue) -> Result<Value, Error> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.too_large("nodes", MAX_NODES));
        }
        let kind = js_kind(v);
        if kind >= 0.0 {
            return self.text(v, kind).map(Value::String);
        }
        Ok(match kind as i32 {
            kind::NUMBER => Value::Number(v.as_f64().unwrap_or(f64::NAN)),
            kind::FALSE => Value::Bool(false),
            kind::TRUE => Value::Bool(true),
            kind::NULL => Value::Null,
            kind::OBJECT => {
                if self.path.len() >= MAX_DEPTH {
                    return Err(self.too_large("depth", MAX_DEPTH));
                }
                let shape = js_object_kind(v).map_err(|e| self.unreadable(&e))?;
                match shape as i32 {
                    kind::PLAIN => return self.object(v),
                    kind::BAD_LENGTH => {
                        return Err(Error::Unreadable {
                            field: self.field(),
                            value: "an array without a valid length".into(),
                        })
                    }
                    _ if shape >= 0.0 => return self.array(v, shape),
                    _ => Value::Other,
                }
            }
            _ => Value::Other,
        })
    }

    /// A string of `units` UTF-16 units, its length checked before it is copied.
    fn text(&mut self, s: &JsValue, units: f64) -> Result<String, Error> {
        if units > MAX_STRING as f64 {
            return Err(self.too_large("string", MAX_STRING));
        }
        self.text_bytes += 2 * units as usize;
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(self.too_large("bytes", MAX_TEXT_BYTES));
        }
        Ok(s.as_string().unwrap_or_default())
    }

    /// An array (or a `Proxy` of one) of `length` items, its length checked before any item
    /// is read.
    fn array(&mut self, v: &JsValue, length: f64) -> Result<Value, Error> {
        if length > MAX_ARRAY as f64 {
            return Err(self.too_large("array", MAX_ARRAY));
        }
        let length = length as u32;
        let mut items = Vec::with_capacity(length as usize);
        for i in 0..length {
            self.path.push(Step::Index(i));
            let item = js_get_index(v, i).map_err(|e| self.unreadable(&e))?;
            items.push(self.value(&item)?);
            self.path.pop();
        }
        Ok(Value::Array(items))
    }

    /// A plain object: its own enumerable string keys, their number checked before any is read.
    fn object(&mut self, v: &JsValue) -> Result<Value, Error> {
        let keys = js_keys(v).map_err(|e| self.unreadable(&e))?;
        let count = keys.length();
        if count as usize > MAX_KEYS {
            return Err(self.too_large("keys", MAX_KEYS));
        }
        let mut entries = Vec::with_capacity(count as usize);
        for i in 0..count {
            let key = keys.get(i);
            let units = js_kind(&key);
            if units < 0.0 {
                continue; // Object.keys returns strings only
            }
            let name = self.text(&key, units)?;
            self.path.push(Step::Key(name));
            let item = js_get(v, &key).map_err(|e| self.unreadable(&e))?;
            let item = self.value(&item)?;
            if let Some(Step::Key(name)) = self.path.pop() {
                entries.push((name, item));
            }
        }
        Ok(Value::Object(entries))
    }
}

/// A short quote of a JS exception (`"TypeError: Cannot perform 'get' on a proxy that has been
/// revoked"`), read without running anything that could throw again.
fn describe_exception(e: &JsValue) -> String {
    if let Some(s) = e.dyn_ref::<JsString>() {
        return quote(s);
    }
    if let Some(x) = e.as_f64() {
        return crate::number::fmt_num(x);
    }
    if e.is_object() {
        let text = |key: &str| {
            js_get(e, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.dyn_into::<JsString>().ok())
                .map(|s| quote(&s))
                .filter(|s| !s.is_empty())
        };
        return match (text("name"), text("message")) {
            (Some(name), Some(message)) => format!("{name}: {message}"),
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => "an exception".into(),
        };
    }
    "an exception".into()
}

/// At most [`QUOTE_CHARS`] UTF-16 units of `s` (the rest is not copied), then "…".
fn quote(s: &JsString) -> String {
    let limit = QUOTE_CHARS as u32;
    if s.length() <= limit {
        String::from(s)
    } else {
        let mut out = String::from(s.slice(0, limit));
        out.push('…');
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Writing results and errors

fn set(obj: &JsValue, key: &str, value: &JsValue) {
    // Reflect.set on a fresh plain object or Error cannot fail.
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Builds the JS `Error` for an [`Error`].
fn to_js(e: Error) -> JsValue {
    let e = cap_errors(e);
    let err = js_sys::Error::new(&message(&e));
    err.set_name("MqciError");
    describe(&err, &e);
    let list = js_sys::Array::new();
    for item in e.errors() {
        let o = Object::new();
        describe(&o, item);
        set(&o, "message", &JsValue::from_str(&message(item)));
        list.push(&o);
    }
    set(&err, "errors", &list);
    err.into()
}

/// The message of an error, for hosts and the console (the page words errors from `code`,
/// `field`, `value` and `params` itself). The full engine writes the English sentence; the
/// first-result engine only `code: field = value`, which keeps the sentences (and the formatting
/// they need) out of the module that the first result waits for.
fn message(e: &Error) -> String {
    if cfg!(feature = "full") {
        return e.to_string();
    }
    let mut out = String::from(e.code());
    out.push_str(": ");
    out.push_str(e.field());
    if let Some(v) = e.value() {
        out.push_str(" = ");
        out.push_str(v);
    }
    out
}

fn describe(obj: &JsValue, e: &Error) {
    set(obj, "code", &JsValue::from_str(e.code()));
    set(obj, "field", &JsValue::from_str(e.field()));
    let value = e.value().map_or(JsValue::NULL, JsValue::from_str);
    set(obj, "value", &value);
    set(obj, "params", &params_of(e));
}

/// The named numbers and names of an error, as a plain object (`{}` when it has none).
fn params_of(e: &Error) -> JsValue {
    let o = Object::new();
    for (name, param) in e.params() {
        let v = match param {
            Param::Num(x) => JsValue::from_f64(x),
            Param::Text(t) => JsValue::from_str(t),
        };
        set(&o, name, &v);
    }
    o.into()
}

/// At most [`MAX_ERRORS`] errors in all, the last a `too_large` "errors" naming where the cut
/// was ([`Error::from_list`]; the readers already cut there, this holds for any list).
fn cap_errors(e: Error) -> Error {
    match e {
        Error::Many(list) if list.len() > MAX_ERRORS => Error::from_list(list)
            .err()
            .unwrap_or_else(|| Error::Internal {
                field: "input".into(),
                message: "an empty list of errors".into(),
            }),
        other => other,
    }
}

#[wasm_bindgen(module = "/src/js/tape.js")]
extern "C" {
    /// Rebuilds a tape ([`crate::tape`]) as a plain JS value; one crossing per result.
    #[wasm_bindgen(js_name = fromTape)]
    fn from_tape(nums: &[f64], text: &[u8], unchanged: bool) -> JsValue;
}

/// A result as a plain JS object, written as a tape ([`crate::tape`]) and rebuilt in JS: one
/// boundary crossing instead of one per key and value (measured in issue 8: a default `assess`
/// went from ~30 µs to the figure in the README), and no serializer code in the module.
fn to_js_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let tape = crate::tape::to_tape(value).map_err(|e| {
        to_js(Error::Internal {
            field: "result".into(),
            message: e.0,
        })
    })?;
    let unchanged = LAST_TEXT.with_borrow_mut(|last| {
        let same = *last == tape.text;
        if !same {
            *last = tape.text;
        }
        same
    });
    Ok(LAST_TEXT.with_borrow(|text| from_tape(&tape.nums, text.as_bytes(), unchanged)))
}

// ---------------------------------------------------------------------------------------------
// The exports

/// The engine version (crate version).
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Computes an assessment with the built-in methodology (the lean build's only computation).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = assess, skip_typescript)]
pub fn assess_js(input: JsValue) -> Result<JsValue, JsValue> {
    let input = read_input(&input).map_err(to_js)?;
    let result = with_builtin(|m| crate::assess::assess(&input, m)).map_err(to_js)?;
    to_js_value(&result)
}

fn read_input(input: &JsValue) -> Result<crate::assess::Input, Error> {
    crate::assess::Input::from_value(&Walker::read(input, "input", false)?)
}

thread_local! {
    /// The text of the last result tape: when the next is the same (the same kind of result,
    /// as when a visitor types), JS skips decoding it.
    static LAST_TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// The built-in methodology, built once rather than on every `assess`.
    static BUILTIN: crate::Methodology = crate::default_methodology(crate::Options::default());
}

fn with_builtin<R>(f: impl FnOnce(&crate::Methodology) -> R) -> R {
    BUILTIN.with(f)
}

#[cfg(feature = "full")]
pub use full::*;

/// Everything beyond the first result.
#[cfg(feature = "full")]
mod full {
    use wasm_bindgen::prelude::*;

    use super::{read_input, to_js, to_js_value, with_builtin, Walker};
    use crate::error::Error;
    use crate::methodology::builtin::{default_methodology, Options};
    use crate::methodology::Methodology;
    use crate::targets;
    use crate::value::Value;

    /// The methodology passed by a host, validated; `None` (the built-in one) when absent.
    fn methodology_from(value: &JsValue) -> Result<Option<Methodology>, Error> {
        match Walker::read(value, "methodology", false)? {
            Value::Null => Ok(None),
            v => Methodology::from_value(&v).map(Some),
        }
    }

    /// The built-in methodology, optionally with the 2009 band scheme or the exponential
    /// standardization (`{ bandScheme, standardization }`).
    #[wasm_bindgen(js_name = defaultMethodology, skip_typescript)]
    pub fn default_methodology_js(options: JsValue) -> Result<JsValue, JsValue> {
        let options = match Walker::read(&options, "options", true).map_err(to_js)? {
            Value::Null => Options::default(),
            v => Options::from_value(&v).map_err(to_js)?,
        };
        to_js_value(&default_methodology(options))
    }

    /// Validates a methodology and returns it as the engine reads it: derived fields
    /// (`overallWeight`, `parent`) and optional ones (provenance, definitions) filled in, so a
    /// page can display exactly what `assess` uses.
    #[wasm_bindgen(js_name = readMethodology, skip_typescript)]
    pub fn read_methodology_js(methodology: JsValue) -> Result<JsValue, JsValue> {
        let v = Walker::read(&methodology, "methodology", false).map_err(to_js)?;
        let m = Methodology::from_value(&v).map_err(to_js)?;
        to_js_value(&m)
    }

    /// Computes an assessment (see [`crate::assess::assess`]).
    #[wasm_bindgen(js_name = assess, skip_typescript)]
    pub fn assess_js(input: JsValue, methodology: JsValue) -> Result<JsValue, JsValue> {
        let input = read_input(&input).map_err(to_js)?;
        let result = match methodology_from(&methodology).map_err(to_js)? {
            Some(m) => crate::assess::assess(&input, &m),
            None => with_builtin(|m| crate::assess::assess(&input, m)),
        }
        .map_err(to_js)?;
        to_js_value(&result)
    }

    /// Raw figures → indicator values (see [`crate::derive::derive_indicators`]).
    #[wasm_bindgen(js_name = deriveIndicators, skip_typescript)]
    pub fn derive_indicators_js(raw: JsValue) -> Result<JsValue, JsValue> {
        let v = Walker::read(&raw, "raw", true).map_err(to_js)?;
        let raw = crate::derive::raw_input_from_value(&v).map_err(to_js)?;
        let out = crate::derive::derive_indicators(&raw).map_err(to_js)?;
        to_js_value(&out)
    }

    /// The raw-figure fields of every indicator.
    #[wasm_bindgen(js_name = rawFields, skip_typescript)]
    pub fn raw_fields_js() -> Result<JsValue, JsValue> {
        to_js_value(&crate::derive::raw_specs())
    }

    /// The metric catalogue.
    #[wasm_bindgen(js_name = targetMetrics, skip_typescript)]
    pub fn target_metrics_js() -> Result<JsValue, JsValue> {
        to_js_value(&targets::metrics())
    }
}

// ---- issue 10 ----

#[cfg(feature = "full")]
pub use issue10::*;

/// Target profiles, progress on a plan's path and published figures (issue 10; the rules and
/// the data-file schema are in docs/targets.md).
#[cfg(feature = "full")]
mod issue10 {
    use wasm_bindgen::prelude::*;

    use super::{to_js, to_js_value, Walker};
    use crate::targets::{self, FigureFilter, Profile};
    use crate::value::Value;

    #[wasm_bindgen(typescript_custom_section)]
    const TS_ISSUE10: &'static str = r#"
export type TargetKind = "absolute" | "relative_national" | "change" | "count" | "qualitative";
export type TargetPace =
  | "done" | "ahead" | "on_track" | "behind" | "no_baseline" | "no_data" | "qualitative";
export type DocStatus = "正式" | "征求意见稿";
export type ValueOrigin = "plan" | "options" | "actuals" | "figures";
export type FigureScope = "national" | "province" | "city" | "area" | "industry";
export interface YearValue { year: number; value: number; }
export interface Period { start: number; end: number; }
/** A value the check used: its year, and where it came from. */
export interface UsedValue { year: number; value: number; from: ValueOrigin; }
/** An actual figure: a number, a typed string ("94.6%"), or either with its data year. */
export type Actual = Figure | { value: Figure; year?: number | null };
/** Actuals by metric id; `national_<metric>` gives the national value for relative targets. */
export type Actuals = Record<string, Actual>;
export interface CheckOptions {
  /** The review year: the data year of an actual given without one; judges `expired`. */
  asOf?: number | null;
  /** Baselines the plan does not state. */
  baselines?: Record<string, YearValue>;
}
export interface ProfilesOptions { asOf?: number | null; }
export interface PaceCounts {
  done: number; ahead: number; onTrack: number; behind: number;
  noBaseline: number; noData: number; qualitative: number;
}
export interface PublishedFigure {
  metric: string; region: string; scope: FigureScope; industry: string | null;
  /** null where the source does not state it (`note` says so). */
  dataYear: number | null;
  published: string | null; value: number; status: DocStatus; source: string;
  derived: boolean; note: string;
}
export interface FigureFilter {
  metric?: string; region?: string; scope?: FigureScope; industry?: string; dataYear?: number;
}
export interface Benchmarks {
  /** National MQCI by data year (the latest published value of each year). */
  nationalIndex: PublishedFigure[];
  /** National 制造业产品质量合格率 by data year. */
  passRate: PublishedFigure[];
  /** Provinces, cities and areas, every metric. */
  provinces: PublishedFigure[];
  /** Industry indices, by year, highest first. */
  industries: PublishedFigure[];
}

/** Every shipped profile; `expired` when its end year is before `options.asOf` (已到期). */
export function targetProfiles(options?: ProfilesOptions | null): Profile[];
/** Validates a host's profile (JSON text or object) and returns it completed; errors name the field. */
export function readProfile(json: string | Profile): Profile;
/** Checks actual figures against a shipped profile (by id; unknown → `unknown_id` on `profile`) or a host's. */
export function checkTargets(actuals: Actuals | null | undefined, profile: string | Profile, options?: CheckOptions | null): TargetCheck;
/** The published figures (data/figures.json), optionally filtered. */
export function publishedFigures(filter?: FigureFilter | null): PublishedFigure[];
/** The published figures grouped for comparison. */
export function benchmarks(): Benchmarks;
"#;

    /// Every shipped profile, marked `expired` against `options.asOf`.
    #[wasm_bindgen(js_name = targetProfiles, skip_typescript)]
    pub fn target_profiles_js(options: JsValue) -> Result<JsValue, JsValue> {
        let v = Walker::read(&options, "options", true).map_err(to_js)?;
        let as_of = targets::profiles_options(&v).map_err(to_js)?;
        to_js_value(&targets::target_profiles(as_of))
    }

    /// Validates a host's profile given as JSON text or as an object.
    #[wasm_bindgen(js_name = readProfile, skip_typescript)]
    pub fn read_profile_js(json: JsValue) -> Result<JsValue, JsValue> {
        let profile = match Walker::read(&json, "profile", true).map_err(to_js)? {
            Value::String(text) => Profile::from_json(&text),
            v => Profile::from_value(&v),
        }
        .map_err(to_js)?;
        to_js_value(&profile)
    }

    /// Checks actual figures against a profile, with the progress on its path.
    #[wasm_bindgen(js_name = checkTargets, skip_typescript)]
    pub fn check_targets_js(
        actuals: JsValue,
        profile: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let profile = Walker::read(&profile, "profile", true).map_err(to_js)?;
        let actuals = Walker::read(&actuals, "actuals", true).map_err(to_js)?;
        let options = Walker::read(&options, "options", true).map_err(to_js)?;
        let check = targets::check_values(&actuals, &profile, &options).map_err(to_js)?;
        to_js_value(&check)
    }

    /// The published figures matching `filter`.
    #[wasm_bindgen(js_name = publishedFigures, skip_typescript)]
    pub fn published_figures_js(filter: JsValue) -> Result<JsValue, JsValue> {
        let v = Walker::read(&filter, "options", true).map_err(to_js)?;
        let filter = FigureFilter::from_value(&v).map_err(to_js)?;
        to_js_value(&targets::published_figures(&filter))
    }

    /// The published figures grouped for comparison.
    #[wasm_bindgen(js_name = benchmarks, skip_typescript)]
    pub fn benchmarks_js() -> Result<JsValue, JsValue> {
        to_js_value(&targets::benchmarks())
    }
}

// ---- issue 9 ----
// Not applicable (read by the core in `assess`, both builds), what to improve, the plan to a
// target, and the one form of annual figures (full build).

#[wasm_bindgen(typescript_custom_section)]
const TS_ISSUE9: &'static str = r#"
export interface AssessmentInput {
  /** Indicators that do not apply (不适用): left out, their weight shared among their siblings. */
  notApplicable?: IndicatorId[];
}
export interface Assessment {
  /** The indicators marked not applicable, in the published order. */
  notApplicable: IndicatorId[];
}
export interface Warning {
  /** Named numbers for the page's sentence: `{ used: 11, of: 12 }` for "partial_basis"; `{}` otherwise. */
  params: Record<string, number>;
}
"#;

#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const TS_ISSUE9_FULL: &'static str = r#"
export interface Improvement {
  /** Index points gained if this indicator alone reached its best value (on the range's lower end when incomplete). */
  headroom: number;
  /** Index points per one unit of the value near the current value (negative for 质量损失率); null without a value. */
  perUnit: number | null;
}
export interface PlanStep { indicator: IndicatorId; from: number; to: number; gain: number; }
export interface Plan {
  reachable: boolean;
  /** The index after the steps: what `assess` returns for the changed input. */
  index: number;
  target: number;
  /** Fewest indicators, then the smallest total change in fractions of each worst→best span. */
  steps: PlanStep[];
}
export type AnnualUnit = "wan_yuan" | "count" | "batches" | "yes_no";
export interface AnnualField {
  key: string; zh: string; en: string; unit: AnnualUnit; hint: Text;
  group: "output" | "innovation" | "equipment" | "quality" | "inspection" | "certification";
}
export type MqciErrorItem = FieldError;
export interface DerivedFromAnnual {
  values: Partial<Record<IndicatorId, number>>;
  missing: IndicatorId[];
  /** Each bad cell once (field "annual.<key>"); never thrown. */
  errors: MqciErrorItem[];
}
/** Each indicator's headroom and marginal gain. */
export function improvements(input: AssessmentInput, methodology?: Methodology | null): Record<IndicatorId, Improvement>;
/** The fewest indicators to change to reach `target` (60–100); needs a complete assessment. */
export function planToTarget(input: AssessmentInput, target: number | string, methodology?: Methodology | null): Plan;
/** The base figures of the one annual form, in the order of the statistical forms. */
export function annualFields(): AnnualField[];
/** Every indicator the annual figures determine ("1300万元", "5.2亿" understood in money fields). */
export function deriveFromAnnual(annual: Record<string, Figure | boolean>): DerivedFromAnnual;
"#;

#[cfg(feature = "full")]
pub use issue9::*;

#[cfg(feature = "full")]
mod issue9 {
    use wasm_bindgen::prelude::*;

    use super::{read_input, to_js, to_js_value, with_builtin, Walker};
    use crate::error::Error;
    use crate::methodology::Methodology;
    use crate::value::Value;

    /// Runs `f` with the host's methodology, or the built-in one when absent.
    fn with_methodology<R>(
        v: &JsValue,
        f: impl FnOnce(&Methodology) -> Result<R, Error>,
    ) -> Result<R, Error> {
        match Walker::read(v, "methodology", false)? {
            Value::Null => with_builtin(f),
            v => f(&Methodology::from_value(&v)?),
        }
    }

    /// Each indicator's headroom and marginal gain (see [`crate::plan::improvements`]).
    #[wasm_bindgen(js_name = improvements, skip_typescript)]
    pub fn improvements_js(input: JsValue, methodology: JsValue) -> Result<JsValue, JsValue> {
        let input = read_input(&input).map_err(to_js)?;
        let out = with_methodology(&methodology, |m| crate::plan::improvements(&input, m))
            .map_err(to_js)?;
        to_js_value(&out)
    }

    /// The plan to a target index (see [`crate::plan::plan_to_target`]).
    #[wasm_bindgen(js_name = planToTarget, skip_typescript)]
    pub fn plan_to_target_js(
        input: JsValue,
        target: JsValue,
        methodology: JsValue,
    ) -> Result<JsValue, JsValue> {
        let input = read_input(&input).map_err(to_js)?;
        let target = Walker::read(&target, "target", false)
            .and_then(|v| crate::plan::read_target(&v.to_figure()))
            .map_err(to_js)?;
        let plan = with_methodology(&methodology, |m| {
            crate::plan::plan_to_target(&input, target, m)
        })
        .map_err(to_js)?;
        to_js_value(&plan)
    }

    /// The base figures of the annual form.
    #[wasm_bindgen(js_name = annualFields, skip_typescript)]
    pub fn annual_fields_js() -> Result<JsValue, JsValue> {
        to_js_value(&crate::annual::ANNUAL_FIELDS)
    }

    /// Every indicator the annual figures determine; bad cells are listed, not thrown.
    #[wasm_bindgen(js_name = deriveFromAnnual, skip_typescript)]
    pub fn derive_from_annual_js(annual: JsValue) -> Result<JsValue, JsValue> {
        let v = Walker::read(&annual, "annual", true).map_err(to_js)?;
        let annual = crate::annual::annual_from_value(v).map_err(to_js)?;
        to_js_value(&crate::annual::derive_from_annual(&annual))
    }
}
