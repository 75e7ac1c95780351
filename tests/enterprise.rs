//! Issue 9, the enterprise self-assessment: indicators that do not apply, the one form of
//! annual figures, what to improve and the plan to a target. Every expected value is worked
//! out by hand in the comment beside it (default methodology: indicator weights 1/2 in their
//! tertiary, tertiary weights 1/3 in their secondary, secondary weights 1/2; docs/methodology.md §3).

use mqci::assess::{assess, Input, Source, WarningCode};
use mqci::methodology::builtin::{default_methodology, Options};
use mqci::methodology::Methodology;
use mqci::model::{Indicator, Secondary, Tertiary};
use mqci::number::{round2, Figure};
use mqci::ordered::OrderedMap;

fn m() -> Methodology {
    default_methodology(Options::default())
}

/// Indicator scores given directly, so that the arithmetic below is on round numbers.
fn scored(pairs: &[(&str, f64)], na: &[&str]) -> Input {
    Input {
        values: OrderedMap::new(),
        scores: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
            .collect(),
        not_applicable: na.iter().map(|s| s.to_string()).collect(),
    }
}

/// Scores of the eleven indicators other than 出口商品检验合格率:
/// standards_technology = (80 + 70)/2 = 75; quality_management = (90 + 60)/2 = 75;
/// rd_renovation = (70 + 80)/2 = 75; core_technology = (66 + 74)/2 = 70;
/// market_adaptability = (90 + 60)/2 = 75.
const ELEVEN: [(&str, f64); 11] = [
    ("grade_product_rate", 80.0),
    ("microelectronic_equipment_share", 70.0),
    ("qms_certification_rate", 90.0),
    ("quality_loss_rate", 60.0),
    ("spot_check_pass_rate", 84.0),
    ("rd_expenditure_share", 70.0),
    ("renovation_expenditure_share", 80.0),
    ("patents_per_million_output", 66.0),
    ("new_product_sales_share", 74.0),
    ("avg_sales_revenue", 90.0),
    ("export_sales_share", 60.0),
];

fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

#[test]
fn one_indicator_not_applicable_gives_its_weight_to_its_sibling() {
    let a = assess(&scored(&ELEVEN, &["export_inspection_pass_rate"]), &m()).unwrap();
    // supervision_inspection = 1·84 (the sibling takes the whole tertiary) = 84.
    // quality_level = (75 + 75 + 84)/3 = 78; development_capability = (75 + 70 + 75)/3 =
    // 73.333… → 73.33; index = (78 + 73.33)/2 = 75.665 → 75.67 (half-up).
    assert_eq!(a.tertiary.get("supervision_inspection"), Some(&Some(84.0)));
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(78.0)));
    assert_eq!(
        a.secondary.get("development_capability"),
        Some(&Some(73.33))
    );
    assert_eq!(a.index, Some(75.67));
    assert!(a.complete && a.range.is_none() && a.missing.is_empty());
    assert_eq!(a.not_applicable, vec!["export_inspection_pass_rate"]);
    let na = a.indicators.get("export_inspection_pass_rate").unwrap();
    assert_eq!(na.source, Source::NotApplicable);
    assert_eq!((na.value, na.score, na.contribution), (None, None, None));
    assert_eq!((na.weight, na.overall_weight), (0.0, 0.0));
    let spot = a.indicators.get("spot_check_pass_rate").unwrap();
    // weight 1 in its tertiary; in the index 1 · 1/3 · 1/2 = 1/6.
    assert_eq!(spot.weight, 1.0);
    assert!((spot.overall_weight - 1.0 / 6.0).abs() < 1e-15);
    // 84/6 = 14 index points.
    assert_eq!(spot.contribution, Some(14.0));
    // The contributions add up to the index, 75.67 = 7567 cents.
    let sum: i64 = a
        .indicators
        .values()
        .filter_map(|r| r.contribution)
        .map(cents)
        .sum();
    assert_eq!(sum, 7567);
    // The warning: the index rests on 11 of 12 indicators.
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::PartialBasis)
        .unwrap();
    assert_eq!(w.field, "notApplicable");
    assert_eq!(w.params.0, vec![("used", 11.0), ("of", 12.0)]);
    // Unmarked, the same input has no index but today's range: with the export rate at 60,
    // supervision = (84 + 60)/2 = 72, quality_level = (75 + 75 + 72)/3 = 74, index = (74 +
    // 73.33)/2 = 73.665 → 73.67; at 100: supervision 92, quality_level 242/3 = 80.67, index
    // (80.67 + 73.33)/2 = 77.
    let a = assess(&scored(&ELEVEN, &[]), &m()).unwrap();
    assert_eq!(a.index, None);
    let r = a.range.unwrap();
    assert_eq!((r.min, r.max), (73.67, 77.0));
    assert_eq!(a.missing, vec!["export_inspection_pass_rate"]);
    assert!(a.not_applicable.is_empty());
}

#[test]
fn a_whole_tertiary_not_applicable_gives_its_weight_to_the_other_tertiaries() {
    let without: Vec<(&str, f64)> = ELEVEN
        .iter()
        .copied()
        .filter(|(k, _)| *k != "spot_check_pass_rate")
        .collect();
    let a = assess(
        &scored(
            &without,
            &["spot_check_pass_rate", "export_inspection_pass_rate"],
        ),
        &m(),
    )
    .unwrap();
    // quality_level = (1/3·75 + 1/3·75) / (2/3) = 75 (each remaining tertiary weighs 1/2);
    // index = (75 + 73.33)/2 = 74.165 → 74.17.
    assert_eq!(a.tertiary.get("supervision_inspection"), Some(&None));
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(75.0)));
    assert_eq!(a.index, Some(74.17));
    // grade_product_rate now weighs 1/2 · 1/2 · 1/2 = 1/8 of the index.
    let g = a.indicators.get("grade_product_rate").unwrap();
    assert_eq!((g.weight, g.overall_weight), (0.5, 0.125));
    // 80/8 = 10 index points; the sum of all contributions is the index.
    assert_eq!(g.contribution, Some(10.0));
    let sum: i64 = a
        .indicators
        .values()
        .filter_map(|r| r.contribution)
        .map(cents)
        .sum();
    assert_eq!(sum, 7417);
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::PartialBasis)
        .unwrap();
    assert_eq!(w.params.0, vec![("used", 10.0), ("of", 12.0)]);
}

