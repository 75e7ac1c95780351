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
    };
    // 0.6·84.76 + 0.4·77.21 = 81.74
    assert_eq!(mqci::assess::assess(&input, &m).unwrap().index, Some(81.74));
}
