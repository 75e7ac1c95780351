//! Regression tests for the engine findings of issue 13 ("survive anything"), one per kind
//! in its table, each named after the kind and using the smallest reproducer.

use mqci::assess::{assess, Input};
use mqci::derive::{derive_indicators, RawInput};
use mqci::error::{Error, Param};
use mqci::methodology::builtin::{default_methodology, Options};
use mqci::methodology::{Methodology, Standardization};
use mqci::model::{Indicator, Tertiary};
use mqci::number::Figure;
use mqci::ordered::OrderedMap;
use mqci::targets::{check_targets, profile_by_id, Profile};
use mqci::value::{Reader, Value};

/// JSON (as a host would send it) → the plain value the JS binding produces.
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

fn figures(pairs: &[(&str, f64)]) -> OrderedMap<String, Figure> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
        .collect()
}

fn values(pairs: &[(&str, f64)]) -> Input {
    Input {
        values: figures(pairs),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    }
}

/// A deterministic stream of numbers in [0, 1) (no dependency, reproducible).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Every indicator at a value drawn from `pick`.
fn all_values(pick: &mut impl FnMut(Indicator) -> f64) -> Input {
    Input {
        values: Indicator::ALL
            .into_iter()
            .map(|i| (i.id().to_string(), Figure::Number(pick(i))))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    }
}

fn assert_sane(input: &Input, m: &Methodology) {
    let a = assess(input, m).unwrap();
    let index = a.index.unwrap();
    assert!((60.0..=100.0).contains(&index), "index {index}");
    for (id, r) in a.indicators.iter() {
        let s = r.score.unwrap();
        assert!((60.0..=100.0).contains(&s), "{id}: score {s}");
    }
}

#[test]
fn nan_index_with_extreme_methodology() {
    // worst 4.2e-299, best 1, exponential: valid, and never NaN.
    let mut j = exported(Options {
        standardization: Standardization::Exponential,
        ..Options::default()
    });
    for i in Indicator::ALL {
        if i != Indicator::QualityLossRate {
            j["indicators"][i.id()]["worst"] = serde_json::json!(4.2e-299);
            j["indicators"][i.id()]["best"] = serde_json::json!(1.0);
        }
    }
    let m = Methodology::from_value(&value(&j)).unwrap();
    let mut rng = Lcg(1);
    for _ in 0..200 {
        let input = all_values(&mut |i| match rng.next() {
            r if r < 0.2 => 0.0,
            r if r < 0.3 => 4.2e-299,
            r if r < 0.4 => 5e-324,
            r => r * i.unit().max_value().min(150.0),
        });
        assert_sane(&input, &m);
    }
}

#[test]
fn nan_indicator_score_with_extreme_methodology() {
    // An absurd value of an indicator without a natural maximum is refused, not scored.
    let e = assess(
        &values(&[("avg_sales_revenue", 1e308)]),
        &default_methodology(Options::default()),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.value(), e.params()),
        (
            "above_maximum",
            Some("1e+308"),
            vec![("max", Param::Num(1e15))]
        )
    );
    // worst −1e308, best 1e308: refused, naming the field and the supported magnitude.
    let mut j = exported(Options::default());
    j["indicators"]["avg_sales_revenue"]["worst"] = serde_json::json!(-1e308);
    j["indicators"]["avg_sales_revenue"]["best"] = serde_json::json!(1e308);
    let e = Methodology::from_value(&value(&j)).unwrap_err();
    let got: Vec<_> = e
        .errors()
        .iter()
        .map(|e| {
            (
                e.code(),
                e.field().to_string(),
                e.value().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "span_too_wide",
                "indicators.avg_sales_revenue.worst".into(),
                Some("-1e+308".into())
            ),
            (
                "span_too_wide",
                "indicators.avg_sales_revenue.best".into(),
                Some("1e+308".into())
            ),
        ]
    );
    assert_eq!(e.errors()[0].params(), vec![("max", Param::Num(1e15))]);
    // At the supported magnitude itself every score stays on the scale.
    j["indicators"]["avg_sales_revenue"]["worst"] = serde_json::json!(-1e15);
    j["indicators"]["avg_sales_revenue"]["best"] = serde_json::json!(1e15);
    let m = Methodology::from_value(&value(&j)).unwrap();
    for x in [0.0, 5e-324, 1.0, 1e15, 1e15 - 1.0] {
        let mut input = values(&[]);
        input
            .values
            .insert("avg_sales_revenue".into(), Figure::Number(x));
        let a = assess(&input, &m).unwrap();
        let s = a
            .indicators
            .get("avg_sales_revenue")
            .unwrap()
            .score
            .unwrap();
        assert!((60.0..=100.0).contains(&s), "{x}: {s}");
    }
}