#[test]
fn weights_are_shared_in_proportion_to_the_siblings_weights() {
    // quality_level's tertiaries weigh 0.5 / 0.3 / 0.2 in this methodology.
    let mut m = m();
    for (t, w) in [
        (Tertiary::StandardsTechnology, 0.5),
        (Tertiary::QualityManagement, 0.3),
        (Tertiary::SupervisionInspection, 0.2),
    ] {
        m.tertiary.get_mut(&t).unwrap().weight = w;
    }
    m.fill_derived();
    m.validate().unwrap();
    let scores = [
        ("grade_product_rate", 80.0),
        ("microelectronic_equipment_share", 80.0),
        ("spot_check_pass_rate", 84.0),
        ("export_inspection_pass_rate", 84.0),
    ];
    // quality_management left out (0.3): standards takes 0.5/0.7 = 5/7, supervision 0.2/0.7 =
    // 2/7; quality_level = 5/7·80 + 2/7·84 = 568/7 = 81.142857… → 81.14.
    let a = assess(
        &scored(&scores, &["qms_certification_rate", "quality_loss_rate"]),
        &m,
    )
    .unwrap();
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(81.14)));
    // grade_product_rate: 1/2 · 5/7 · 1/2 = 5/28 of the index.
    let g = a.indicators.get("grade_product_rate").unwrap();
    assert!((g.overall_weight - 5.0 / 28.0).abs() < 1e-15);
    // The other secondary is unknown: the index is a range.
    assert_eq!(a.index, None);
    // Min: development_capability 60 → (81.14 + 60)/2 = 70.57; max (81.14 + 100)/2 = 90.57.
    let r = a.range.unwrap();
    assert_eq!((r.min, r.max), (70.57, 90.57));
}

#[test]
fn range_still_works_for_other_missing_indicators() {
    let given: Vec<(&str, f64)> = ELEVEN
        .iter()
        .copied()
        .filter(|(k, _)| *k != "avg_sales_revenue")
        .collect();
    let a = assess(&scored(&given, &["export_inspection_pass_rate"]), &m()).unwrap();
    // market_adaptability = (avg + 60)/2 ∈ [60, 80]; development_capability ∈
    // [(75 + 70 + 60)/3, (75 + 70 + 80)/3] = [68.333… → 68.33, 75]; index ∈
    // [(78 + 68.33)/2 = 73.165 → 73.17, (78 + 75)/2 = 76.5].
    assert_eq!(a.index, None);
    let r = a.range.unwrap();
    assert_eq!((r.min, r.max), (73.17, 76.5));
    assert_eq!(a.missing, vec!["avg_sales_revenue"]);
    assert_eq!(a.not_applicable, vec!["export_inspection_pass_rate"]);
}

#[test]
fn the_rounding_rule_holds_in_the_effective_tree() {
    // Values (not scores), so the indicator scores carry decimals: each shown score must be
    // round2 of the weighted sum of the shown scores one level below, with the weights in
    // effect. Left out: 出口商品检验合格率 and the whole 核心技术能力 tertiary.
    let values = [
        ("grade_product_rate", 97.3),
        ("microelectronic_equipment_share", 41.7),
        ("qms_certification_rate", 100.0),
        ("quality_loss_rate", 1.37),
        ("spot_check_pass_rate", 93.1),
        ("rd_expenditure_share", 1.93),
        ("renovation_expenditure_share", 0.47),
        ("avg_sales_revenue", 1.3),
        ("export_sales_share", 7.7),
    ];
    let input = Input {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: vec![
            "export_inspection_pass_rate".into(),
            "patents_per_million_output".into(),
            "new_product_sales_share".into(),
        ],
    };
    let a = assess(&input, &m()).unwrap();
    let score = |i: Indicator| a.indicators.get(i.id()).unwrap().score.unwrap();
    // grade: 60 + 40·(97.3−50)/70 = 87.028… → 87.03; micro: 60 + 40·11.7/50 = 69.36;
    // qms 100 (clamped at best); loss: 60 + 40·(3−1.37)/2.5 = 86.08; spot: 60 + 40·13.1/19 =
    // 87.578… → 87.58; rd: 60 + 40·1.43/2.5 = 82.88; renovation: 60 + 40·0.37/0.9 = 76.444…
    // → 76.44; avg: 60 + 40·1.1/9.8 = 64.489… → 64.49; export sales: 60 + 40·5.7/28 =
    // 68.142… → 68.14.
    let want = [
        (Indicator::GradeProductRate, 87.03),
        (Indicator::MicroelectronicEquipmentShare, 69.36),
        (Indicator::QmsCertificationRate, 100.0),
        (Indicator::QualityLossRate, 86.08),
        (Indicator::SpotCheckPassRate, 87.58),
        (Indicator::RdExpenditureShare, 82.88),
        (Indicator::RenovationExpenditureShare, 76.44),
        (Indicator::AvgSalesRevenue, 64.49),
        (Indicator::ExportSalesShare, 68.14),
    ];
    for (i, s) in want {
        assert_eq!(score(i), s, "{}", i.id());
    }
    let ter = |t: &str| a.tertiary.get(t).copied().flatten();
    // standards (87.03 + 69.36)/2 = 78.195 → 78.2; management (100 + 86.08)/2 = 93.04;
    // supervision 87.58 alone; rd (82.88 + 76.44)/2 = 79.66; core left out; market
    // (64.49 + 68.14)/2 = 66.315 → 66.32.
    assert_eq!(ter("standards_technology"), Some(78.2));
    assert_eq!(ter("quality_management"), Some(93.04));
    assert_eq!(ter("supervision_inspection"), Some(87.58));
    assert_eq!(ter("rd_renovation"), Some(79.66));
    assert_eq!(ter("core_technology"), None);
    assert_eq!(ter("market_adaptability"), Some(66.32));
    // quality_level (78.2 + 93.04 + 87.58)/3 = 86.273… → 86.27; development_capability
    // (79.66 + 66.32)/2 = 72.99; index (86.27 + 72.99)/2 = 79.63.
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(86.27)));
    assert_eq!(
        a.secondary.get("development_capability"),
        Some(&Some(72.99))
    );
    assert_eq!(a.index, Some(79.63));
    // The same rule checked generally, with the weights the result reports.
    for t in Tertiary::ALL {
        let Some(shown) = ter(t.id()) else { continue };
        let sum: f64 = t
            .children()
            .iter()
            .filter(|i| a.indicators.get(i.id()).unwrap().weight != 0.0)
            .map(|i| a.indicators.get(i.id()).unwrap().weight * score(*i))
            .sum();
        assert_eq!(shown, round2(sum), "{}", t.id());
    }
    let sum: i64 = a
        .indicators
        .values()
        .filter_map(|r| r.contribution)
        .map(cents)
        .sum();
    assert_eq!(sum, 7963, "contributions add up to the index");
}

