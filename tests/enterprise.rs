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
    let annual = annual_from_value(&Value::Object(chengdu())).unwrap();
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
    let d = derive_from_annual(&annual_from_value(&Value::Object(figures)).unwrap());
    // grade 49 500 / 600 = 82.5; loss 600 / 60 000 × 100 = 1; patents 6 / 600 = 0.01.
    assert_eq!(d.values.get("grade_product_rate"), Some(&82.5));
    assert_eq!(d.values.get("quality_loss_rate"), Some(&1.0));
    assert_eq!(d.values.get("patents_per_million_output"), Some(&0.01));
}

#[test]
fn bad_cells_are_listed_never_thrown() {
    let annual = annual_from_value(&Value::Object(vec![
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
        &annual_from_value(&Value::Object(vec![
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
        annual_from_value(&Value::Array(vec![])).unwrap_err().code(),
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
