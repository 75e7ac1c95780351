//! The JS binding: the only module that names `wasm_bindgen` and `js_sys`.
//!
//! Data crosses the boundary as plain JS objects through serde DTOs (camelCase), with
//! TypeScript declarations below. Every failure becomes a real JS `Error` (`name` =
//! `"MqciError"`) whose message names the field and quotes the value, with `code`, `field`,
//! `value` and `errors` (all field errors, for a form) as properties. Nothing here panics on
//! input, so the module keeps working after any error.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::methodology::builtin::{default_methodology, Options};
use crate::methodology::Methodology;
use crate::ordered::OrderedMap;
use crate::targets::{self, Profile};
use crate::value::{Reader, Value};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
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
export interface RawField { key: string; zh: string; en: string; unit: string; denominator: boolean; }
export interface RawSpec {
  indicator: IndicatorId;
  formula: { kind: "grade_product" } | { kind: "quality_loss" } | { kind: "ratio"; factor: number };
  fields: RawField[];
}
export type RawInput = Partial<Record<IndicatorId, Record<string, Figure>>>;
export type TargetOp = ">=" | "<=" | "=" | "qualitative";
export interface Target {
  metric: string; zh?: string; en?: string; unit?: string;
  op: TargetOp; value?: number | null; wording?: string;
}
export interface Profile {
  id: string; zh?: string; en?: string; issuer?: string; document?: string; date?: string;
  year?: number | null; source?: string; targets: Target[];
}
export interface Metric { id: string; zh: string; en: string; unit: "percent" | "points" | "count"; }
export type TargetStatus = "met" | "not_met" | "no_data" | "qualitative";
export interface TargetResult {
  metric: string; zh: string; en: string; unit: string; op: TargetOp;
  target: number | null; actual: number | null; status: TargetStatus;
  /** Negative = short of the target. */
  gap: number | null; wording: string;
}
export interface TargetCheck {
  profile: { id: string; zh: string; en: string; year: number | null; document: string; source: string };
  results: TargetResult[];
  summary: { met: number; notMet: number; noData: number; qualitative: number };
}
/** What every thrown error carries besides its message. */
export interface MqciError extends Error {
  name: "MqciError"; code: string; field: string; value: string | null;
  errors: { code: string; field: string; value: string | null; message: string }[];
}

/** The engine version. */
export function version(): string;
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
/** Every shipped target profile, with its source. */
export function targetProfiles(): Profile[];
/** The metric catalogue for target checks. */
export function targetMetrics(): Metric[];
/** Checks actual figures against a shipped profile (by id) or a custom one. */
export function checkTargets(actuals: Record<string, Figure>, profile: string | Profile): TargetCheck;
"#;

/// Builds the JS `Error` for an [`Error`].
fn to_js(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("MqciError");
    let set = |obj: &JsValue, key: &str, value: JsValue| {
        // Reflect.set on a fresh plain object or Error cannot fail.
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &value);
    };
    let describe = |obj: &JsValue, e: &Error| {
        set(obj, "code", JsValue::from_str(e.code()));
        set(obj, "field", JsValue::from_str(e.field()));
        set(
            obj,
            "value",
            e.value().map_or(JsValue::NULL, JsValue::from_str),
        );
    };
    describe(&err, &e);
    let list = js_sys::Array::new();
    for item in e.errors() {
        let o = js_sys::Object::new();
        describe(&o, item);
        set(&o, "message", JsValue::from_str(&item.to_string()));
        list.push(&o);
    }
    set(&err, "errors", list.into());
    err.into()
}

/// Converts a JS value into a plain [`Value`] (numbers, strings, booleans, arrays, plain
/// objects; anything else, such as a function, reads as `null`). Depth is bounded so that a
/// cyclic object cannot overflow the stack.
fn to_value(v: &JsValue, depth: u32) -> Value {
    if let Some(x) = v.as_f64() {
        return Value::Number(x);
    }
    if let Some(s) = v.as_string() {
        return Value::String(s);
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if depth > 32 || is_absent(v) || !v.is_object() {
        return Value::Null;
    }
    if js_sys::Array::is_array(v) {
        let array = js_sys::Array::from(v);
        return Value::Array(
            array
                .iter()
                .map(|item| to_value(&item, depth + 1))
                .collect(),
        );
    }
    let entries = js_sys::Object::entries(&js_sys::Object::from(v.clone()));
    Value::Object(
        entries
            .iter()
            .filter_map(|pair| {
                let pair = js_sys::Array::from(&pair);
                let key = pair.get(0).as_string()?;
                Some((key, to_value(&pair.get(1), depth + 1)))
            })
            .collect(),
    )
}

fn value_of(v: &JsValue) -> Value {
    to_value(v, 0)
}

fn to_js_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            to_js(Error::Internal {
                field: "result".into(),
                message: e.to_string(),
            })
        })
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// The methodology passed by a host, validated; the built-in one when absent.
fn methodology_from(value: &JsValue) -> Result<Methodology, Error> {
    if is_absent(value) {
        return Ok(default_methodology(Options::default()));
    }
    Methodology::from_value(&value_of(value))
}

/// The engine version (crate version).
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The built-in methodology, optionally with the 2009 band scheme or the exponential
/// standardization (`{ bandScheme, standardization }`).
#[wasm_bindgen(js_name = defaultMethodology, skip_typescript)]
pub fn default_methodology_js(options: JsValue) -> Result<JsValue, JsValue> {
    let options = if is_absent(&options) {
        Options::default()
    } else {
        Options::from_value(&value_of(&options)).map_err(to_js)?
    };
    to_js_value(&default_methodology(options))
}