#[test]
fn not_applicable_errors() {
    let m = m();
    // Given and not applicable: conflict, naming the entry and the id.
    let mut input = scored(&[("spot_check_pass_rate", 90.0)], &[]);
    input.values.insert(
        "export_inspection_pass_rate".into(),
        Figure::Text("99.9".into()),
    );
    input.not_applicable = vec![
        "rd_expenditure_share".into(),
        "export_inspection_pass_rate".into(),
    ];
    let e = assess(&input, &m).unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        (
            "conflict",
            "notApplicable[1]",
            Some("export_inspection_pass_rate")
        )
    );
    let e = assess(
        &scored(&[("spot_check_pass_rate", 90.0)], &["spot_check_pass_rate"]),
        &m,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", "notApplicable[0]"));
    // An empty field is not "given".
    let mut input = scored(&[], &["export_inspection_pass_rate"]);
    input.values.insert(
        "export_inspection_pass_rate".into(),
        Figure::Text(" ".into()),
    );
    assert!(assess(&input, &m).is_ok());
    // Unknown and duplicate ids; a node id is not an indicator id.
    let e = assess(&scored(&[], &["quality_level"]), &m).unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        ("unknown_id", "notApplicable[0]", Some("quality_level"))
    );
    let e = assess(
        &scored(&[], &["quality_loss_rate", "quality_loss_rate"]),
        &m,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        (
            "duplicate_id",
            "notApplicable[1]",
            Some("quality_loss_rate")
        )
    );
    // A whole secondary cannot be left out.
    let all_quality: Vec<&str> = Secondary::QualityLevel
        .children()
        .iter()
        .flat_map(|t| t.children())
        .map(|i| i.id())
        .collect();
    let e = assess(&scored(&[], &all_quality), &m).unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.params()),
        (
            "secondary_not_applicable",
            "notApplicable",
            vec![("secondary", mqci::error::Param::Text("quality_level"))]
        )
    );
    // … unless its score is given: then the score is used.
    let mut input = scored(&[("quality_level", 80.0)], &all_quality);
    input
        .scores
        .insert("development_capability".into(), Figure::Number(70.0));
    assert_eq!(assess(&input, &m).unwrap().index, Some(75.0));
}

#[test]
fn not_applicable_is_read_from_a_plain_value() {
    use mqci::value::Value;
    let v = Value::Object(vec![(
        "notApplicable".into(),
        Value::Array(vec![
            Value::String("export_inspection_pass_rate".into()),
            Value::Number(3.0),
        ]),
    )]);
    let e = Input::from_value(&v).unwrap_err();
    assert_eq!((e.code(), e.field()), ("wrong_type", "notApplicable[1]"));
    let v = Value::Object(vec![("notApplicable".into(), Value::String("x".into()))]);
    let e = Input::from_value(&v).unwrap_err();
    assert_eq!((e.code(), e.field()), ("wrong_type", "notApplicable"));
    let v = Value::Object(vec![(
        "notApplicable".into(),
        Value::Array(vec![Value::String("export_inspection_pass_rate".into())]),
    )]);
    assert_eq!(
        Input::from_value(&v).unwrap().not_applicable,
        vec!["export_inspection_pass_rate"]
    );
}

// ---- The one form of annual figures ----

use mqci::annual::{annual_from_value, derive_from_annual, ANNUAL_FIELDS};
use mqci::value::Value;

fn text(s: &str) -> Value {
    Value::String(s.into())
}

#[test]
fn the_form_lists_each_base_figure_once_in_the_order_of_the_statistical_forms() {
    let keys: Vec<&str> = ANNUAL_FIELDS.iter().map(|f| f.key).collect();
    assert_eq!(
        keys,
        vec![
            "totalOutput",
            "exportDelivery",
            "salesRevenue",
            "rdExpenditure",
            "renovationExpenditure",
            "newProductSales",
            "patents",
            "equipmentValue",
            "microelectronicEquipmentValue",
            "superiorOutput",
            "firstClassOutput",
            "qualifiedOutput",
            "internalLoss",
            "externalLoss",
            "spotCheckBatches",
            "spotCheckPassed",
            "exportInspectionBatches",
            "exportInspectionPassed",
            "qmsCertified",
        ]
    );
    for f in &ANNUAL_FIELDS {
        assert!(!f.hint.zh.is_empty() && !f.hint.en.is_empty(), "{}", f.key);
    }
    let sales = ANNUAL_FIELDS
        .iter()
        .find(|f| f.key == "salesRevenue")
        .unwrap();
    assert!(sales.zh.contains("营业收入") && sales.hint.zh.contains("一套表"));
    let json = serde_json::to_value(ANNUAL_FIELDS[0]).unwrap();
    assert_eq!(json["unit"], "wan_yuan");
    assert_eq!(
        json["hint"]["en"].as_str().map(|s| !s.is_empty()),
        Some(true)
    );
}

