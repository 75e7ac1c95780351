//! Browser tier: the JS boundary, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo test --target wasm32-unknown-unknown`, see README). Plain JS objects go in and come
//! out, failures are real `Error` instances carrying `code`/`field`/`value`, and the module keeps
//! working after any error.
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, JSON};
use mqci::wasm::{
    assess_js, check_targets_js, default_methodology_js, derive_indicators_js, raw_fields_js,
    read_methodology_js, target_profiles_js, version,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON is valid")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("object")
}

fn path(v: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(v.clone(), |acc, k| get(&acc, k))
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

fn error_of(r: Result<JsValue, JsValue>) -> js_sys::Error {
    let e = r.expect_err("should fail");
    assert!(e.is_instance_of::<js_sys::Error>(), "a real Error instance");
    e.unchecked_into()
}

#[wasm_bindgen_test]
fn plain_objects_in_and_out() {
    let r = assess_js(
        js(r#"{"scores":{"quality_level":84.76,"development_capability":77.21}}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert!(is_plain_object(&r));
    assert_eq!(get(&r, "index").as_f64(), Some(80.99));
    assert_eq!(
        path(&r, &["band", "id"]).as_string().as_deref(),
        Some("initial")
    );
    assert_eq!(
        path(&r, &["band", "zh"]).as_string().as_deref(),
        Some("初步竞争力")
    );
    assert!(
        is_plain_object(&get(&r, "indicators")),
        "maps arrive as plain objects, not Map"
    );
    assert_eq!(get(&r, "complete").as_bool(), Some(true));
    assert!(get(&r, "range").is_null());
    assert!(js_sys::Array::is_array(&get(&r, "warnings")));
    assert_eq!(
        path(&r, &["methodology", "id"]).as_string().as_deref(),
        Some("mqci-default")
    );
    assert!(!version().is_empty());
}

#[wasm_bindgen_test]
fn typed_strings_are_parsed() {
    let r = assess_js(
        js(r#"{"values":{"spot_check_pass_rate":"９４．５％","avg_sales_revenue":"1,234.5"}}"#),
        JsValue::NULL,
    )
    .unwrap();
    assert_eq!(
        path(&r, &["indicators", "spot_check_pass_rate", "value"]).as_f64(),
        Some(94.5)
    );
    assert_eq!(
        path(&r, &["indicators", "avg_sales_revenue", "score"]).as_f64(),
        Some(100.0)
    );
    assert!(get(&r, "index").is_null());
    assert_eq!(
        path(&r, &["range", "min"])
            .as_f64()
            .map(|x| x < path(&r, &["range", "max"]).as_f64().unwrap()),
        Some(true)
    );
}

#[wasm_bindgen_test]
fn errors_are_error_instances_and_the_module_survives() {
    let e = error_of(assess_js(
        js(r#"{"values":{"spot_check_pass_rate":"abc","x":1}}"#),
        JsValue::UNDEFINED,
    ));
    assert_eq!(e.name(), "MqciError");
    let message = String::from(e.message());
    assert!(
        message.contains("values.spot_check_pass_rate") && message.contains("\"abc\""),
        "{message}"
    );
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("many"));
    let errors = js_sys::Array::from(&get(&e, "errors"));
    assert_eq!(errors.length(), 2);
    assert_eq!(
        get(&errors.get(1), "field").as_string().as_deref(),
        Some("values.x")
    );
    // NaN, Infinity, odd types and odd shapes: errors, never traps.
    let nan = js_sys::Object::new();
    let values = js_sys::Object::new();
    Reflect::set(
        &values,
        &"quality_loss_rate".into(),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    Reflect::set(&nan, &"values".into(), &values).unwrap();
    let e = error_of(assess_js(nan.into(), JsValue::UNDEFINED));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("not_finite"));
    for bad in [
        r#"{"values":{"quality_loss_rate":true}}"#,
        r#"{"valuez":{}}"#,
        r#"[1,2]"#,
        r#""text""#,
        r#"{"scores":{"quality_level":101}}"#,
    ] {
        error_of(assess_js(js(bad), JsValue::UNDEFINED));
    }
    // Still working.
    let r = assess_js(
        js(r#"{"scores":{"quality_level":83.41,"development_capability":76.55}}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&r, "index").as_f64(), Some(79.98));
}

#[wasm_bindgen_test]
fn methodology_round_trips_and_bad_fields_are_named() {
    let m = default_methodology_js(JsValue::UNDEFINED).unwrap();
    assert_eq!(
        path(&m, &["secondary", "quality_level", "weight"]).as_f64(),
        Some(0.5)
    );
    assert!(path(
        &m,
        &["indicators", "quality_loss_rate", "provenance", "worst"]
    )
    .as_string()
    .unwrap()
    .starts_with("assumed:"));
    // Exported, edited, accepted back.
    let edited = JSON::parse(&String::from(JSON::stringify(&m).unwrap())).unwrap();
    Reflect::set(
        &path(&edited, &["indicators", "spot_check_pass_rate"]),
        &"best".into(),
        &JsValue::from_f64(98.0),
    )
    .unwrap();
    let r = assess_js(
        js(r#"{"values":{"spot_check_pass_rate":98}}"#),
        edited.clone(),
    )
    .unwrap();
    assert_eq!(
        path(&r, &["indicators", "spot_check_pass_rate", "score"]).as_f64(),
        Some(100.0)
    );
    // A bad one is refused with the path of the bad field.
    Reflect::set(
        &path(&edited, &["indicators", "quality_loss_rate"]),
        &"best".into(),
        &JsValue::from_f64(3.0),
    )
    .unwrap();
    let e = error_of(assess_js(JsValue::UNDEFINED, edited));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("indicators.quality_loss_rate.best")
    );
    // A sparse methodology (no provenance block, no definitions) comes back completed.
    let sparse = JSON::parse(&String::from(JSON::stringify(&m).unwrap())).unwrap();
    Reflect::delete_property(sparse.unchecked_ref::<Object>(), &"provenance".into()).unwrap();
    let indicator = path(&sparse, &["indicators", "grade_product_rate"]);
    Reflect::delete_property(indicator.unchecked_ref::<Object>(), &"definition".into()).unwrap();
    let full = read_methodology_js(sparse).unwrap();
    assert!(path(&full, &["provenance", "standardization"]).is_string());
    assert!(path(
        &full,
        &["indicators", "grade_product_rate", "definition", "zh"]
    )
    .is_string());
    let w = path(
        &full,
        &["indicators", "grade_product_rate", "overallWeight"],
    )
    .as_f64();
    assert_eq!(w.map(|w| (w * 12.0).round()), Some(1.0));
    let old = default_methodology_js(js(
        r#"{"bandScheme":"2009","standardization":"exponential"}"#,
    ))
    .unwrap();
    assert_eq!(get(&old, "bandScheme").as_string().as_deref(), Some("2009"));
    error_of(default_methodology_js(js(r#"{"bandScheme":"1999"}"#)));
}

#[wasm_bindgen_test]
fn target_checks_through_the_boundary() {
    let r = check_targets_js(
        js(r#"{"mqci":85.21,"manufacturing_pass_rate":"93.65%"}"#),
        "national-2025".into(),
    )
    .unwrap();
    let results = js_sys::Array::from(&get(&r, "results"));
    assert_eq!(
        get(&results.get(0), "status").as_string().as_deref(),
        Some("not_met")
    );
    assert_eq!(get(&results.get(0), "gap").as_f64(), Some(-0.79));
    assert_eq!(get(&results.get(1), "gap").as_f64(), Some(-0.35));
    assert_eq!(path(&r, &["summary", "noData"]).as_f64(), Some(2.0));
    let r = check_targets_js(js(r#"{"mqci":94.59}"#), "shanghai-2025".into()).unwrap();
    let first = js_sys::Array::from(&get(&r, "results")).get(0);
    assert_eq!(
        (
            get(&first, "status").as_string().as_deref(),
            get(&first, "gap").as_f64()
        ),
        (Some("met"), Some(0.59))
    );
    let e = error_of(check_targets_js(js("{}"), "atlantis-2030".into()));
    assert!(String::from(e.message()).contains("atlantis-2030"));
    let e = error_of(check_targets_js(
        js("{}"),
        js(r#"{"id":"x","targets":[{"metric":"mqci","op":">>","value":1}]}"#),
    ));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("profile.targets[0].op")
    );
    let custom = check_targets_js(
        js(r#"{"mqci":90}"#),
        js(r#"{"id":"mine","targets":[{"metric":"mqci","op":">=","value":90}]}"#),
    )
    .unwrap();
    let row = js_sys::Array::from(&get(&custom, "results")).get(0);
    assert_eq!(get(&row, "status").as_string().as_deref(), Some("met"));
    assert_eq!(
        get(&row, "zh").as_string().as_deref(),
        Some("制造业质量竞争力指数")
    );
    assert_eq!(
        js_sys::Array::from(&target_profiles_js().unwrap()).length(),
        8
    );
}

#[wasm_bindgen_test]
fn raw_figures_through_the_boundary() {
    let out = derive_indicators_js(js(r#"{"grade_product_rate":{"superiorOutput":"200","firstClassOutput":500,"qualifiedOutput":250,"totalOutput":"1,000"}}"#)).unwrap();
    assert_eq!(get(&out, "grade_product_rate").as_f64(), Some(92.5));
    let e = error_of(derive_indicators_js(js(
        r#"{"export_sales_share":{"numerator":5,"salesRevenue":0}}"#,
    )));
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("zero_denominator")
    );
    assert_eq!(js_sys::Array::from(&raw_fields_js().unwrap()).length(), 12);
}