fn raw(id: &str, pairs: &[(&str, f64)]) -> RawInput {
    [(id.to_string(), figures(pairs))].into_iter().collect()
}

#[test]
fn derive_indicators_returns_infinity() {
    for (numerator, denominator) in [(953903.0, 5e-324), (1e308, 1e-10), (1e300, 1e-300)] {
        let e = derive_indicators(&raw(
            "avg_sales_revenue",
            &[("numerator", numerator), ("denominator", denominator)],
        ))
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("above_maximum", "raw.avg_sales_revenue.numerator"),
            "{numerator} / {denominator}"
        );
        assert_eq!(e.params(), vec![("max", Param::Num(1e15))]);
    }
    // Every ratio indicator with a vanishing denominator: an error, never a non-finite value.
    for i in Indicator::ALL {
        let spec = mqci::derive::raw_spec(i);
        let pairs: Vec<(&str, f64)> = spec
            .fields
            .iter()
            .map(|f| (f.key, if f.denominator { 5e-324 } else { 1e300 }))
            .collect();
        match derive_indicators(&raw(i.id(), &pairs)) {
            Ok(out) => assert!(out.values().all(|v| v.is_finite()), "{}", i.id()),
            Err(e) => assert!(!e.field().is_empty()),
        }
    }
}

#[test]
fn derived_value_above_its_own_maximum() {
    // 优等品 = 工业总产值: exactly 150, which assess accepts, for any total.
    let mut rng = Lcg(7);
    for n in 0..20_000 {
        let total = match n % 3 {
            0 => (rng.next() * 1e6).round() / 100.0,
            1 => rng.next() * 1e9,
            _ => 1.0 + rng.next(),
        };
        if total == 0.0 {
            continue;
        }
        let out = derive_indicators(&raw(
            "grade_product_rate",
            &[("superiorOutput", total), ("totalOutput", total)],
        ))
        .unwrap();
        let v = *out.get("grade_product_rate").unwrap();
        assert_eq!(v, 150.0, "total {total}");
        assess(
            &values(&[("grade_product_rate", v)]),
            &default_methodology(Options::default()),
        )
        .unwrap();
        // Likewise a pass rate of n/n is exactly 100.
        let out = derive_indicators(&raw(
            "spot_check_pass_rate",
            &[("numerator", total), ("denominator", total)],
        ))
        .unwrap();
        assert_eq!(out.get("spot_check_pass_rate"), Some(&100.0));
    }
}

fn custom_profile(json: serde_json::Value) -> mqci::error::Result<Profile> {
    Profile::from_value(&value(&json))
}

#[test]
fn target_gap_overflows() {
    let p = profile_by_id("sichuan-2027").unwrap();
    for (metric, v) in [
        ("mqci", 1e306),
        ("manufacturing_pass_rate", 1e306),
        ("national_inspection_center_new", 1e306),
    ] {
        let e = check_targets(&figures(&[(metric, v)]), &p).unwrap_err();
        assert_eq!(e.code(), "above_maximum", "{metric}");
        assert_eq!(e.value(), Some("1e+306"));
    }
    // A custom target is bounded by its metric's unit as well.
    let e = custom_profile(serde_json::json!({
        "id": "x", "targets": [{ "metric": "mqci", "op": ">=", "value": 1e306 }]
    }))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("above_maximum", "profile.targets[0].value")
    );
    let e = custom_profile(serde_json::json!({
        "id": "x", "targets": [{ "metric": "own", "zh": "自定", "en": "own", "op": "<=", "value": -1e306 }]
    }))
    .unwrap_err();
    assert_eq!(e.code(), "above_maximum");
    // At the bounds the gap is finite.
    let p = custom_profile(serde_json::json!({
        "id": "x", "targets": [{ "metric": "international_standard_led", "op": "<=", "value": 0 }]
    }))
    .unwrap();
    let r = check_targets(&figures(&[("international_standard_led", 1e6)]), &p).unwrap();
    assert_eq!(r.results[0].gap, Some(-1e6));
}

#[test]
fn value_quoted_wrongly_in_the_message() {
    let m = default_methodology(Options::default());
    for (x, quoted) in [
        (1.98e28, "1.98e+28"),
        (1e300, "1e+300"),
        (18446744073709551615.0, "18446744073709552000"),
    ] {
        let input = Input {
            values: OrderedMap::new(),
            scores: figures(&[("quality_level", x)]),
            not_applicable: Vec::new(),
        };
        let e = assess(&input, &m).unwrap_err();
        assert_eq!((e.code(), e.value()), ("score_out_of_range", Some(quoted)));
        assert!(e.to_string().contains(quoted), "{e}");
    }
}

