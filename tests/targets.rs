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

/// The number a plan's wording states: the first decimal number in it, times 10,000 when
/// followed by 万 ("食品抽检合格率98.5%以上" → 98.5, "制造业质量竞争力指数达到89以上（提高4.7）" → 89,
/// "新增10万家企业" → 100000).
fn number_in(wording: &str) -> Option<f64> {
    let mut current = String::new();
    for c in wording.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            let n = current.trim_end_matches('.').parse::<f64>().ok()?;
            return Some(if c == '万' { n * 10_000.0 } else { n });
        }
    }
    None
}

/// Every shipped target is the target its wording states (docs/methodology.md §6, §10): a rank
/// or description ("前列", "明显增强") is qualitative with no number; "接近全国平均水平" is an
/// offset 0 from the national value; anything else is a minimum ("达到X", "X以上", "达X", a
/// count to reach, a rise "提升X个百分点以上") whose number is the wording's. The expectation
/// comes from the wording, not from a second copy of the numbers.
#[test]
fn every_shipped_number_is_the_number_of_its_wording() {
    use mqci::targets::Kind;
    let all = profiles();
    assert_eq!(all.len(), 15);
    for p in &all {
        assert!(p.year.is_some() && !p.source.is_empty() && !p.issuer.is_empty());
        assert!(!p.targets.is_empty(), "{}", p.id);
        for t in &p.targets {
            let what = format!("{} {}: {}", p.id, t.metric, t.wording);
            if t.wording.contains("前列") || t.wording.contains("明显增强") {
                assert_eq!(
                    (t.kind, t.op, t.value),
                    (Kind::Qualitative, Op::Qualitative, None),
                    "{what}"
                );
            } else if t.wording.contains("接近全国") {
                assert_eq!(
                    (t.kind, t.op, t.value),
                    (Kind::RelativeNational, Op::Ge, Some(0.0)),
                    "{what}"
                );
            } else {
                assert_eq!(t.op, Op::Ge, "{what}");
                assert_eq!(t.value, number_in(&t.wording), "{what}");
                let expected_kind = if t.wording.contains("提升") {
                    Kind::Change
                } else if def_unit(&t.metric) == mqci::targets::MetricUnit::Count {
                    Kind::Count
                } else {
                    Kind::Absolute
                };
                assert_eq!(t.kind, expected_kind, "{what}");
            }
            let def = mqci::targets::metric(&t.metric).unwrap_or_else(|| panic!("{what}"));
            assert_eq!((t.zh.as_str(), t.en.as_str()), (def.zh, def.en), "{what}");
            if t.wording.contains('%') {
                assert_eq!(def.unit, mqci::targets::MetricUnit::Percent, "{what}");
            }
        }
    }
}

fn def_unit(metric: &str) -> mqci::targets::MetricUnit {
    mqci::targets::metric(metric)
        .map(|d| d.unit)
        .unwrap_or_else(|| panic!("{metric}"))
}

#[test]
fn the_wording_parser_reads_plan_numbers() {
    assert_eq!(number_in("食品抽检合格率98.5%以上"), Some(98.5));
    assert_eq!(number_in("制造业质量竞争力指数达91"), Some(91.0));
    assert_eq!(
        number_in("新培育天府质量奖（提名奖）组织和个人30个"),
        Some(30.0)
    );
    assert_eq!(
        number_in("农产品质量安全例行监测合格率……均达到98%以上"),
        Some(98.0)
    );
    assert_eq!(number_in("位居全国前列"), None);
    assert_eq!(
        number_in("新增10万家企业实施先进质量管理标准"),
        Some(100_000.0)
    );
    assert_eq!(
        number_in("制造业质量竞争力指数达到89以上（提高4.7）"),
        Some(89.0)
    );
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
    let e = Profile::from_json(r#"{ "id": "", "targets": [] }"#).unwrap_err();
    let got: Vec<_> = e
        .errors()
        .iter()
        .map(|e| (e.code(), e.field().to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("empty", "profile.id".to_string()),
            ("empty", "profile.targets".to_string())
        ]
    );
}