/// Validates a methodology and returns it as the engine reads it: derived fields
/// (`overallWeight`, `parent`) and optional ones (provenance, definitions) filled in, so a page
/// can display exactly what `assess` uses.
#[wasm_bindgen(js_name = readMethodology, skip_typescript)]
pub fn read_methodology_js(methodology: JsValue) -> Result<JsValue, JsValue> {
    let m = Methodology::from_value(&value_of(&methodology)).map_err(to_js)?;
    to_js_value(&m)
}

/// Computes an assessment (see [`crate::assess::assess`]).
#[wasm_bindgen(js_name = assess, skip_typescript)]
pub fn assess_js(input: JsValue, methodology: JsValue) -> Result<JsValue, JsValue> {
    let input = crate::assess::Input::from_value(&value_of(&input)).map_err(to_js)?;
    let m = methodology_from(&methodology).map_err(to_js)?;
    let result = crate::assess::assess(&input, &m).map_err(to_js)?;
    to_js_value(&result)
}

/// Raw figures → indicator values (see [`crate::derive::derive_indicators`]).
#[wasm_bindgen(js_name = deriveIndicators, skip_typescript)]
pub fn derive_indicators_js(raw: JsValue) -> Result<JsValue, JsValue> {
    let raw = crate::derive::raw_input_from_value(&value_of(&raw)).map_err(to_js)?;
    let out = crate::derive::derive_indicators(&raw).map_err(to_js)?;
    to_js_value(&out)
}

/// The raw-figure fields of every indicator.
#[wasm_bindgen(js_name = rawFields, skip_typescript)]
pub fn raw_fields_js() -> Result<JsValue, JsValue> {
    to_js_value(&crate::derive::raw_specs())
}

/// Every shipped target profile.
#[wasm_bindgen(js_name = targetProfiles, skip_typescript)]
pub fn target_profiles_js() -> Result<JsValue, JsValue> {
    to_js_value(&targets::profiles())
}

/// The metric catalogue.
#[wasm_bindgen(js_name = targetMetrics, skip_typescript)]
pub fn target_metrics_js() -> Result<JsValue, JsValue> {
    to_js_value(&targets::metrics())
}

/// Checks actual figures against a profile given by id or as an object.
#[wasm_bindgen(js_name = checkTargets, skip_typescript)]
pub fn check_targets_js(actuals: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let profile = if let Some(id) = profile.as_string() {
        targets::profile_by_id(&id)
    } else if is_absent(&profile) {
        Err(Error::Missing {
            field: "profile".into(),
        })
    } else {
        Profile::from_value(&value_of(&profile))
    }
    .map_err(to_js)?;
    let actuals = if is_absent(&actuals) {
        OrderedMap::new()
    } else {
        Reader::new()
            .read_figures(&value_of(&actuals), "actuals")
            .map_err(to_js)?
    };
    let check = targets::check_targets(&actuals, &profile).map_err(to_js)?;
    to_js_value(&check)
}

// ---- issue 9 ----
// Not applicable (in `assess` above, read by the core), what to improve, the plan to a target,
// and the one form of annual figures. Reading goes through `issue9::read`, the one place that
// names how this module reads a caller's value.

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
export interface MqciErrorItem {
  code: string; field: string; value: string | null; params: Record<string, number | string>; message: string;
}
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

pub use issue9::*;

mod issue9 {
    use wasm_bindgen::prelude::*;

    use super::{to_js, to_js_value};
    use crate::error::Error;
    use crate::methodology::builtin::{default_methodology, Options};
    use crate::methodology::Methodology;
    use crate::value::Value;

    /// A caller's value as a plain [`Value`]; `name` is the argument's name.
    fn read(v: &JsValue, _name: &'static str) -> Result<Value, Error> {
        Ok(super::value_of(v))
    }

    fn methodology(v: &JsValue) -> Result<Methodology, Error> {
        match read(v, "methodology")? {
            Value::Null => Ok(default_methodology(Options::default())),
            v => Methodology::from_value(&v),
        }
    }

    fn input(v: &JsValue) -> Result<crate::assess::Input, Error> {
        crate::assess::Input::from_value(&read(v, "input")?)
    }

    /// Each indicator's headroom and marginal gain (see [`crate::plan::improvements`]).
    #[wasm_bindgen(js_name = improvements, skip_typescript)]
    pub fn improvements_js(input_: JsValue, methodology_: JsValue) -> Result<JsValue, JsValue> {
        let input = input(&input_).map_err(to_js)?;
        let m = methodology(&methodology_).map_err(to_js)?;
        let out = crate::plan::improvements(&input, &m).map_err(to_js)?;
        to_js_value(&out)
    }

    /// The plan to a target index (see [`crate::plan::plan_to_target`]).
    #[wasm_bindgen(js_name = planToTarget, skip_typescript)]
    pub fn plan_to_target_js(
        input_: JsValue,
        target: JsValue,
        methodology_: JsValue,
    ) -> Result<JsValue, JsValue> {
        let input = input(&input_).map_err(to_js)?;
        let target = crate::plan::read_target(&read(&target, "target").map_err(to_js)?.to_figure())
            .map_err(to_js)?;
        let m = methodology(&methodology_).map_err(to_js)?;
        let plan = crate::plan::plan_to_target(&input, target, &m).map_err(to_js)?;
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
        let v = read(&annual, "annual").map_err(to_js)?;
        let annual = crate::annual::annual_from_value(&v).map_err(to_js)?;
        to_js_value(&crate::annual::derive_from_annual(&annual))
    }
}
