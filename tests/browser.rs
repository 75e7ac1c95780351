//! Browser tier: the JS boundary, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo test --target wasm32-unknown-unknown`, see README). Plain JS objects go in and come
//! out, failures are real `Error` instances carrying `code`/`field`/`value`, and the module keeps
//! working after any error.
#![cfg(all(target_arch = "wasm32", feature = "full"))]

use js_sys::{Object, Reflect, JSON};
use mqci::wasm::{
    assess_js, check_targets_js, default_methodology_js, derive_indicators_js, raw_fields_js,
    read_methodology_js, target_profiles_js, version,
};
use mqci::wasm::{benchmarks_js, published_figures_js, read_profile_js};
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
    // A sparse methodology (no provenance block, no definitions, no derived weights) comes back
    // with the derived weights (and the built-in texts, see below).
    let sparse = JSON::parse(&String::from(JSON::stringify(&m).unwrap())).unwrap();
    Reflect::delete_property(sparse.unchecked_ref::<Object>(), &"provenance".into()).unwrap();
    let indicator = path(&sparse, &["indicators", "grade_product_rate"]);
    for key in ["definition", "overallWeight"] {
        Reflect::delete_property(indicator.unchecked_ref::<Object>(), &key.into()).unwrap();
    }
    let full = read_methodology_js(sparse).unwrap();
    let w = path(
        &full,
        &["indicators", "grade_product_rate", "overallWeight"],
    )
    .as_f64()
    .unwrap();
    assert!((w - 1.0 / 12.0).abs() < 1e-15, "overallWeight {w}");
    let old = default_methodology_js(js(
        r#"{"bandScheme":"2009","standardization":"exponential"}"#,
    ))
    .unwrap();
    assert_eq!(get(&old, "bandScheme").as_string().as_deref(), Some("2009"));
    error_of(default_methodology_js(js(r#"{"bandScheme":"1999"}"#)));
}

/// Issue 8, weak tests: `readMethodology` returned `""` for a missing provenance block or
/// definition; a page shows what it returns, so the completed methodology carries the built-in
/// texts.
#[wasm_bindgen_test]
fn read_methodology_fills_in_the_built_in_texts() {
    let m = default_methodology_js(JsValue::UNDEFINED).unwrap();
    let sparse = JSON::parse(&String::from(JSON::stringify(&m).unwrap())).unwrap();
    Reflect::delete_property(sparse.unchecked_ref::<Object>(), &"provenance".into()).unwrap();
    let indicator = path(&sparse, &["indicators", "grade_product_rate"]);
    Reflect::delete_property(indicator.unchecked_ref::<Object>(), &"definition".into()).unwrap();
    let full = read_methodology_js(sparse).unwrap();
    for key in ["structure", "standardization", "bands", "rounding"] {
        let given = path(&full, &["provenance", key]).as_string().unwrap();
        assert_eq!(
            Some(given.clone()),
            path(&m, &["provenance", key]).as_string(),
            "provenance.{key}"
        );
        assert!(
            given.starts_with("sourced:") || given.starts_with("assumed:"),
            "{given}"
        );
    }
    for lang in ["zh", "en"] {
        let keys = ["indicators", "grade_product_rate", "definition", lang];
        let text = path(&full, &keys).as_string().unwrap();
        assert!(!text.is_empty());
        assert_eq!(Some(text), path(&m, &keys).as_string());
    }
}

#[wasm_bindgen_test]
fn target_checks_through_the_boundary() {
    let r = check_targets_js(
        js(r#"{"mqci":85.21,"manufacturing_pass_rate":"93.65%"}"#),
        "national-2025".into(),
        JsValue::UNDEFINED,
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
    let r = check_targets_js(
        js(r#"{"mqci":94.59}"#),
        "shanghai-2025".into(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let first = js_sys::Array::from(&get(&r, "results")).get(0);
    assert_eq!(
        (
            get(&first, "status").as_string().as_deref(),
            get(&first, "gap").as_f64()
        ),
        (Some("met"), Some(0.59))
    );
    let e = error_of(check_targets_js(
        js("{}"),
        "atlantis-2030".into(),
        JsValue::UNDEFINED,
    ));
    assert!(String::from(e.message()).contains("atlantis-2030"));
    let e = error_of(check_targets_js(
        js("{}"),
        js(r#"{"id":"x","targets":[{"metric":"mqci","op":">>","value":1}]}"#),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("profile.targets[0].op")
    );
    let custom = check_targets_js(
        js(r#"{"mqci":90}"#),
        js(r#"{"id":"mine","targets":[{"metric":"mqci","op":">=","value":90}]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let row = js_sys::Array::from(&get(&custom, "results")).get(0);
    assert_eq!(get(&row, "status").as_string().as_deref(), Some("met"));
    assert_eq!(
        get(&row, "zh").as_string().as_deref(),
        Some("制造业质量竞争力指数")
    );
    assert_eq!(
        js_sys::Array::from(&target_profiles_js(JsValue::UNDEFINED).unwrap()).length(),
        15
    );
}

/// Issue 10 through the boundary: progress, profiles as JSON text, figures (docs/targets.md).
#[wasm_bindgen_test]
fn progress_profiles_and_figures_through_the_boundary() {
    let r = check_targets_js(
        js(r#"{"mqci":{"value":85.86,"year":2024}}"#),
        "national-2025".into(),
        js(r#"{"asOf":2026,"baselines":{"mqci":{"year":2023,"value":85.21}}}"#),
    )
    .unwrap();
    let row = js_sys::Array::from(&get(&r, "results")).get(0);
    assert_eq!(get(&row, "expected").as_f64(), Some(85.61));
    assert_eq!(get(&row, "pace").as_string().as_deref(), Some("ahead"));
    assert_eq!(get(&row, "gapToPath").as_f64(), Some(0.26));
    assert_eq!(get(&row, "gapToTarget").as_f64(), Some(0.14));
    assert_eq!(path(&r, &["profile", "expired"]).as_bool(), Some(true));
    let e = error_of(check_targets_js(
        js("{}"),
        "national-2025".into(),
        js(r#"{"asOf":"2026"}"#),
    ));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("options.asOf")
    );
    let text = r#"{"id":"deyang-2027","period":{"start":2023,"end":2027},"targets":[{"metric":"tianfu_quality_award_new","value":5}]}"#;
    let p = read_profile_js(text.into()).unwrap();
    assert!(path(&p, &["targets"]).is_array());
    let t = js_sys::Array::from(&get(&p, "targets")).get(0);
    assert_eq!(get(&t, "kind").as_string().as_deref(), Some("count"));
    let e = error_of(read_profile_js(
        r#"{"id":"x","targets":[{"metric":"mqci","op":">=","value":"86"}]}"#.into(),
    ));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("profile.targets[0].value")
    );
    let e = error_of(read_profile_js("{".into()));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("unreadable"));
    let all = js_sys::Array::from(&target_profiles_js(js(r#"{"asOf":2026}"#)).unwrap());
    let expired = all
        .iter()
        .filter(|p| get(p, "expired").as_bool() == Some(true))
        .count();
    assert!(expired >= 10);
    let f = js_sys::Array::from(
        &published_figures_js(js(r#"{"metric":"mqci","dataYear":2024,"region":"全国"}"#)).unwrap(),
    );
    assert_eq!(f.length(), 2);
    let b = benchmarks_js().unwrap();
    let national = js_sys::Array::from(&get(&b, "nationalIndex"));
    assert_eq!(
        get(&national.get(national.length() - 1), "value").as_f64(),
        Some(85.86)
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
        code_and_field(&e),
        (
            "zero_denominator".to_string(),
            "raw.export_sales_share.salesRevenue".to_string()
        )
    );
    assert_eq!(js_sys::Array::from(&raw_fields_js().unwrap()).length(), 12);
}

/// Evaluates a JS expression (test inputs that JSON cannot express).
fn eval(expr: &str) -> JsValue {
    js_sys::eval(&format!("({expr})")).expect("test expression is valid")
}

fn known_call_works() {
    let r = assess_js(
        js(r#"{"scores":{"quality_level":84.76,"development_capability":77.21}}"#),
        JsValue::UNDEFINED,
    )
    .expect("the known call still works");
    assert_eq!(get(&r, "index").as_f64(), Some(80.99));
}

fn code_and_field(e: &js_sys::Error) -> (String, String) {
    (
        get(e, "code").as_string().unwrap_or_default(),
        get(e, "field").as_string().unwrap_or_default(),
    )
}

/// Issue 13, "wasm trap": every caller exception used to unwind through wasm frames and leak
/// shadow-stack and externref slots until `RuntimeError: memory access out of bounds`.
#[wasm_bindgen_test]
fn trap_revoked_proxies_2000_times_then_a_normal_call() {
    let revocable = js_sys::Function::new_no_args(
        "const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy;",
    );
    for n in 0..2000 {
        let proxy = revocable.call0(&JsValue::NULL).unwrap();
        let e = error_of(assess_js(proxy, JsValue::UNDEFINED));
        if n == 0 {
            assert_eq!(
                code_and_field(&e),
                ("unreadable".to_string(), "input".to_string())
            );
            assert!(get(&e, "value").as_string().unwrap().contains("revoked"));
        }
    }
    known_call_works();
}

#[wasm_bindgen_test]
fn trap_throwing_getter_5000_times_then_a_normal_call() {
    let input = eval("{ get values() { throw new Error('boom') } }");
    for n in 0..5000 {
        let e = error_of(assess_js(input.clone(), JsValue::UNDEFINED));
        if n == 0 {
            assert_eq!(
                code_and_field(&e),
                ("unreadable".to_string(), "values".to_string())
            );
            assert_eq!(get(&e, "value").as_string().as_deref(), Some("Error: boom"));
        }
    }
    // The same through every argument of every export.
    let getter = eval("{ get x() { throw new TypeError('t') } }");
    let results = [
        assess_js(JsValue::UNDEFINED, getter.clone()),
        read_methodology_js(getter.clone()),
        default_methodology_js(getter.clone()),
        derive_indicators_js(getter.clone()),
        check_targets_js(getter.clone(), "national-2025".into(), JsValue::UNDEFINED),
        check_targets_js(JsValue::UNDEFINED, getter.clone(), JsValue::UNDEFINED),
    ];
    let fields: Vec<_> = results
        .into_iter()
        .map(|r| code_and_field(&error_of(r)))
        .collect();
    // Named as each argument's reader names its fields (`raw.x`, `options.x`, but `x` in a
    // methodology), so that the page finds the field either way.
    let expected = ["x", "x", "options.x", "raw.x", "actuals.x", "profile.x"];
    for ((code, field), want) in fields.iter().zip(expected) {
        assert_eq!((code.as_str(), field.as_str()), ("unreadable", want));
    }
    known_call_works();
}

fn too_large(input: JsValue) -> (String, String, String, f64) {
    let e = error_of(assess_js(input, JsValue::UNDEFINED));
    let params = get(&e, "params");
    let (code, field) = code_and_field(&e);
    (
        code,
        field,
        get(&params, "limit").as_string().unwrap_or_default(),
        get(&params, "max").as_f64().unwrap_or(f64::NAN),
    )
}

/// Issue 13, "endless walk", "exponential walk", "huge sparse array", "16 MB string,
/// 200,000 unknown keys": each refused as `too_large`, naming the limit, its maximum and where.
#[wasm_bindgen_test]
fn limits_are_refused_with_the_limit_and_the_path() {
    let (code, field, limit, max) = too_large(eval(
        "(() => { const o = {}; o.a = o; o.b = o; return { values: o }; })()",
    ));
    assert_eq!(
        (code.as_str(), limit.as_str(), max),
        ("too_large", "depth", 32.0)
    );
    // The argument is level 1, `values` level 2, …: the 33rd nested object is refused.
    assert_eq!(field, format!("values{}", ".a".repeat(31)));

    let (code, _, limit, max) = too_large(eval(
        "(() => { let o = 1; for (let i = 0; i < 20; i++) o = { a: o, b: o }; return { values: o }; })()",
    ));
    assert_eq!(
        (code.as_str(), limit.as_str(), max),
        ("too_large", "nodes", 100_000.0)
    );

    let sparse = too_large(eval("{ values: Object.assign([], { length: 1e7 }) }"));
    assert_eq!(
        sparse,
        (
            "too_large".into(),
            "values".into(),
            "array".into(),
            100_000.0
        )
    );

    let string = too_large(eval("{ values: { quality_loss_rate: 'x'.repeat(16e6) } }"));
    assert_eq!(
        string,
        (
            "too_large".into(),
            "values.quality_loss_rate".into(),
            "string".into(),
            1e6
        )
    );

    let keys = too_large(eval(
        "(() => { const o = {}; for (let i = 0; i < 200000; i++) o['k' + i] = 1; return { values: o }; })()",
    ));
    assert_eq!(
        keys,
        ("too_large".into(), "values".into(), "keys".into(), 10_000.0)
    );

    // One long string shared by many fields: the text budget of one argument.
    let shared = too_large(eval("{ values: Array(100).fill('x'.repeat(999999)) }"));
    assert_eq!(
        shared,
        ("too_large".into(), "values[1]".into(), "bytes".into(), 4e6)
    );

    // 5,000 unknown keys: at most 100 errors in all (CONTRACT §3, `MAX_ERRORS`), the last a
    // too_large "errors" at the first field cut off.
    let e = error_of(assess_js(
        eval("(() => { const o = {}; for (let i = 0; i < 5000; i++) o['k' + i] = 1; return { values: o }; })()"),
        JsValue::UNDEFINED,
    ));
    let errors = js_sys::Array::from(&get(&e, "errors"));
    assert_eq!(errors.length(), 100);
    let last = errors.get(99);
    assert_eq!(get(&last, "code").as_string().as_deref(), Some("too_large"));
    assert_eq!(
        get(&last, "field").as_string().as_deref(),
        Some("values.k99")
    );
    assert_eq!(
        path(&last, &["params", "limit"]).as_string().as_deref(),
        Some("errors")
    );
    known_call_works();
}

/// Issue 13, "a Date/Map/RegExp as a value throws an uncaught TypeError": every kind of JS
/// value a caller or a structured clone can carry is an `MqciError` naming the field.
#[wasm_bindgen_test]
fn every_js_type_is_a_field_error() {
    // Each value, and the type `wrong_type` names it by (`got`): anything that is not a
    // number, string, boolean, null, array or plain object is "other" (CONTRACT §1).
    let kinds = eval(
        "[[new Date(0), 'other'], [new Map(), 'other'], [new Set(), 'other'], [/x/, 'other'], \
         [new ArrayBuffer(8), 'other'], [new Float64Array(2), 'other'], \
         [new Boolean(true), 'other'], [new Number(5), 'other'], [new String('5'), 'other'], \
         [5n, 'other'], [Symbol('s'), 'other'], [() => 1, 'other'], \
         [new Error('e'), 'other'], [Object.assign(Object.create(null), { a: 1 }), 'object'], \
         [{ toString: null }, 'object'], [{ [Symbol.toStringTag]: 'x'.repeat(1e6) }, 'other'], \
         [true, 'boolean']]",
    );
    for (i, pair) in js_sys::Array::from(&kinds).iter().enumerate() {
        let pair = js_sys::Array::from(&pair);
        let (value, got) = (pair.get(0), pair.get(1).as_string().unwrap());
        let what = format!("kinds[{i}]");
        let values = Object::new();
        Reflect::set(&values, &"quality_loss_rate".into(), &value).unwrap();
        let input = Object::new();
        Reflect::set(&input, &"values".into(), &values).unwrap();
        let e = error_of(assess_js(input.into(), JsValue::UNDEFINED));
        assert_eq!(e.name(), "MqciError");
        assert_eq!(
            (
                code_and_field(&e),
                path(&e, &["params", "expected"]).as_string(),
                path(&e, &["params", "got"]).as_string(),
            ),
            (
                (
                    "wrong_type".to_string(),
                    "values.quality_loss_rate".to_string()
                ),
                Some("number".to_string()),
                Some(got.clone()),
            ),
            "{what}"
        );
        if got == "other" {
            // As the whole argument: refused as the wrong type, naming the argument.
            let e = error_of(assess_js(value.clone(), JsValue::UNDEFINED));
            assert_eq!(e.name(), "MqciError");
            assert_eq!(
                (code_and_field(&e), path(&e, &["params", "got"]).as_string()),
                (
                    ("wrong_type".to_string(), "input".to_string()),
                    Some("other".to_string())
                ),
                "{what}"
            );
            let e = error_of(check_targets_js(
                JsValue::UNDEFINED,
                value,
                JsValue::UNDEFINED,
            ));
            assert_eq!(
                code_and_field(&e),
                ("wrong_type".to_string(), "profile".to_string()),
                "{what}"
            );
        }
    }
    known_call_works();
}
