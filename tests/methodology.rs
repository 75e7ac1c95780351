//! The methodology as data: what `defaultMethodology()` exports is accepted back unchanged,
//! and an edited one is validated with the path of every bad field (issue: "the object
//! `defaultMethodology()` returns, edited, is accepted back").

use mqci::methodology::builtin::{default_methodology, BandScheme, Options};
use mqci::methodology::{Methodology, Standardization};
use mqci::value::Value;

/// JSON (as a host would store it) → the plain value the JS binding produces.
fn value(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(value).collect()),
        serde_json::Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), value(v))).collect())
        }
    }
}

fn exported(options: Options) -> serde_json::Value {
    serde_json::to_value(default_methodology(options)).unwrap()
}

#[test]
fn export_then_import_is_identity() {
    for band_scheme in [BandScheme::Y2011, BandScheme::Y2009] {
        for standardization in [Standardization::Linear, Standardization::Exponential] {
            let options = Options {
                band_scheme,
                standardization,
            };
            let json = exported(options);
            let back = Methodology::from_value(&value(&json)).unwrap();
            assert_eq!(back, default_methodology(options));
        }
    }
}

fn errors_of(json: &serde_json::Value) -> Vec<String> {
    match Methodology::from_value(&value(json)) {
        Ok(_) => vec![],
        Err(e) => e.errors().iter().map(|e| e.field().to_string()).collect(),
    }
}

#[test]
fn edited_fields_are_validated_with_their_paths() {
    let base = exported(Options::default());

    let mut j = base.clone();
    j["indicators"]["quality_loss_rate"]["best"] = serde_json::json!(3.0);
    assert_eq!(errors_of(&j), vec!["indicators.quality_loss_rate.best"]);

    let mut j = base.clone();
    j["indicators"]["quality_loss_rate"]["best"] = serde_json::json!("0.5");
    assert_eq!(
        errors_of(&j),
        vec!["indicators.quality_loss_rate.best"],
        "a string is not a number"
    );

    let mut j = base.clone();
    j["indicators"]["spot_check_pass_rate"]["weight"] = serde_json::json!(0.7);
    assert_eq!(
        errors_of(&j),
        vec!["indicators[parent=supervision_inspection]"]
    );

    let mut j = base.clone();
    j["indicators"]["nonsense"] = j["indicators"]["spot_check_pass_rate"].clone();
    assert_eq!(errors_of(&j), vec!["indicators.nonsense"]);

    let mut j = base.clone();
    j["indicators"]
        .as_object_mut()
        .unwrap()
        .remove("avg_sales_revenue");
    assert_eq!(errors_of(&j), vec!["indicators.avg_sales_revenue"]);

    let mut j = base.clone();
    j["bands"][1]["max"] = serde_json::json!(81);
    assert_eq!(errors_of(&j), vec!["bands[2].min"]);

    let mut j = base.clone();
    j["standardization"] = serde_json::json!("cubic");
    assert_eq!(errors_of(&j), vec!["standardization"]);

    let mut j = base.clone();
    j["tertiary"]["core_technology"]["provenance"] = serde_json::json!("because");
    assert_eq!(errors_of(&j), vec!["tertiary.core_technology.provenance"]);

    let mut j = base.clone();
    j["weigths"] = serde_json::json!({});
    assert_eq!(
        errors_of(&j),
        vec!["weigths"],
        "a typo is named, not ignored"
    );

    // Several problems at once: all reported.
    let mut j = base.clone();
    j["indicators"]["export_sales_share"]["worst"] = serde_json::json!(null);
    j["secondary"]["quality_level"]["weight"] = serde_json::json!(0.6);
    assert_eq!(
        errors_of(&j),
        vec!["indicators.export_sales_share.worst", "secondary"]
    );
}

#[test]
fn host_parameters_change_the_result() {
    let mut j = exported(Options::default());
    j["secondary"]["quality_level"]["weight"] = serde_json::json!(0.6);
    j["secondary"]["development_capability"]["weight"] = serde_json::json!(0.4);
    let m = Methodology::from_value(&value(&j)).unwrap();
    let input = mqci::assess::Input {
        values: Default::default(),
        scores: [("quality_level", 84.76), ("development_capability", 77.21)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), mqci::number::Figure::Number(v)))
            .collect(),
        not_applicable: Vec::new(),
    };
    // 0.6·84.76 + 0.4·77.21 = 81.74
    assert_eq!(mqci::assess::assess(&input, &m).unwrap().index, Some(81.74));
}