#[test]
fn quote_contradicts_the_message() {
    let e = assess(
        &values(&[("spot_check_pass_rate", -1e-300)]),
        &default_methodology(Options::default()),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.value()), ("negative", Some("-1e-300")));
    let e = derive_indicators(&raw(
        "spot_check_pass_rate",
        &[("numerator", 1.0), ("denominator", -5e-324)],
    ))
    .unwrap_err();
    assert_eq!((e.code(), e.value()), ("negative", Some("-5e-324")));
}

#[test]
fn error_with_no_field() {
    let array = Value::Array(vec![]);
    let fields = [
        Input::from_value(&array).unwrap_err(),
        Methodology::from_value(&array).unwrap_err(),
        mqci::derive::raw_input_from_value(&array).unwrap_err(),
        Reader::named("actuals")
            .read_figures(&array, "actuals")
            .unwrap_err(),
        Profile::from_value(&array).unwrap_err(),
        Options::from_value(&array).unwrap_err(),
    ];
    let got: Vec<_> = fields.iter().map(|e| (e.code(), e.field())).collect();
    assert_eq!(
        got,
        [
            ("wrong_type", "input"),
            ("wrong_type", "methodology"),
            ("wrong_type", "raw"),
            ("wrong_type", "actuals"),
            ("wrong_type", "profile"),
            ("wrong_type", "options"),
        ]
    );
    assert_eq!(
        fields[0].params(),
        vec![
            ("expected", Param::Text("object")),
            ("got", Param::Text("array"))
        ]
    );
}

#[test]
fn empty_provenance_accepted() {
    for bad in ["", "sourced:", "assumed:   ", "because"] {
        let mut j = exported(Options::default());
        j["indicators"]["qms_certification_rate"]["provenance"]["worst"] = serde_json::json!(bad);
        let e = Methodology::from_value(&value(&j)).unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            (
                "provenance_prefix",
                "indicators.qms_certification_rate.provenance.worst",
                Some(bad)
            )
        );
    }
    let mut j = exported(Options::default());
    j["tertiary"]["core_technology"]["provenance"] = serde_json::json!("");
    assert_eq!(
        Methodology::from_value(&value(&j)).unwrap_err().code(),
        "provenance_prefix"
    );
    j["tertiary"]["core_technology"]["provenance"] = serde_json::json!("assumed: x");
    Methodology::from_value(&value(&j)).unwrap();
}

#[test]
fn absurd_counts_accepted() {
    let p = profile_by_id("sichuan-2027").unwrap();
    let e = check_targets(&figures(&[("national_metrology_center_new", 1e308)]), &p).unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        (
            "above_maximum",
            "actuals.national_metrology_center_new",
            Some("1e+308")
        )
    );
    assert_eq!(e.params(), vec![("max", Param::Num(1e6))]);
    let e = check_targets(&figures(&[("national_metrology_center_new", 2.5)]), &p).unwrap_err();
    assert_eq!(e.code(), "not_an_integer");
    let r = check_targets(&figures(&[("national_metrology_center_new", 2.0)]), &p).unwrap();
    assert_eq!(
        r.results
            .iter()
            .find(|r| r.metric == "national_metrology_center_new")
            .unwrap()
            .status,
        mqci::targets::Status::Met
    );
}

#[test]
fn index_differs_from_rounded_shown_secondaries() {
    // The case: 81.31 and 67.30 shown; the index is their mean rounded: 74.31.
    let m = default_methodology(Options::default());
    let input = Input {
        values: OrderedMap::new(),
        scores: figures(&[("quality_level", 81.31), ("development_capability", 67.30)]),
        not_applicable: Vec::new(),
    };
    assert_eq!(assess(&input, &m).unwrap().index, Some(74.31));
    // From indicators: the index is always the rounded weighted sum of the shown secondaries,
    // each secondary that of its shown tertiaries.
    let mut rng = Lcg(3);
    let mut differs_from_exact = 0;
    for _ in 0..5_000 {
        let input = all_values(&mut |i| {
            let p = m.indicator(i).unwrap();
            p.worst + (p.best - p.worst) * rng.next()
        });
        let a = assess(&input, &m).unwrap();
        let sec = |id: &str| a.secondary.get(id).unwrap().unwrap();
        let shown =
            mqci::decimal::round2(0.5 * sec("quality_level") + 0.5 * sec("development_capability"));
        assert_eq!(a.index, Some(shown));
        for s in mqci::model::Secondary::ALL {
            let sum: f64 = s
                .children()
                .iter()
                .map(|t| m.tertiary_weight(*t) * a.tertiary.get(t.id()).unwrap().unwrap())
                .sum();
            assert_eq!(sec(s.id()), mqci::decimal::round2(sum));
        }
        // How often the old rule (rounding the exact sum once) would have shown another index.
        let exact: f64 = Indicator::ALL
            .iter()
            .map(|&i| {
                let p = m.indicator(i).unwrap();
                let x = match input.values.get(i.id()) {
                    Some(Figure::Number(x)) => *x,
                    _ => unreachable!(),
                };
                m.overall_weight(i) * (60.0 + 40.0 * (x - p.worst) / (p.best - p.worst))
            })
            .sum();
        if mqci::decimal::round2(exact) != shown {
            differs_from_exact += 1;
        }
    }
    assert!(
        differs_from_exact > 0,
        "the sweep reaches cases where the rules differ"
    );
}