/// The quality manager's figures, typed as she would (with units), export inspection left
/// out as not applicable.
fn chengdu() -> Vec<(String, Value)> {
    [
        ("totalOutput", text("5亿")),
        ("exportDelivery", text("4800万元")),
        ("salesRevenue", text("4.8 亿元")),
        ("rdExpenditure", text("1296")),
        ("renovationExpenditure", Value::Number(240.0)),
        ("newProductSales", text("9,600万")),
        ("patents", text("6")),
        ("equipmentValue", text("8000")),
        ("microelectronicEquipmentValue", text("3400")),
        ("superiorOutput", text("1亿")),
        ("firstClassOutput", text("30000")),
        ("qualifiedOutput", text("9000")),
        ("internalLoss", text("400")),
        ("externalLoss", text("200")),
        ("spotCheckBatches", text("12")),
        ("spotCheckPassed", text("11")),
        ("qmsCertified", Value::Bool(true)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[test]
fn all_indicators_are_derived_from_the_one_form() {
    let annual = annual_from_value(Value::Object(chengdu())).unwrap();
    let d = derive_from_annual(&annual);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    let v = |id: &str| *d.values.get(id).unwrap();
    // 工业总产值 5亿 = 50 000 万元; 营业收入 4.8 亿元 = 48 000 万元.
    // grade: (1.5·10 000 + 30 000 + 0.5·9 000) / 50 000 × 100 = 49 500 / 500 = 99.
    assert_eq!(v("grade_product_rate"), 99.0);
    // micro: 3 400 / 8 000 × 100 = 42.5.
    assert_eq!(v("microelectronic_equipment_share"), 42.5);
    // certified: 100.
    assert_eq!(v("qms_certification_rate"), 100.0);
    // loss: (400 + 200) / 50 000 × 100 = 1.2.
    assert_eq!(v("quality_loss_rate"), 1.2);
    // spot: 11 / 12 × 100 = 91.666… (15 significant digits).
    assert_eq!(v("spot_check_pass_rate"), 91.6666666666667);
    // R&D 1 296 / 48 000 × 100 = 2.7; renovation 240 / 48 000 × 100 = 0.5; new products
    // 9 600 / 48 000 × 100 = 20; export 4 800 / 48 000 × 100 = 10.
    assert_eq!(v("rd_expenditure_share"), 2.7);
    assert_eq!(v("renovation_expenditure_share"), 0.5);
    assert_eq!(v("new_product_sales_share"), 20.0);
    assert_eq!(v("export_sales_share"), 10.0);
    // patents: 6 / (50 000 万元 = 500 百万元) = 0.012.
    assert_eq!(v("patents_per_million_output"), 0.012);
    // average sales revenue of one enterprise: 48 000 万元 = 4.8 亿元.
    assert_eq!(v("avg_sales_revenue"), 4.8);
    assert_eq!(d.missing, vec!["export_inspection_pass_rate"]);

    // And the score, with 出口商品检验 not applicable. Indicator scores (linear, default scales):
    // grade 60 + 40·49/70 = 88; micro 60 + 40·12.5/50 = 70; qms 100; loss 60 + 40·1.8/2.5 =
    // 88.8; spot 60 + 40·11.666…/19 = 84.561… → 84.56; rd 60 + 40·2.2/2.5 = 95.2;
    // renovation 60 + 40·0.4/0.9 = 77.777… → 77.78; patents 60 + 40·0.011/0.019 = 83.157… →
    // 83.16; new 60 + 40·15/30 = 80; avg 60 + 40·4.6/9.8 = 78.775… → 78.78; export sales
    // 60 + 40·8/28 = 71.428… → 71.43.
    // Tertiaries: (88 + 70)/2 = 79; (100 + 88.8)/2 = 94.4; 84.56 alone; (95.2 + 77.78)/2 =
    // 86.49; (83.16 + 80)/2 = 81.58; (78.78 + 71.43)/2 = 75.105 → 75.11.
    // quality_level (79 + 94.4 + 84.56)/3 = 85.986… → 85.99; development_capability
    // (86.49 + 81.58 + 75.11)/3 = 81.06; index (85.99 + 81.06)/2 = 83.525 → 83.53.
    let input = Input {
        values: d
            .values
            .iter()
            .map(|(k, v)| (k.clone(), Figure::Number(*v)))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: d.missing.clone(),
    };
    let a = assess(&input, &m()).unwrap();
    assert_eq!(a.tertiary.get("market_adaptability"), Some(&Some(75.11)));
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(85.99)));
    assert_eq!(
        a.secondary.get("development_capability"),
        Some(&Some(81.06))
    );
    assert_eq!(a.index, Some(83.53));
}

#[test]
fn a_corrected_figure_changes_every_indicator_that_uses_it() {
    // 工业总产值 feeds three indicators; corrected from 5亿 to 6亿 (60 000 万元) all three follow.
    let mut figures = chengdu();
    figures[0].1 = text("6亿");
    let d = derive_from_annual(&annual_from_value(Value::Object(figures)).unwrap());
    // grade 49 500 / 600 = 82.5; loss 600 / 60 000 × 100 = 1; patents 6 / 600 = 0.01.
    assert_eq!(d.values.get("grade_product_rate"), Some(&82.5));
    assert_eq!(d.values.get("quality_loss_rate"), Some(&1.0));
    assert_eq!(d.values.get("patents_per_million_output"), Some(&0.01));
}

#[test]
fn bad_cells_are_listed_never_thrown() {
    let annual = annual_from_value(Value::Object(vec![
        ("totalOutput".into(), text("1,5亿")),
        ("spotCheckBatches".into(), text("10")),
        ("spotCheckPassed".into(), text("12")),
        ("salesRevenue".into(), text("-5")),
        ("rdExpenditure".into(), text("30")),
        ("patents".into(), text("2.5")),
        ("equipmentValue".into(), text("100")),
        ("microelectronicEquipmentValue".into(), text("5%")),
        ("superiorOutput".into(), text("abc")),
        ("internalLoss".into(), text("3")),
        ("totlOutput".into(), text("1")),
    ]))
    .unwrap();
    let d = derive_from_annual(&annual);
    let got: Vec<(&str, String, Option<String>)> = d
        .errors
        .iter()
        .map(|e| {
            (
                e.0.code(),
                e.0.field().to_string(),
                e.0.value().map(String::from),
            )
        })
        .collect();
    let want = [
        ("unknown_key", "annual.totlOutput", Some("totlOutput")),
        ("ambiguous", "annual.totalOutput", Some("1,5亿")),
        ("negative", "annual.salesRevenue", Some("-5")),
        ("not_an_integer", "annual.patents", Some("2.5")),
        (
            "unexpected_percent",
            "annual.microelectronicEquipmentValue",
            Some("5%"),
        ),
        ("not_a_number", "annual.superiorOutput", Some("abc")),
        // 12 of 10 batches: 120 % is above the maximum of 100.
        ("above_maximum", "annual.spotCheckPassed", Some("120")),
    ];
    let want: Vec<(&str, String, Option<String>)> = want
        .iter()
        .map(|(c, f, v)| (*c, f.to_string(), v.map(String::from)))
        .collect();
    assert_eq!(got, want);
    assert!(d.values.is_empty(), "{:?}", d.values);
    assert_eq!(d.missing.len(), 12);
    // The items serialize as the page reads them.
    let json = serde_json::to_value(&d.errors[6]).unwrap();
    assert_eq!(json["params"]["max"], 100.0);
    assert_eq!(json["code"], "above_maximum");
    // Parts above the whole: 优等品 60 000 > 工业总产值 50 000.
    let d = derive_from_annual(
        &annual_from_value(Value::Object(vec![
            ("totalOutput".into(), text("5亿")),
            ("superiorOutput".into(), text("6亿")),
        ]))
        .unwrap(),
    );
    let e = &d.errors[0].0;
    assert_eq!(
        (e.code(), e.field(), e.params()),
        (
            "parts_exceed_whole",
            "annual.totalOutput",
            vec![
                ("sum", mqci::error::Param::Num(60000.0)),
                ("whole", mqci::error::Param::Num(50000.0))
            ]
        )
    );
    // Not an object: that one is thrown.
    assert_eq!(
        annual_from_value(Value::Array(vec![])).unwrap_err().code(),
        "wrong_type"
    );
}

#[test]
fn raw_money_fields_take_units_too() {
    use mqci::derive::derive_indicators;
    let raw: mqci::derive::RawInput = [(
        "export_sales_share".to_string(),
        [
            ("numerator".to_string(), Figure::from("1300万元")),
            ("salesRevenue".to_string(), Figure::from("5.2亿")),
        ]
        .into_iter()
        .collect(),
    )]
    .into_iter()
    .collect();
    // 1 300 / 52 000 × 100 = 2.5.
    assert_eq!(
        derive_indicators(&raw).unwrap().get("export_sales_share"),
        Some(&2.5)
    );
}

// ---- What to improve, and the plan to a target ----

use mqci::plan::{improvements, plan_to_target};
use mqci::score::Score;

/// 2007-like values with every indicator given (default methodology), for the hand checks.
fn complete() -> Input {
    let values = [
        ("grade_product_rate", 99.0),
        ("microelectronic_equipment_share", 42.5),
        ("qms_certification_rate", 100.0),
        ("quality_loss_rate", 1.2),
        ("spot_check_pass_rate", 91.6666666666667),
        ("export_inspection_pass_rate", 99.8),
        ("rd_expenditure_share", 2.7),
        ("renovation_expenditure_share", 0.5),
        ("patents_per_million_output", 0.012),
        ("new_product_sales_share", 20.0),
        ("avg_sales_revenue", 4.8),
        ("export_sales_share", 10.0),
    ];
    Input {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    }
}

#[test]
fn headroom_and_marginal_gain_by_hand() {
    let m = m();
    let a = assess(&complete(), &m).unwrap();
    // As in the annual example but with 出口商品检验 99.8: 60 + 40·0.3/0.45 = 86.666… → 86.67;
    // supervision (84.56 + 86.67)/2 = 85.615 → 85.62; quality_level (79 + 94.4 + 85.62)/3 =
    // 86.34; development_capability 81.06; index (86.34 + 81.06)/2 = 83.7.
    assert_eq!(a.index, Some(83.7));
    let imp = improvements(&complete(), &m).unwrap();
    let h = |id: &str| imp.get(id).unwrap().headroom;
    // 质量管理体系认证率 is at best already: nothing to gain.
    assert_eq!(h("qms_certification_rate"), 0.0);
    // export_sales_share to best: score 100, market (78.78 + 100)/2 = 89.39,
    // development_capability (86.49 + 81.58 + 89.39)/3 = 85.82, index (86.34 + 85.82)/2 =
    // 86.08: headroom 86.08 − 83.7 = 2.38 (about 1/12 of 100 − 71.43 = 2.38).
    assert_eq!(h("export_sales_share"), 2.38);
    // grade_product_rate to best: standards (100 + 70)/2 = 85, quality_level (85 + 94.4 +
    // 85.62)/3 = 88.34, index (88.34 + 81.06)/2 = 84.7: headroom 1.
    assert_eq!(h("grade_product_rate"), 1.0);
    // Marginal gain: one percentage point of 国际市场销售率 is 40/28 score points, times its
    // weight 1/12 in the index = 0.119047… points.
    let per = imp.get("export_sales_share").unwrap().per_unit.unwrap();
    assert!((per - 40.0 / 28.0 / 12.0).abs() < 1e-12, "{per}");
    // 质量损失率 is lower-is-better: one point more loses 40/2.5/12 = 1.333… points.
    let per = imp.get("quality_loss_rate").unwrap().per_unit.unwrap();
    assert!((per + 40.0 / 2.5 / 12.0).abs() < 1e-12, "{per}");
    // At best: no gain per unit.
    assert_eq!(
        imp.get("qms_certification_rate").unwrap().per_unit,
        Some(0.0)
    );
    // Not applicable: no headroom, no marginal gain; a missing indicator: headroom on the
    // lower end of the range, per unit unknown.
    let mut input = complete();
    input.values.remove("export_inspection_pass_rate");
    input.values.remove("avg_sales_revenue");
    input.not_applicable = vec!["export_inspection_pass_rate".into()];
    let imp = improvements(&input, &m).unwrap();
    let x = imp.get("export_inspection_pass_rate").unwrap();
    assert_eq!((x.headroom, x.per_unit), (0.0, None));
    let x = imp.get("avg_sales_revenue").unwrap();
    // Lower end: market (60 + 71.43)/2 = 65.715 → 65.72; at best (100 + 71.43)/2 = 85.715 →
    // 85.72; development_capability (86.49 + 81.58 + 65.72)/3 = 77.93 vs (86.49 + 81.58 +
    // 85.72)/3 = 84.596… → 84.6; index lower end (85.99 + 77.93)/2 = 81.96 vs
    // (85.99 + 84.6)/2 = 85.295 → 85.3: headroom 3.34.
    assert_eq!((x.headroom, x.per_unit), (3.34, None));
}

#[test]
fn plan_by_hand() {
    let m = m();
    // From 83.7 to 84.7 (+1): the index reaches 84.7 when (86.34 + DC)/2 ≥ 84.695, i.e.
    // development_capability DC ≥ 83.05; for quality_level QL: QL ≥ 2·84.695 − 81.06 = 88.33.
    // The cheapest single change of each indicator, in fractions of its span (values on the
    // plan's grid: a power-of-ten step of at most 1/100 of the span):
    // * 技术改造经费比重 (0.1 → 1.0, step 0.001): DC ≥ 83.05 ⇐ rd_renovation ≥ 3·83.045 −
    //   81.58 − 75.11 = 92.445 → 92.45 ⇐ its score ≥ 2·92.445 − 95.2 = 89.69 ⇐ 60 + 40·(x −
    //   0.1)/0.9 ≥ 89.685 ⇐ x ≥ 0.7679125 → 0.768: (0.768 − 0.5)/0.9 = 0.29778;
    // * 微电子控制设备比重 (step 0.1): standards ≥ 3·88.325 − 94.4 − 85.62 = 84.955 ⇐ score ≥
    //   81.91 ⇐ x ≥ 57.38125 → 57.4: 14.9/50 = 0.298;
    // * 产品质量等级品率: score ≥ 99.91 ⇐ x ≥ 119.83375 → 119.9: 20.9/70 = 0.29857;
    // * 平均产品销售收入 (step 0.01): market ≥ 81.065 ⇐ score ≥ 90.7 ⇐ x ≥ 7.720275 → 7.73:
    //   2.93/9.8 = 0.29898;
    // * 国际市场销售率: score ≥ 83.35 ⇐ x ≥ 18.3415 → 18.4: 8.4/28 = 0.3; 专利: x ≥ 0.0177:
    //   0.0057/0.019 = 0.3; 新产品: x ≥ 29: 9/30 = 0.3; 出口检验: x ≥ 99.935: 0.135/0.45 = 0.3;
    //   抽查: x ≥ 97.4: 5.733/19 = 0.3018;
    // * R&D and 质量损失率 alone cannot: their tertiary would need a score above 100.
    // So one step: 技术改造经费比重 from 0.5 to 0.768, +1 point.
    let plan = plan_to_target(&complete(), 84.7, &m).unwrap();
    assert!(plan.reachable);
    assert_eq!(plan.index, 84.7);
    assert_eq!(
        plan.steps,
        vec![mqci::plan::Step {
            indicator: "renovation_expenditure_share".into(),
            from: 0.5,
            to: 0.768,
            gain: 1.0
        }]
    );
    // One step less (0.767) is not enough: score 60 + 40·0.667/0.9 = 89.644… → 89.64,
    // rd_renovation (95.2 + 89.64)/2 = 92.42, DC (92.42 + 81.58 + 75.11)/3 = 83.036… →
    // 83.04, index (86.34 + 83.04)/2 = 84.69.
    let mut input = complete();
    input
        .values
        .insert("renovation_expenditure_share".into(), Figure::Number(0.767));
    assert_eq!(assess(&input, &m).unwrap().index, Some(84.69));
    // Already there: no steps.
    let plan = plan_to_target(&complete(), 80.0, &m).unwrap();
    assert!(plan.reachable && plan.steps.is_empty());
    assert_eq!(plan.index, 83.7);
    // 100: every indicator at best; 11 steps (质量管理体系认证率 is at best already).
    let plan = plan_to_target(&complete(), 100.0, &m).unwrap();
    assert!(plan.reachable);
    assert_eq!(plan.index, 100.0);
    assert_eq!(plan.steps.len(), 11);
    // A given quality_management score of 70 fixes that tertiary: at best elsewhere
    // quality_level = (100 + 70 + 100)/3 = 90 and the index (90 + 100)/2 = 95, short of 99:
    // unreachable, and the plan reaches the best attainable 95.
    let mut input = complete();
    input
        .scores
        .insert("quality_management".into(), Figure::Number(70.0));
    let plan = plan_to_target(&input, 99.0, &m).unwrap();
    assert!(!plan.reachable);
    assert_eq!((plan.index, plan.target), (95.0, 99.0));
    assert!(plan
        .steps
        .iter()
        .all(|s| s.indicator != "quality_loss_rate" && s.indicator != "qms_certification_rate"));
    // Errors: a target off the scale; an incomplete input.
    let e = plan_to_target(&complete(), 101.0, &m).unwrap_err();
    assert_eq!((e.code(), e.field()), ("score_out_of_range", "target"));
    let mut input = complete();
    input.values.remove("avg_sales_revenue");
    let e = plan_to_target(&input, 90.0, &m).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("missing", "values.avg_sales_revenue")
    );
}