/// Each rule a methodology can break has its own code and carries its numbers, so a page can
/// word it in its own language (no English message is needed to explain it).
#[test]
fn rule_errors_are_typed_with_their_numbers() {
    use mqci::error::Param::{Num, Text};
    let base = exported(Options::default());
    let first = |j: &serde_json::Value| {
        let e = Methodology::from_value(&value(j)).unwrap_err();
        let e = e.errors()[0].clone();
        (
            e.code(),
            e.field().to_string(),
            e.value().map(str::to_string),
            e.params(),
        )
    };
    type Want<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Vec<(&'static str, mqci::error::Param)>,
    );
    let cases: Vec<(&str, serde_json::Value, Want)> = vec![
        (
            "/indicators/quality_loss_rate/best",
            serde_json::json!(3.0),
            (
                "worst_equals_best",
                "indicators.quality_loss_rate.best",
                Some("3"),
                vec![("worst", Num(3.0)), ("best", Num(3.0))],
            ),
        ),
        (
            "/indicators/quality_loss_rate/best",
            serde_json::json!(4.0),
            (
                "direction_contradiction",
                "indicators.quality_loss_rate.best",
                Some("4"),
                vec![
                    ("worst", Num(3.0)),
                    ("best", Num(4.0)),
                    ("direction", Text("lower")),
                ],
            ),
        ),
        (
            "/secondary/quality_level/weight",
            serde_json::json!(0.6),
            ("weights_sum", "secondary", None, vec![("sum", Num(1.1))]),
        ),
        (
            "/tertiary/core_technology/weight",
            serde_json::json!(1.5),
            (
                "weight_range",
                "tertiary.core_technology.weight",
                Some("1.5"),
                vec![],
            ),
        ),
        (
            "/indicators/quality_loss_rate/parent",
            serde_json::json!("core_technology"),
            (
                "fixed_parent",
                "indicators.quality_loss_rate.parent",
                Some("core_technology"),
                vec![("expected", Text("quality_management"))],
            ),
        ),
        (
            "/indicators/quality_loss_rate/unit",
            serde_json::json!("yi_yuan_per_enterprise"),
            (
                "fixed_unit",
                "indicators.quality_loss_rate.unit",
                Some("yi_yuan_per_enterprise"),
                vec![("expected", Text("percent"))],
            ),
        ),
        (
            "/bands/1/max",
            serde_json::json!(81),
            (
                "band_gap",
                "bands[2].min",
                Some("80"),
                vec![("previous", Num(81.0))],
            ),
        ),
        (
            "/bands/0/min",
            serde_json::json!(65),
            (
                "band_coverage",
                "bands[0].min",
                Some("65"),
                vec![("bound", Num(60.0))],
            ),
        ),
        (
            "/bands/4/max",
            serde_json::json!(85),
            (
                "band_order",
                "bands[4].max",
                Some("85"),
                vec![("min", Num(90.0)), ("max", Num(85.0))],
            ),
        ),
        (
            "/bands/1/id",
            serde_json::json!("none"),
            ("duplicate_id", "bands[1].id", Some("none"), vec![]),
        ),
        (
            "/bands",
            serde_json::json!([]),
            ("no_bands", "bands", None, vec![]),
        ),
        ("/id", serde_json::json!(" "), ("empty", "id", None, vec![])),
        (
            "/standardization",
            serde_json::json!("cubic"),
            ("unknown_id", "standardization", Some("cubic"), vec![]),
        ),
        (
            "/indicators/avg_sales_revenue/worst",
            serde_json::json!("1"),
            (
                "wrong_type",
                "indicators.avg_sales_revenue.worst",
                None,
                vec![("expected", Text("number")), ("got", Text("string"))],
            ),
        ),
        (
            "/indicators/avg_sales_revenue/best",
            serde_json::json!(1e300),
            (
                "span_too_wide",
                "indicators.avg_sales_revenue.best",
                Some("1e+300"),
                vec![("max", Num(1e15))],
            ),
        ),
    ];
    for (pointer, new, (code, field, val, params)) in cases {
        let mut j = base.clone();
        *j.pointer_mut(pointer).unwrap() = new;
        let want = (code, field.to_string(), val.map(str::to_string), params);
        assert_eq!(first(&j), want, "{pointer}");
    }
    let mut j = base.clone();
    j["weigths"] = serde_json::json!({});
    assert_eq!(
        first(&j),
        (
            "unknown_key",
            "weigths".to_string(),
            Some("weigths".to_string()),
            vec![]
        )
    );
}