#[test]
fn zero_weight_node_missing_children_do_not_block_the_index() {
    let mut j = exported(Options::default());
    // 质量水平 rests on 标准与技术水平 alone; 市场适应能力 on 平均产品销售收入 alone.
    j["tertiary"]["standards_technology"]["weight"] = serde_json::json!(1.0);
    j["tertiary"]["quality_management"]["weight"] = serde_json::json!(0.0);
    j["tertiary"]["supervision_inspection"]["weight"] = serde_json::json!(0.0);
    j["indicators"]["avg_sales_revenue"]["weight"] = serde_json::json!(1.0);
    j["indicators"]["export_sales_share"]["weight"] = serde_json::json!(0.0);
    let m = Methodology::from_value(&value(&j)).unwrap();
    let given: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|&i| {
            !matches!(
                i.parent(),
                Tertiary::QualityManagement | Tertiary::SupervisionInspection
            ) && i != Indicator::ExportSalesShare
        })
        .collect();
    let input = Input {
        values: given
            .iter()
            .map(|&i| {
                let p = m.indicator(i).unwrap();
                (i.id().to_string(), Figure::Number(p.best))
            })
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    };
    let a = assess(&input, &m).unwrap();
    assert_eq!(a.index, Some(100.0));
    assert!(a.complete);
    assert_eq!(a.range, None);
    assert!(a.missing.is_empty(), "{:?}", a.missing);
    let sum: f64 = a.indicators.values().filter_map(|r| r.contribution).sum();
    assert_eq!(mqci::decimal::round2(sum), 100.0);
    // With one weighted indicator missing, the range ignores the zero-weight ones.
    let mut partial = input.clone();
    partial.values.remove("avg_sales_revenue");
    let a = assess(&partial, &m).unwrap();
    assert_eq!(a.missing, vec!["avg_sales_revenue".to_string()]);
    let r = a.range.unwrap();
    // 发展能力 = (100 + 100 + x)/3 with x 60..100 → 86.67..100; index (100 + that)/2.
    assert_eq!((r.min, r.max), (93.34, 100.0));
}

#[test]
fn reader_errors_are_bounded() {
    // 200,000 unknown keys: at most MAX_ERRORS reported, the last one saying so.
    let obj = Value::Object(
        (0..200_000)
            .map(|n| (format!("k{n}"), Value::Null))
            .collect(),
    );
    let e = Input::from_value(&obj).unwrap_err();
    let all = e.errors();
    assert_eq!(all.len(), mqci::limits::MAX_ERRORS);
    assert_eq!(all[0].code(), "unknown_key");
    assert_eq!(all.last().unwrap().code(), "too_large");
    // A huge text is quoted by a prefix.
    let e = assess(
        &Input {
            values: [(
                "spot_check_pass_rate".to_string(),
                Figure::Text("x".repeat(100_000)),
            )]
            .into_iter()
            .collect(),
            scores: OrderedMap::new(),
            not_applicable: Vec::new(),
        },
        &default_methodology(Options::default()),
    )
    .unwrap_err();
    assert_eq!(e.code(), "not_a_number");
    assert_eq!(
        e.value().unwrap().chars().count(),
        mqci::limits::QUOTE_CHARS + 1
    );
}

#[test]
fn every_error_names_a_field() {
    fn check(e: &Error) {
        for item in e.errors() {
            assert!(!item.field().is_empty(), "{item:?}");
            assert!(Error::CODES.contains(&item.code()));
        }
    }
    let values_of = |v: Value| Input::from_value(&Value::Object(vec![("values".into(), v)]));
    for v in [
        Value::Null,
        Value::Bool(true),
        Value::Number(1.0),
        Value::String("x".into()),
        Value::Array(vec![Value::Null]),
    ] {
        if let Err(e) = values_of(v.clone()) {
            check(&e);
        }
        if let Err(e) = Methodology::from_value(&v) {
            check(&e);
        }
        if let Err(e) = Profile::from_value(&v) {
            check(&e);
        }
    }
}