// ---- planToTarget against brute force ----

/// A small deterministic generator (xorshift64*), so the cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// Random weights from 0.2 to 1, normalized.
fn random_weights(rng: &mut Rng, n: usize) -> Vec<f64> {
    let w: Vec<f64> = (0..n).map(|_| rng.range(0.2, 1.0)).collect();
    let sum: f64 = w.iter().sum();
    let mut w: Vec<f64> = w.iter().map(|x| x / sum).collect();
    // Exactly 1 in sum.
    let rest: f64 = w[..n - 1].iter().sum();
    w[n - 1] = 1.0 - rest;
    w
}

fn random_methodology(rng: &mut Rng) -> Methodology {
    let mut m = default_methodology(Options {
        standardization: if rng.unit() < 0.3 {
            mqci::methodology::Standardization::Exponential
        } else {
            mqci::methodology::Standardization::Linear
        },
        ..Options::default()
    });
    let sec = random_weights(rng, 2);
    for (n, s) in Secondary::ALL.into_iter().enumerate() {
        m.secondary.get_mut(&s).unwrap().weight = sec[n];
        let ter = random_weights(rng, 3);
        for (k, t) in s.children().into_iter().enumerate() {
            m.tertiary.get_mut(&t).unwrap().weight = ter[k];
            let ind = random_weights(rng, 2);
            for (j, i) in t.children().into_iter().enumerate() {
                m.indicators.get_mut(&i).unwrap().weight = ind[j];
            }
        }
    }
    m.fill_derived();
    m.validate().unwrap();
    m
}

