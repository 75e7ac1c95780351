//! Target checks against the plans' numbers (docs/methodology.md §6) and published actuals (§5, §6).

use mqci::ordered::OrderedMap;

use mqci::number::Figure;
use mqci::targets::{check_targets, profile, profile_by_id, profiles, Op, Profile, Status};

fn actuals(pairs: &[(&str, f64)]) -> OrderedMap<String, Figure> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
        .collect()
}

/// Targets of one profile: (metric, op, value).
type Expected<'a> = &'a [(&'a str, Op, Option<f64>)];

/// Every shipped number, as docs/methodology.md §6 records it: (profile, metric, op, value).
#[test]
fn every_shipped_number_matches_the_domain_reference() {
    use Op::{Ge, Qualitative as Q};
    let expected: &[(&str, Expected)] = &[
        (
            "national-2025",
            &[
                ("mqci", Ge, Some(86.0)),
                ("manufacturing_pass_rate", Ge, Some(94.0)),
                ("agri_monitoring_pass_rate", Ge, Some(98.0)),
                ("food_sampling_pass_rate", Ge, Some(98.0)),
            ],
        ),
        (
            "sichuan-2027",
            &[
                ("mqci", Ge, Some(88.0)),
                ("agri_monitoring_pass_rate", Ge, Some(99.0)),
                ("food_sampling_pass_rate", Ge, Some(98.0)),
                ("manufacturing_pass_rate", Ge, Some(95.0)),
                ("tianfu_quality_award_new", Ge, Some(30.0)),
                ("tianfu_brand_certified_new", Ge, Some(100.0)),
                ("national_inspection_center_new", Ge, Some(3.0)),
                ("national_metrology_center_new", Ge, Some(2.0)),
                ("international_standard_led", Ge, Some(5.0)),
            ],
        ),
        (
            "chengdu-2027",
            &[
                ("industrial_product_pass_rate", Ge, Some(94.0)),
                ("agri_quality_pass_rate", Q, None),
                ("food_drug_sampling_pass_rate", Q, None),
                ("project_acceptance_rate", Ge, Some(100.0)),
                ("mqci", Ge, Some(91.0)),
                ("public_service_satisfaction", Q, None),
            ],
        ),
        (
            "guangdong-2025",
            &[
                ("mqci", Ge, Some(92.0)),
                ("agri_monitoring_pass_rate", Ge, Some(98.0)),
                ("food_sampling_pass_rate", Ge, Some(98.5)),
                ("manufacturing_pass_rate", Ge, Some(95.0)),
            ],
        ),
        (
            "jiangsu-2025",
            &[
                ("mqci", Ge, Some(88.0)),
                ("manufacturing_pass_rate", Ge, Some(95.0)),
                ("consumer_goods_pass_rate", Ge, Some(95.0)),
                ("agri_monitoring_pass_rate", Ge, Some(98.0)),
                ("food_sampling_pass_rate", Ge, Some(98.0)),
                ("public_service_satisfaction", Ge, Some(82.0)),
            ],
        ),
        ("zhejiang-2025", &[("mqci", Ge, Some(92.0))]),
        (
            "shanghai-2025",
            &[
                ("mqci", Ge, Some(94.0)),
                ("manufacturing_pass_rate", Ge, Some(95.0)),
                ("agri_monitoring_pass_rate", Ge, Some(98.0)),
                ("food_sampling_pass_rate", Ge, Some(98.0)),
                ("agri_standardized_production_rate", Ge, Some(92.0)),
            ],
        ),
        ("chongqing-2027", &[("mqci", Ge, Some(92.0))]),
    ];
    assert_eq!(profiles().len(), expected.len());
    for (id, targets) in expected {
        let p = profile(id).unwrap_or_else(|| panic!("profile {id}"));
        let got: Vec<_> = p
            .targets
            .iter()
            .map(|t| (t.metric.as_str(), t.op, t.value))
            .collect();
        assert_eq!(&got, targets, "{id}");
        assert!(p.year.is_some() && !p.source.is_empty() && !p.issuer.is_empty());
    }
}

/// National 2023 actuals [S]: MQCI 85.21, 制造业产品质量合格率 93.65% against the 2025 targets.
#[test]
fn national_2023_against_2025_targets() {
    let p = profile("national-2025").unwrap();
    let r = check_targets(
        &actuals(&[("mqci", 85.21), ("manufacturing_pass_rate", 93.65)]),
        &p,
    )
    .unwrap();
    let row = |metric: &str| r.results.iter().find(|x| x.metric == metric).unwrap();
    assert_eq!(
        (row("mqci").status, row("mqci").gap),
        (Status::NotMet, Some(-0.79))
    );
    assert_eq!(
        (
            row("manufacturing_pass_rate").status,
            row("manufacturing_pass_rate").gap
        ),
        (Status::NotMet, Some(-0.35))
    );
    assert_eq!(row("food_sampling_pass_rate").status, Status::NoData);
    assert_eq!(
        (r.summary.met, r.summary.not_met, r.summary.no_data),
        (0, 2, 2)
    );
    assert_eq!(r.profile.year, Some(2025));
}

/// Shanghai 2024 [S]: index 94.59 against "保持在94以上".
#[test]
fn shanghai_2024_meets_its_index_target() {
    let p = profile("shanghai-2025").unwrap();
    let r = check_targets(
        &actuals(&[("mqci", 94.59), ("manufacturing_pass_rate", 96.33)]),
        &p,
    )
    .unwrap();
    assert_eq!(
        (r.results[0].status, r.results[0].gap),
        (Status::Met, Some(0.59))
    );
    assert_eq!(
        (r.results[1].status, r.results[1].gap),
        (Status::Met, Some(1.33))
    );
}

/// Equality is met ("达到91" is met by exactly 91), including decimal values near binary noise.
#[test]
fn equality_boundary_is_met() {
    let p = profile("chengdu-2027").unwrap();
    let r = check_targets(&actuals(&[("mqci", 91.0)]), &p).unwrap();
    let row = r.results.iter().find(|x| x.metric == "mqci").unwrap();
    assert_eq!((row.status, row.gap), (Status::Met, Some(0.0)));
    let p = profile("guangdong-2025").unwrap();
    let r = check_targets(&actuals(&[("food_sampling_pass_rate", 0.1 + 98.4)]), &p).unwrap();
    let row = r
        .results
        .iter()
        .find(|x| x.metric == "food_sampling_pass_rate")
        .unwrap();
    assert_eq!(
        row.status,
        Status::Met,
        "98.4 + 0.1 is 98.5 on the decimal value"
    );
}

/// "位居全国前列" is a rank: shown with its wording, never met, even with a figure given.
#[test]
fn qualitative_targets_are_never_met() {
    let p = profile("chengdu-2027").unwrap();
    // 成都 2023 (sources/): 食品药品抽检合格率 99%.
    let r = check_targets(&actuals(&[("food_drug_sampling_pass_rate", 99.0)]), &p).unwrap();
    let row = r
        .results
        .iter()
        .find(|x| x.metric == "food_drug_sampling_pass_rate")
        .unwrap();
    assert_eq!(
        (row.status, row.actual, row.gap),
        (Status::Qualitative, Some(99.0), None)
    );
    assert_eq!(row.wording, "主要食品药品安全抽检合格率位居全国前列");
    assert_eq!(r.summary.qualitative, 3);
    assert_eq!(r.summary.met, 0);
}

#[test]
fn unknown_profile_and_malformed_custom_profile_are_errors() {
    let e = profile_by_id("atlantis-2030").unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        ("unknown_id", "profile", Some("atlantis-2030"))
    );
    let bad = Profile {
        id: "".into(),
        zh: String::new(),
        en: String::new(),
        issuer: String::new(),
        document: String::new(),
        date: String::new(),
        year: None,
        source: String::new(),
        targets: vec![],
    };
    let e = bad.normalized().unwrap_err();
    let fields: Vec<_> = e.errors().iter().map(|e| e.field().to_string()).collect();
    assert_eq!(fields, vec!["profile.id", "profile.targets"]);
}