/// The oracle: the index from indicator values, written out from docs/methodology.md §3 with
/// the not-applicable rule, independently of the crate's tree code. `None` = not applicable.
struct Oracle {
    m: Methodology,
    ind_w: [f64; 12],
    ter_w: [f64; 6],
    /// Indicators given as scores.
    scores: [Option<f64>; 12],
}

impl Oracle {
    fn new(m: &Methodology, na: &[bool; 12], scores: [Option<f64>; 12]) -> Oracle {
        let mut ind_w = [0.0; 12];
        let mut ter_w = [0.0; 6];
        let mut ter_na = [false; 6];
        for t in Tertiary::ALL {
            let present: f64 = t
                .children()
                .iter()
                .filter(|i| !na[**i as usize])
                .map(|i| m.indicator_weight(*i))
                .sum();
            ter_na[t as usize] = present == 0.0;
            for i in t.children() {
                if !na[i as usize] && present > 0.0 {
                    ind_w[i as usize] =
                        if present == 1.0 || t.children().iter().all(|c| !na[*c as usize]) {
                            m.indicator_weight(i)
                        } else {
                            m.indicator_weight(i) / present
                        };
                }
            }
        }
        for s in Secondary::ALL {
            let any_na = s.children().iter().any(|t| ter_na[*t as usize]);
            let present: f64 = s
                .children()
                .iter()
                .filter(|t| !ter_na[**t as usize])
                .map(|t| m.tertiary_weight(*t))
                .sum();
            for t in s.children() {
                if !ter_na[t as usize] {
                    ter_w[t as usize] = if any_na {
                        m.tertiary_weight(t) / present
                    } else {
                        m.tertiary_weight(t)
                    };
                }
            }
        }
        Oracle {
            m: m.clone(),
            ind_w,
            ter_w,
            scores,
        }
    }

    fn index(&self, values: &[Option<f64>; 12]) -> f64 {
        let mut sec = [0.0; 2];
        for s in Secondary::ALL {
            let mut ss = 0.0;
            for t in s.children() {
                if self.ter_w[t as usize] == 0.0 {
                    continue;
                }
                let mut ts = 0.0;
                for i in t.children() {
                    let p = self.m.indicator(i).unwrap();
                    let score = match (values[i as usize], self.scores[i as usize]) {
                        (Some(v), _) => round2(
                            Score::standardize(self.m.standardization, v, p.worst, p.best).get(),
                        ),
                        (None, Some(s)) => s,
                        (None, None) => continue,
                    };
                    ts += self.ind_w[i as usize] * score;
                }
                ss += self.ter_w[t as usize] * round2(ts);
            }
            sec[s as usize] = round2(ss);
        }
        round2(
            Secondary::ALL
                .iter()
                .map(|s| self.m.secondary_weight(*s) * sec[*s as usize])
                .sum(),
        )
    }
}

/// The decimal values an indicator may be moved to (the plan's own grid: a power-of-ten step
/// of at most a hundredth of the span, then `best`), from `from` towards `best`.
fn grid(from: f64, worst: f64, best: f64) -> Vec<f64> {
    let span = (best - worst).abs();
    let e = span.log10().floor() as i32 - 2;
    let step = 10f64.powi(e);
    let dir = if best > worst { 1.0 } else { -1.0 };
    let mut out = Vec::new();
    let mut k = if dir > 0.0 {
        (from / step + 1e-7).floor() + 1.0
    } else {
        (from / step - 1e-7).ceil() - 1.0
    };
    loop {
        let v = if e < 0 { k / 10f64.powi(-e) } else { k * step };
        if (v - best) * dir >= 0.0 {
            break;
        }
        out.push(v);
        k += dir;
    }
    out.push(best);
    out
}

struct Case {
    m: Methodology,
    values: [Option<f64>; 12],
    /// Indicators given as scores (fixed: a plan cannot change them).
    scores: [Option<f64>; 12],
    na: [bool; 12],
    target: f64,
}

fn random_case(rng: &mut Rng) -> Case {
    loop {
        let m = random_methodology(rng);
        let mut values = [None; 12];
        let mut scores = [None; 12];
        let mut na = [false; 12];
        for i in Indicator::ALL {
            if rng.unit() < 0.12 {
                na[i as usize] = true;
                continue;
            }
            if rng.unit() < 0.04 {
                scores[i as usize] = Some(round2(rng.range(60.0, 95.0)));
                continue;
            }
            let p = m.indicator(i).unwrap();
            let u = rng.range(-0.15, 1.1);
            let raw = p.worst + u * (p.best - p.worst);
            let max = i.unit().max_value();
            // Four significant digits, as typed.
            let mag = 10f64.powi(raw.abs().max(1e-9).log10().floor() as i32 - 3);
            let v = ((raw / mag).round() * mag).clamp(0.0, max);
            values[i as usize] = Some(mqci::decimal::round_significant15(v));
        }
        let input = input_of(&values, &scores, &na);
        let Ok(a) = assess(&input, &m) else {
            continue; // a whole secondary not applicable
        };
        let now = a.index.unwrap();
        let oracle = Oracle::new(&m, &na, scores);
        let at_best: [Option<f64>; 12] = std::array::from_fn(|n| {
            values[n].map(|v| {
                let p = m.indicator(Indicator::ALL[n]).unwrap();
                let u = (v - p.worst) / (p.best - p.worst);
                if u >= 1.0 {
                    v
                } else {
                    p.best
                }
            })
        });
        let max = oracle.index(&at_best);
        let r = rng.unit();
        let target = if r < 0.1 {
            round2((max + 0.01 + rng.range(0.0, 2.0)).min(100.0))
        } else {
            // Mostly near the current index, so that one to three steps do.
            let f = rng.unit().powi(3);
            round2(now + 0.01 + f * (max - now))
        };
        if target > 100.0 || target <= now {
            continue;
        }
        return Case {
            m,
            values,
            scores,
            na,
            target,
        };
    }
}

fn input_of(values: &[Option<f64>; 12], scores: &[Option<f64>; 12], na: &[bool; 12]) -> Input {
    let given = |from: &[Option<f64>; 12]| {
        Indicator::ALL
            .into_iter()
            .filter_map(|i| from[i as usize].map(|v| (i.id().to_string(), Figure::Number(v))))
            .collect()
    };
    Input {
        values: given(values),
        scores: given(scores),
        not_applicable: Indicator::ALL
            .into_iter()
            .filter(|i| na[*i as usize])
            .map(|i| i.id().to_string())
            .collect(),
    }
}

/// Brute force over the subsets of size `k` (each checked with its members at best), and for
/// the cost within the feasible ones: every grid value of the first member (a coarse sample
/// for k ≥ 2) with the last member's lowest sufficient grid value found by scanning.
#[test]
fn plan_to_target_agrees_with_brute_force() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = 0;
    let mut by_size = [0usize; 13];
    let mut unreachable = 0;
    let mut matched = [0usize; 13];
    let mut worst_gap = 0.0f64;
    while cases < 220 {
        let c = random_case(&mut rng);
        let na = c.na;
        let input = input_of(&c.values, &c.scores, &na);
        let oracle = Oracle::new(&c.m, &na, c.scores);
        let now = assess(&input, &c.m).unwrap().index.unwrap();
        assert_eq!(oracle.index(&c.values), now, "oracle = assess");
        let plan = plan_to_target(&input, c.target, &c.m).unwrap();

        // Candidates: present, below best.
        let cands: Vec<usize> = (0..12)
            .filter(|&n| {
                c.values[n].is_some_and(|v| {
                    let p = c.m.indicator(Indicator::ALL[n]).unwrap();
                    (v - p.worst) / (p.best - p.worst) < 1.0
                })
            })
            .collect();
        let best_of = |n: usize| c.m.indicator(Indicator::ALL[n]).unwrap().best;
        let with = |changes: &[(usize, f64)]| {
            let mut v = c.values;
            for &(n, x) in changes {
                v[n] = Some(x);
            }
            oracle.index(&v)
        };
        let all_best: Vec<(usize, f64)> = cands.iter().map(|&n| (n, best_of(n))).collect();
        let max = with(&all_best);
        let goal = if max >= c.target { c.target } else { max };
        assert_eq!(plan.reachable, max >= c.target);

        // The plan's changed input, assessed: its index is the plan's.
        let mut changed = c.values;
        for s in &plan.steps {
            let n = Indicator::from_id(&s.indicator).unwrap() as usize;
            assert_eq!(Some(s.from), c.values[n]);
            let p = c.m.indicator(Indicator::ALL[n]).unwrap();
            let dir = (p.best - p.worst).signum();
            assert!((s.to - s.from) * dir > 0.0, "moves towards best");
            assert!((s.to - p.best) * dir <= 0.0, "never beyond best");
            changed[n] = Some(s.to);
        }
        let a = assess(&input_of(&changed, &c.scores, &na), &c.m).unwrap();
        assert_eq!(a.index, Some(plan.index), "the plan's index is assess's");
        assert!(plan.index >= goal, "{} < {}", plan.index, goal);
        let gains: i64 = plan.steps.iter().map(|s| cents(s.gain)).sum();
        assert_eq!(gains, cents(plan.index) - cents(now), "gains add up");

        // Fewest steps: no subset of fewer indicators reaches the goal, even at best.
        let k = plan.steps.len();
        let mut smallest = None;
        for size in 1..=cands.len() {
            let mut found = false;
            for_each_subset(cands.len(), size, &mut |s| {
                if !found {
                    let ch: Vec<(usize, f64)> =
                        s.iter().map(|&q| (cands[q], best_of(cands[q]))).collect();
                    found = with(&ch) >= goal;
                }
            });
            if found {
                smallest = Some(size);
                break;
            }
        }
        let want = if goal > now { smallest.unwrap() } else { 0 };
        assert_eq!(k, want, "fewest steps");
        by_size[k] += 1;
        if !plan.reachable {
            unreachable += 1;
        }

        // Smallest total change among plans of k steps, by search on the same grid.
        let span = |n: usize| {
            let p = c.m.indicator(Indicator::ALL[n]).unwrap();
            (p.best - p.worst).abs()
        };
        let plan_cost: f64 = plan
            .steps
            .iter()
            .map(|s| {
                let n = Indicator::from_id(&s.indicator).unwrap() as usize;
                (s.to - s.from).abs() / span(n)
            })
            .sum();
        let mut brute = f64::INFINITY;
        if k >= 1 {
            let grids: Vec<Vec<f64>> = (0..12)
                .map(|n| {
                    let p = c.m.indicator(Indicator::ALL[n]).unwrap();
                    c.values[n].map_or(Vec::new(), |v| grid(v, p.worst, p.best))
                })
                .collect();
            // The last member's lowest sufficient value, by scanning its grid upwards
            // (a binary search would assume what is being checked: monotonicity).
            let lowest_last = |fixed: &[(usize, f64)], last: usize| -> Option<f64> {
                let mut ch = fixed.to_vec();
                ch.push((last, 0.0));
                let g = &grids[last];
                // Coarse then fine: find the first block of 64 that reaches, then scan it.
                let mut lo = 0;
                while lo < g.len() {
                    let hi = (lo + 64).min(g.len()) - 1;
                    *ch.last_mut().unwrap() = (last, g[hi]);
                    if with(&ch) >= goal {
                        for &x in &g[lo..=hi] {
                            *ch.last_mut().unwrap() = (last, x);
                            if with(&ch) >= goal {
                                return Some(x);
                            }
                        }
                    }
                    lo = hi + 1;
                }
                None
            };
            for_each_subset(cands.len(), k, &mut |s| {
                let members: Vec<usize> = s.iter().map(|&q| cands[q]).collect();
                let ch: Vec<(usize, f64)> = members.iter().map(|&n| (n, best_of(n))).collect();
                if with(&ch) < goal {
                    return;
                }
                if k == 2 {
                    // Every grid value of the first member, with the lowest sufficient value
                    // of the second: as the first rises that value can only fall (the index
                    // is monotone in each value), so one walk down the second grid finds it
                    // for all.
                    let (a, b) = (members[0], members[1]);
                    let (ga, gb) = (&grids[a], &grids[b]);
                    let cost = |x: f64, y: f64| {
                        (x - c.values[a].unwrap()).abs() / span(a)
                            + (y - c.values[b].unwrap()).abs() / span(b)
                    };
                    let mut j = gb.len();
                    for &x in ga {
                        if j == gb.len() {
                            if with(&[(a, x), (b, gb[j - 1])]) < goal {
                                continue;
                            }
                            j -= 1;
                        }
                        while j > 0 && with(&[(a, x), (b, gb[j - 1])]) >= goal {
                            j -= 1;
                        }
                        brute = brute.min(cost(x, gb[j]));
                    }
                    return;
                }
                // Each member in turn is the last; the others sampled on their grids.
                for last in 0..k {
                    let others: Vec<usize> =
                        (0..k).filter(|&q| q != last).map(|q| members[q]).collect();
                    let samples = match others.len() {
                        0 => 1,
                        1 => 48,
                        _ => 24,
                    };
                    for t in 0..samples {
                        let fixed: Vec<(usize, f64)> = others
                            .iter()
                            .enumerate()
                            .map(|(o, &n)| {
                                let g = &grids[n];
                                // First all at best, then evenly spread for the first
                                // other, spread pseudo-randomly over the upper half for the rest.
                                let pos = if t == 0 {
                                    g.len() - 1
                                } else if o == 0 {
                                    ((t + 1) * g.len() / samples).saturating_sub(1)
                                } else {
                                    let r = (t * 7919 + o * 104_729) % g.len();
                                    r.max(g.len() / 2)
                                };
                                (n, g[pos.min(g.len() - 1)])
                            })
                            .collect();
                        if let Some(x) = lowest_last(&fixed, members[last]) {
                            let cost: f64 = fixed
                                .iter()
                                .chain(std::iter::once(&(members[last], x)))
                                .map(|&(n, v)| (v - c.values[n].unwrap()).abs() / span(n))
                                .sum();
                            brute = brute.min(cost);
                        }
                    }
                }
            });
            if (brute - plan_cost).abs() <= 1e-9 {
                matched[k] += 1;
            }
            worst_gap = worst_gap.max(brute - plan_cost);
            assert!(
                plan_cost <= brute + 1e-9,
                "case {cases}: plan {plan_cost} > brute force {brute}; {:?}",
                plan.steps
            );
        }
        cases += 1;
    }
    eprintln!(
        "steps: {by_size:?}; unreachable {unreachable}; brute force found the plan's cost {matched:?}; largest excess of brute force {worst_gap}"
    );
    // The cases cover one, two and three or more steps, and unreachable targets.
    assert!(by_size[1] >= 20 && by_size[2] >= 20, "{by_size:?}");
    assert!(by_size[3..].iter().sum::<usize>() >= 10, "{by_size:?}");
    assert!(unreachable >= 10, "{unreachable}");
}

/// Every subset of `0..n` of size `k`, by bitmask (independent of the plan's enumeration).
fn for_each_subset(n: usize, k: usize, f: &mut impl FnMut(&[usize])) {
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize == k {
            let s: Vec<usize> = (0..n).filter(|b| mask & (1 << b) != 0).collect();
            f(&s);
        }
    }
}
