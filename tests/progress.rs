//! Progress on a plan's path (序时进度, docs/methodology.md §11; rules in docs/targets.md): the
//! hand-checked cases of issue 10, every target kind × every pace, the data files against their
//! schema, and every shipped number traced to its source.

use mqci::targets::{
    benchmarks, check, check_values, parse_json, profile_by_id, published_figures, read_actuals,
    shipped, target_profiles, CheckOptions, FigureFilter, Kind, Origin, Pace, Profile, Scope,
    Status, TargetResult,
};
use mqci::value::Value;

fn json(text: &str) -> Value {
    parse_json(text, "input").unwrap()
}

/// Checks `actuals` (JSON) against `profile` (an id or a JSON profile) with `options` (JSON).
fn run(actuals: &str, profile: &str, options: &str) -> Vec<TargetResult> {
    let p = if profile.starts_with('{') {
        json(profile)
    } else {
        Value::String(profile.into())
    };
    check_values(&json(actuals), &p, &json(options))
        .unwrap()
        .results
}

fn row<'a>(rows: &'a [TargetResult], metric: &str) -> &'a TargetResult {
    rows.iter().find(|r| r.metric == metric).unwrap()
}

/// National MQCI: baseline 2023 = 85.21, target 2025 = 86, actual 2024 = 85.86 →
/// expected 85.605 → 85.61, ahead, +0.26 to the path (0.255 half-up), 0.14 still needed.
/// National 合格率: baseline 2022 = 93.29, target 2025 = 94, actual 2024 = 93.93 → expected
/// 93.763 → 93.76, ahead (docs/methodology.md §11).
#[test]
fn hand_checked_national_2024() {
    let rows = run(
        r#"{ "mqci": { "value": 85.86, "year": 2024 },
             "manufacturing_pass_rate": { "value": "93.93%", "year": 2024 } }"#,
        "national-2025",
        r#"{ "asOf": 2026, "baselines": {
              "mqci": { "year": 2023, "value": 85.21 },
              "manufacturing_pass_rate": { "year": 2022, "value": 93.29 } } }"#,
    );
    let m = row(&rows, "mqci");
    assert_eq!(m.expected, Some(85.61));
    assert_eq!(m.pace, Pace::Ahead);
    assert_eq!(m.gap_to_path, Some(0.26));
    assert_eq!(m.gap_to_target, Some(0.14));
    assert_eq!(m.required_annual, Some(0.14));
    assert_eq!((m.status, m.gap), (Status::NotMet, Some(-0.14)));
    assert_eq!(m.year, Some(2024));
    assert_eq!(m.time_share, Some(0.5));
    assert_eq!(m.baseline.map(|b| b.from), Some(Origin::Options));
    let r = row(&rows, "manufacturing_pass_rate");
    assert_eq!(r.expected, Some(93.76));
    assert_eq!(r.pace, Pace::Ahead);
    assert_eq!(r.gap_to_path, Some(0.17)); // 93.93 − 93.7633…
    assert_eq!(r.gap_to_target, Some(0.07));
    assert_eq!(r.time_share, Some(0.6667));
    // The two targets without an actual.
    assert_eq!(row(&rows, "agri_monitoring_pass_rate").pace, Pace::NoData);
}

/// A count of 30 over 2023–2027 with 18 done by the end of 2026: expected 30 × 4/5 = 24;
/// 18/24 = 0.75 < 11/12 → behind; 12 still needed, all in 2027.
#[test]
fn hand_checked_count() {
    let rows = run(
        r#"{ "tianfu_quality_award_new": { "value": 18, "year": 2026 } }"#,
        "sichuan-2027",
        "null",
    );
    let r = row(&rows, "tianfu_quality_award_new");
    assert_eq!(r.kind, Kind::Count);
    assert_eq!(r.expected, Some(24.0));
    assert_eq!(r.pace, Pace::Behind);
    assert_eq!(r.gap_to_path, Some(-6.0));
    assert_eq!(r.gap_to_target, Some(12.0));
    assert_eq!(r.required_annual, Some(12.0));
    assert_eq!((r.time_share, r.done_share), (Some(0.8), Some(0.6)));
    assert_eq!(r.baseline.map(|b| (b.year, b.value)), Some((2022, 0.0)));
}

/// The official of issue 10: Sichuan in 2026, MQCI 86.1 and 合格率 94.6%. Without a
/// baseline the path cannot be drawn: not "✕ 未达标" but 无基期; with the baselines the pace.
#[test]
fn sichuan_2026_midway() {
    let actuals = r#"{ "mqci": 86.1, "manufacturing_pass_rate": "94.6%" }"#;
    let rows = run(actuals, "sichuan-2027", r#"{ "asOf": 2026 }"#);
    assert_eq!(row(&rows, "mqci").pace, Pace::NoBaseline);
    assert_eq!(row(&rows, "mqci").year, Some(2026));
    assert_eq!(row(&rows, "mqci").required_annual, Some(1.9));
    let rows = run(
        actuals,
        "sichuan-2027",
        r#"{ "asOf": 2026, "baselines": { "mqci": { "year": 2022, "value": 84 },
             "manufacturing_pass_rate": { "year": 2022, "value": 94 } } }"#,
    );
    // MQCI: E(2026) = 84 + 4·4/5 = 87.2; 86.1 is 1.1 below, beyond 3.2/12 → behind.
    let m = row(&rows, "mqci");
    assert_eq!((m.expected, m.pace), (Some(87.2), Pace::Behind));
    // 合格率: E(2026) = 94 + 1·4/5 = 94.8; 94.6 is 0.2 below, within 0.8/12? No: 0.0667 → behind.
    let r = row(&rows, "manufacturing_pass_rate");
    assert_eq!((r.expected, r.pace), (Some(94.8), Pace::Behind));
}

fn profile_json(target: &str, extra: &str) -> String {
    format!(
        r#"{{ "id": "t", "period": {{ "start": 2023, "end": 2027 }}{extra}, "targets": [ {target} ] }}"#
    )
}

fn one(target: &str, extra: &str, actuals: &str, options: &str) -> TargetResult {
    run(actuals, &profile_json(target, extra), options).remove(0)
}

/// Every kind × every pace it can have. Paths (2023–2027 plans, data year 2025):
/// absolute ≥ 90 from 85 (2022): E = 88, tolerance 3/12 = 0.25;
/// relative ≥ national + 1 from an offset 0 in 2023: E(2024) = national 85.86 + 0.25, tolerance
/// 0.25/12; change +2 from 93 (2022): end 95, E = 94.2, tolerance 0.1;
/// count 30 over 2023–2027, data year 2026: E = 24, tolerance 2.
#[test]
fn every_kind_and_every_pace() {
    let abs = r#"{ "metric": "mqci", "kind": "absolute", "op": ">=", "value": 90,
                   "baseline": { "year": 2022, "value": 85 } }"#;
    let abs_nb = r#"{ "metric": "mqci", "op": ">=", "value": 90 }"#;
    let a = |v: f64| format!(r#"{{ "mqci": {{ "value": {v}, "year": 2025 }} }}"#);
    let cases_abs = [
        (a(90.5), Pace::Done),
        (a(90.0), Pace::Done),
        (a(88.3), Pace::Ahead),
        (a(88.25), Pace::OnTrack),
        (a(88.0), Pace::OnTrack),
        (a(87.75), Pace::OnTrack),
        (a(87.7), Pace::Behind),
        ("{}".to_string(), Pace::NoData),
    ];
    for (actuals, pace) in &cases_abs {
        assert_eq!(
            one(abs, "", actuals, "null").pace,
            *pace,
            "absolute {actuals}"
        );
    }
    assert_eq!(one(abs_nb, "", &a(88.0), "null").pace, Pace::NoBaseline);
    assert_eq!(one(abs_nb, "", &a(91.0), "null").pace, Pace::Done);
    // In the end year an unmet target is behind, baseline or not (the classic end check).
    let end_nb = one(abs_nb, "", r#"{ "mqci": 89 }"#, "null");
    assert_eq!((end_nb.year, end_nb.pace), (Some(2027), Pace::Behind));
    // The end year passed unmet: behind, nothing left per year.
    let late = one(
        abs,
        "",
        r#"{ "mqci": { "value": 89.9, "year": 2027 } }"#,
        "null",
    );
    assert_eq!((late.pace, late.required_annual), (Pace::Behind, None));

    let rel = r#"{ "metric": "mqci", "kind": "relative_national", "op": ">=", "value": 1,
                   "baseline": { "year": 2023, "value": 85.21 } }"#;
    let rel_nb = r#"{ "metric": "mqci", "kind": "relative_national", "op": ">=", "value": 1 }"#;
    let r = |v: f64| format!(r#"{{ "mqci": {{ "value": {v}, "year": 2024 }} }}"#);
    for (actuals, pace) in [
        (r(86.9), Pace::Done),
        (r(86.2), Pace::Ahead),
        (r(86.11), Pace::OnTrack),
        (r(86.0), Pace::Behind),
        ("{}".into(), Pace::NoData),
        // No national value of 2019 is published: the end value is unknown.
        (
            r#"{ "mqci": { "value": 86, "year": 2019 } }"#.to_string(),
            Pace::NoData,
        ),
    ] {
        assert_eq!(
            one(rel, "", &actuals, "null").pace,
            pace,
            "relative {actuals}"
        );
    }
    let x = one(rel, "", &r(86.11), "null");
    let n = x.national.unwrap();
    assert_eq!((n.year, n.value, n.from), (2024, 85.86, Origin::Figures));
    assert_eq!((x.end_value, x.expected), (Some(86.86), Some(86.11)));
    assert_eq!(one(rel_nb, "", &r(86.0), "null").pace, Pace::NoBaseline);
    // The national value from the caller overrides the published one.
    let y = one(
        rel,
        "",
        r#"{ "mqci": { "value": 86.2, "year": 2024 }, "national_mqci": { "value": 86, "year": 2024 } }"#,
        "null",
    );
    assert_eq!(
        y.national.map(|n| (n.value, n.from)),
        Some((86.0, Origin::Actuals))
    );
    assert_eq!((y.end_value, y.pace), (Some(87.0), Pace::Behind));

    let chg =
        r#"{ "metric": "manufacturing_pass_rate", "kind": "change", "op": ">=", "value": 2 }"#;
    let base = r#"{ "baselines": { "manufacturing_pass_rate": { "year": 2022, "value": 93 } } }"#;
    let c =
        |v: f64| format!(r#"{{ "manufacturing_pass_rate": {{ "value": {v}, "year": 2025 }} }}"#);
    for (actuals, options, pace) in [
        (c(95.1), base, Pace::Done),
        (c(94.4), base, Pace::Ahead),
        (c(94.15), base, Pace::OnTrack),
        (c(94.0), base, Pace::Behind),
        (c(94.0), "null", Pace::NoBaseline),
        ("{}".into(), base, Pace::NoData),
    ] {
        assert_eq!(
            one(chg, "", &actuals, options).pace,
            pace,
            "change {actuals}"
        );
    }
    let z = one(chg, "", &c(94.4), base);
    assert_eq!(
        (z.end_value, z.expected, z.gap_to_target),
        (Some(95.0), Some(94.2), Some(0.6))
    );
    assert_eq!(z.required_annual, Some(0.3));
    assert_eq!(one(chg, "", &c(94.0), "null").status, Status::NoData);

    let cnt = r#"{ "metric": "tianfu_quality_award_new", "value": 30 }"#;
    let k =
        |v: u32| format!(r#"{{ "tianfu_quality_award_new": {{ "value": {v}, "year": 2026 }} }}"#);
    for (actuals, pace) in [
        (k(30), Pace::Done),
        (k(27), Pace::Ahead),
        (k(26), Pace::OnTrack),
        (k(22), Pace::OnTrack),
        (k(21), Pace::Behind),
        ("{}".into(), Pace::NoData),
    ] {
        let got = one(cnt, "", &actuals, "null");
        assert_eq!((got.kind, got.pace), (Kind::Count, pace), "count {actuals}");
    }
    // Without a plan period a count has no path.
    let no_period = run(
        &k(20),
        r#"{ "id": "t", "year": 2027, "targets": [ { "metric": "tianfu_quality_award_new", "value": 30 } ] }"#,
        "null",
    );
    assert_eq!(no_period[0].pace, Pace::NoBaseline);

    let q = r#"{ "metric": "mqci", "kind": "qualitative", "wording": "明显增强" }"#;
    for actuals in [a(99.0), "{}".into()] {
        let got = one(q, "", &actuals, "null");
        assert_eq!(
            (got.kind, got.pace, got.status),
            (Kind::Qualitative, Pace::Qualitative, Status::Qualitative)
        );
        assert_eq!((got.expected, got.gap_to_path), (None, None));
    }
}

/// `<=` and `=` targets follow the path in their own direction.
#[test]
fn lower_is_better_and_equality() {
    let le = r#"{ "metric": "mqci", "op": "<=", "value": 80, "baseline": { "year": 2022, "value": 90 } }"#;
    let v = |x: f64| format!(r#"{{ "mqci": {{ "value": {x}, "year": 2025 }} }}"#);
    // E(2025) = 90 − 10·3/5 = 84, tolerance 0.5.
    let got = one(le, "", &v(83.0), "null");
    assert_eq!(
        (got.expected, got.pace, got.gap_to_path),
        (Some(84.0), Pace::Ahead, Some(1.0))
    );
    assert_eq!(one(le, "", &v(84.4), "null").pace, Pace::OnTrack);
    assert_eq!(one(le, "", &v(85.0), "null").pace, Pace::Behind);
    assert_eq!(one(le, "", &v(80.0), "null").pace, Pace::Done);
    assert_eq!(one(le, "", &v(85.0), "null").gap_to_target, Some(5.0));
    let eq = r#"{ "metric": "project_acceptance_rate", "op": "=", "value": 100,
                  "baseline": { "year": 2022, "value": 95 } }"#;
    let w =
        |x: f64| format!(r#"{{ "project_acceptance_rate": {{ "value": {x}, "year": 2025 }} }}"#);
    assert_eq!(one(eq, "", &w(100.0), "null").pace, Pace::Done);
    assert_eq!(one(eq, "", &w(97.9), "null").pace, Pace::OnTrack);
    assert_eq!(one(eq, "", &w(96.0), "null").pace, Pace::Behind);
}

/// An actual's data year: its own, else `asOf`, else the plan's end year (the classic end check).
#[test]
fn data_year_of_an_actual() {
    let p = profile_json(
        r#"{ "metric": "mqci", "op": ">=", "value": 90, "baseline": { "year": 2022, "value": 85 } }"#,
        "",
    );
    assert_eq!(
        run(r#"{ "mqci": 88 }"#, &p, r#"{ "asOf": 2025 }"#)[0].year,
        Some(2025)
    );
    let end = &run(r#"{ "mqci": 88 }"#, &p, "null")[0];
    assert_eq!(
        (end.year, end.expected, end.pace),
        (Some(2027), Some(90.0), Pace::Behind)
    );
    let own = &run(
        r#"{ "mqci": { "value": 88, "year": 2024 } }"#,
        &p,
        r#"{ "asOf": 2026 }"#,
    )[0];
    assert_eq!((own.year, own.pace), (Some(2024), Pace::Ahead));
}

#[test]
fn summary_counts_every_pace() {
    let c = check_values(
        &json(r#"{ "mqci": 90, "tianfu_quality_award_new": { "value": 18, "year": 2026 } }"#),
        &Value::String("sichuan-2027".into()),
        &json(r#"{ "asOf": 2026 }"#),
    )
    .unwrap();
    let p = c.summary.paces;
    assert_eq!((p.done, p.behind, p.no_data), (1, 1, 7));
    assert_eq!(c.summary.met + c.summary.not_met + c.summary.no_data, 9);
    assert!(!c.profile.expired);
    let c = check_values(
        &json("{}"),
        &Value::String("national-2025".into()),
        &json(r#"{ "asOf": 2026 }"#),
    )
    .unwrap();
    assert!(c.profile.expired);
}

#[test]
fn expired_profiles() {
    let all = target_profiles(Some(2026));
    let expired: Vec<&str> = all
        .iter()
        .filter(|p| p.expired)
        .map(|p| p.id.as_str())
        .collect();
    assert!(expired.contains(&"national-2025") && expired.contains(&"shandong-2020"));
    assert!(!expired.contains(&"sichuan-2027") && !expired.contains(&"miit-excellence-2027"));
    assert_eq!(
        expired.len(),
        all.iter().filter(|p| p.year < Some(2026)).count()
    );
    assert!(target_profiles(None).iter().all(|p| !p.expired));
    let o = |t: &str| mqci::targets::profiles_options(&json(t));
    assert_eq!(o(r#"{ "asOf": 2026 }"#).unwrap(), Some(2026));
    assert_eq!(o("null").unwrap(), None);
    let e = o(r#"{ "asof": 2026 }"#).unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown_key", "options.asof"));
    let in_2025: Vec<String> = target_profiles(Some(2025))
        .into_iter()
        .filter(|p| p.expired)
        .map(|p| p.id)
        .collect();
    assert_eq!(
        in_2025,
        vec!["shandong-2020"],
        "a plan is not expired in its end year"
    );
}

#[test]
fn unknown_profile_is_an_error_never_a_fallback() {
    let e = check_values(
        &json("{}"),
        &Value::String("deyang-2027".into()),
        &Value::Null,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field(), e.value()),
        ("unknown_id", "profile", Some("deyang-2027"))
    );
    let e = profile_by_id("").unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown_id", "profile"));
}

/// A host's profile (`profile-src`, `readProfile`): every error names its path.
#[test]
fn host_profile_errors_name_the_field() {
    let city = r#"{
      "id": "deyang-2027", "zh": "德阳 2027 年目标", "region": "德阳", "status": "征求意见稿",
      "period": { "start": 2023, "end": 2027 },
      "targets": [
        { "metric": "mqci", "op": ">=", "value": 87, "baseline": { "year": 2022, "value": 84.5 }, "wording": "达到87" },
        { "metric": "manufacturing_pass_rate", "kind": "relative_national", "op": ">=", "value": 1 },
        { "metric": "tianfu_quality_award_new", "value": 5 },
        { "metric": "public_service_satisfaction", "kind": "qualitative", "wording": "保持全省前列" }
      ] }"#;
    let p = Profile::from_json(city).unwrap();
    assert_eq!(p.year, Some(2027));
    assert_eq!(p.targets[2].kind, Kind::Count);
    assert_eq!(p.targets[0].zh, "制造业质量竞争力指数");
    for (text, code, field) in [
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": ">=" } ] }"#,
            "missing",
            "profile.targets[0].value",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": "≥", "value": 1 } ] }"#,
            "unknown_id",
            "profile.targets[0].op",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "kind": "trend", "op": ">=", "value": 1 } ] }"#,
            "unknown_id",
            "profile.targets[0].kind",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": ">=", "value": 101 } ] }"#,
            "above_maximum",
            "profile.targets[0].value",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "tianfu_quality_award_new", "value": 2.5 } ] }"#,
            "not_an_integer",
            "profile.targets[0].value",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "kind": "change", "op": ">=", "value": -101 } ] }"#,
            "below_minimum",
            "profile.targets[0].value",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": ">=", "value": 1, "baseline": { "year": 2022.5, "value": 80 } } ] }"#,
            "not_an_integer",
            "profile.targets[0].baseline.year",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": ">=", "value": 1, "baseline": { "year": 2022 } } ] }"#,
            "missing",
            "profile.targets[0].baseline.value",
        ),
        (
            r#"{ "id": "x", "period": { "start": 2027, "end": 2023 }, "targets": [ { "metric": "mqci", "op": ">=", "value": 1 } ] }"#,
            "below_minimum",
            "profile.period.end",
        ),
        (
            r#"{ "id": "x", "status": "draft", "targets": [ { "metric": "mqci", "op": ">=", "value": 1 } ] }"#,
            "unknown_id",
            "profile.status",
        ),
        (
            r#"{ "id": "x", "tagets": [] }"#,
            "unknown_key",
            "profile.tagets",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "kind": "absolute", "op": "qualitative" } ] }"#,
            "unknown_id",
            "profile.targets[0].op",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "gdp", "op": ">=", "value": 1 } ] }"#,
            "unknown_id",
            "profile.targets[0].metric",
        ),
        (
            r#"{ "id": "x", "targets": [ { "metric": "mqci", "op": ">=", "value": 1, } ] }"#,
            "unreadable",
            "profile",
        ),
        (r#"[]"#, "wrong_type", "profile"),
    ] {
        let e = Profile::from_json(text).unwrap_err();
        let first = &e.errors()[0];
        assert_eq!((first.code(), first.field()), (code, field), "{text}: {e}");
    }
}

#[test]
fn actual_and_option_errors_name_the_field() {
    for (actuals, options, code, field) in [
        (
            r#"{ "mqci": { "value": 86, "year": 1800 } }"#,
            "null",
            "below_minimum",
            "actuals.mqci.year",
        ),
        (
            r#"{ "mqci": { "value": "abc", "year": 2024 } }"#,
            "null",
            "not_a_number",
            "actuals.mqci.value",
        ),
        (
            r#"{ "mqci": { "value": 86, "yaer": 2024 } }"#,
            "null",
            "unknown_key",
            "actuals.mqci.yaer",
        ),
        (
            r#"{ "national_gdp": 1 }"#,
            "null",
            "unknown_id",
            "actuals.national_gdp",
        ),
        (
            "{}",
            r#"{ "asOf": 2026.5 }"#,
            "not_an_integer",
            "options.asOf",
        ),
        (
            "{}",
            r#"{ "baselines": { "mqci": { "year": 2023, "value": 120 } } }"#,
            "above_maximum",
            "options.baselines.mqci.value",
        ),
        (
            "{}",
            r#"{ "baselines": { "gdp": { "year": 2023, "value": 1 } } }"#,
            "unknown_id",
            "options.baselines.gdp",
        ),
        ("{}", r#"{ "as_of": 2026 }"#, "unknown_key", "options.as_of"),
    ] {
        let e = check_values(
            &json(actuals),
            &Value::String("national-2025".into()),
            &json(options),
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (code, field),
            "{actuals} {options}: {e}"
        );
    }
    let a = read_actuals(&json(
        r#"{ "mqci": { "value": "85.86", "year": 2024 }, "national_mqci": 85.86 }"#,
    ))
    .unwrap();
    assert_eq!(
        a.get("mqci").map(|a| (a.value, a.year)),
        Some((85.86, Some(2024)))
    );
    assert_eq!(a.get("national_mqci").map(|a| a.year), Some(None));
}

/// The shipped files read with the crate's reader, and the reader agrees with serde_json.
#[test]
fn data_files_read_and_agree_with_serde_json() {
    fn from_serde(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(from_serde).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
            }
        }
    }
    for text in [
        mqci::targets::profiles::PROFILES_JSON,
        mqci::targets::figures::FIGURES_JSON,
    ] {
        let ours = parse_json(text, "x").unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        // serde_json (without preserve_order) sorts keys; compare with sorted keys.
        fn sorted(v: Value) -> Value {
            match v {
                Value::Object(mut o) => {
                    o.sort_by(|a, b| a.0.cmp(&b.0));
                    Value::Object(o.into_iter().map(|(k, v)| (k, sorted(v))).collect())
                }
                Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
                v => v,
            }
        }
        assert_eq!(sorted(ours), sorted(from_serde(&theirs)));
    }
    let profiles = shipped().unwrap();
    assert_eq!(profiles.len(), 15);
    let figures = mqci::targets::figures::shipped().unwrap();
    assert!(figures.len() >= 60);
    // Every profile and every figure states all schema fields, null only where allowed.
    let raw: serde_json::Value =
        serde_json::from_str(mqci::targets::profiles::PROFILES_JSON).unwrap();
    for p in raw["profiles"].as_array().unwrap() {
        for key in [
            "id", "zh", "en", "region", "issuer", "document", "date", "status", "source", "url",
            "period", "note", "targets",
        ] {
            assert!(p.get(key).is_some(), "{} lacks {key}", p["id"]);
        }
        for t in p["targets"].as_array().unwrap() {
            for key in ["metric", "kind", "op", "wording"] {
                assert!(t.get(key).is_some(), "{}: {t} lacks {key}", p["id"]);
            }
        }
    }
    let raw: serde_json::Value =
        serde_json::from_str(mqci::targets::figures::FIGURES_JSON).unwrap();
    for f in raw["figures"].as_array().unwrap() {
        for key in [
            "metric",
            "region",
            "scope",
            "dataYear",
            "published",
            "value",
            "status",
            "source",
        ] {
            assert!(f.get(key).is_some(), "{f} lacks {key}");
        }
    }
}

/// The schema rules of the data files are enforced by their readers (errors name the entry).
#[test]
fn data_file_schema_violations_are_refused() {
    use mqci::targets::figures::read_figures;
    use mqci::targets::profiles::read_profiles;
    let fig = |body: &str| format!(r#"{{ "schema": "mqci-figures/1", "figures": [ {body} ] }}"#);
    for (body, field) in [
        (
            r#"{ "metric": "mqci", "region": "全国", "scope": "national", "dataYear": null, "published": "2025", "value": 1, "status": "正式", "source": "s" }"#,
            "figures[0].note",
        ),
        (
            r#"{ "metric": "mqci", "region": "全国", "scope": "national", "dataYear": 2024, "published": "2025/08/22", "value": 1, "status": "正式", "source": "s" }"#,
            "figures[0].published",
        ),
        (
            r#"{ "metric": "mqci", "region": "全国", "scope": "industry", "dataYear": 2024, "published": "2025", "value": 1, "status": "正式", "source": "s" }"#,
            "figures[0].industry",
        ),
        (
            r#"{ "metric": "mqci", "region": "全国", "scope": "national", "dataYear": 2024, "published": "2025", "value": 1, "status": "正式" }"#,
            "figures[0].source",
        ),
        (
            r#"{ "metric": "mqci", "region": "全国", "scope": "national", "dataYear": 2024, "published": "2025", "value": 100.5, "status": "正式", "source": "s" }"#,
            "figures[0].value",
        ),
    ] {
        let e = read_figures(&fig(body)).unwrap_err();
        assert_eq!(e.errors()[0].field(), field, "{body}");
    }
    let prof = |body: &str| format!(r#"{{ "schema": "mqci-profiles/1", "profiles": [ {body} ] }}"#);
    let ok = r#"{ "id": "a", "document": "d", "date": "2023", "source": "s", "period": { "start": 2023, "end": 2025 }, "targets": [ { "metric": "mqci", "op": ">=", "value": 1, "wording": "w" } ] }"#;
    assert!(read_profiles(&prof(ok)).is_ok());
    let e = read_profiles(&prof(&format!("{ok}, {ok}"))).unwrap_err();
    assert_eq!((e.code(), e.field()), ("duplicate_id", "profiles[1].id"));
    let e = read_profiles(&prof(&ok.replace(r#", "wording": "w""#, ""))).unwrap_err();
    assert_eq!(e.field(), "profiles[0].targets[0].wording");
    let e = read_profiles(&prof(&ok.replace(r#""source": "s", "#, ""))).unwrap_err();
    assert_eq!(e.field(), "profiles[0].source");
}

/// The number as written in docs/methodology.md: "85.86", "80.00", "1,000", "10 万".
fn spellings(v: f64) -> Vec<String> {
    let mut out = vec![format!("{v}"), format!("{v:.2}")];
    if v >= 1000.0 && v.fract() == 0.0 {
        let n = v as u64;
        out.push(format!("{},{:03}", n / 1000, n % 1000));
    }
    if v >= 10_000.0 {
        out.push(format!("{} 万", v / 10_000.0));
    }
    out
}

/// Every shipped profile's numbers are in one row of the tables of docs/methodology.md §6/§10
/// that also carries the document's date and the target year.
#[test]
fn every_profile_traces_to_its_row_in_the_methodology() {
    let doc = include_str!("../docs/methodology.md");
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with('|')).collect();
    for p in shipped().unwrap() {
        let end = format!("| {} |", p.year.unwrap());
        let found = rows.iter().any(|row| {
            row.contains(&p.date)
                && row.contains(&end)
                && p.targets
                    .iter()
                    .filter_map(|t| t.value)
                    .all(|v| spellings(v).iter().any(|s| row.contains(s.as_str())))
        });
        assert!(
            found,
            "{}: no row of docs/methodology.md has its date, year and numbers",
            p.id
        );
    }
}

/// Every published figure's value is written in docs/methodology.md (§5, §6, §9), and every
/// figure without a data year or date says why.
#[test]
fn every_figure_traces_to_the_methodology() {
    let doc = include_str!("../docs/methodology.md");
    for f in mqci::targets::figures::shipped().unwrap() {
        assert!(
            spellings(f.value).iter().any(|s| doc.contains(s.as_str())),
            "{} {} {:?}: {} not in docs/methodology.md",
            f.region,
            f.metric,
            f.data_year,
            f.value
        );
        if f.data_year.is_none() || f.published.is_none() {
            assert!(!f.note.is_empty());
        }
        assert!(!f.source.is_empty());
    }
}

#[test]
fn the_latest_national_index_is_85_86_with_its_inferred_year() {
    let f = published_figures(&FigureFilter {
        metric: Some("mqci".into()),
        scope: Some(Scope::National),
        data_year: Some(2024),
        ..FigureFilter::default()
    });
    assert_eq!(
        f.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![85.6, 85.86]
    );
    let latest = &f[1];
    assert_eq!(latest.published.as_deref(), Some("2025-08-22"));
    assert!(latest.note.contains("inference"));
    let b = benchmarks();
    let last = b.national_index.last().unwrap();
    assert_eq!((last.data_year, last.value), (Some(2024), 85.86));
    assert!(b
        .national_index
        .windows(2)
        .all(|w| w[0].data_year < w[1].data_year));
    let rates: Vec<(Option<u16>, f64)> =
        b.pass_rate.iter().map(|f| (f.data_year, f.value)).collect();
    assert_eq!(
        rates,
        vec![
            (Some(2017), 93.71),
            (Some(2020), 93.39),
            (Some(2022), 93.29),
            (Some(2023), 93.65),
            (Some(2024), 93.93)
        ]
    );
    assert!(b
        .provinces
        .iter()
        .any(|f| f.region == "上海" && f.value == 94.59));
    assert!(b
        .industries
        .iter()
        .all(|f| f.scope == Scope::Industry && f.industry.is_some()));
    assert_eq!(b.industries.len(), 10);
}

#[test]
fn figure_filters() {
    let all = published_figures(&FigureFilter::default());
    assert_eq!(all.len(), mqci::targets::figures::shipped().unwrap().len());
    let v = FigureFilter::from_value(&json(r#"{ "region": "上海", "metric": "mqci" }"#)).unwrap();
    let sh = published_figures(&v);
    assert_eq!(
        sh.iter().map(|f| f.data_year).collect::<Vec<_>>(),
        vec![Some(2006), Some(2017), Some(2020), Some(2024)]
    );
    let e = FigureFilter::from_value(&json(r#"{ "metric": "gdp" }"#)).unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown_id", "options.metric"));
    let e = FigureFilter::from_value(&json(r#"{ "year": 2024 }"#)).unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown_key", "options.year"));
}

/// `check` with typed arguments gives what `check_values` gives.
#[test]
fn typed_and_value_entry_points_agree() {
    let a = read_actuals(&json(r#"{ "mqci": { "value": 85.86, "year": 2024 } }"#)).unwrap();
    let o = CheckOptions::from_value(&json(
        r#"{ "baselines": { "mqci": { "year": 2023, "value": 85.21 } } }"#,
    ))
    .unwrap();
    let p = profile_by_id("national-2025").unwrap();
    let typed = check(&a, &p, &o).unwrap();
    let values = check_values(
        &json(r#"{ "mqci": { "value": 85.86, "year": 2024 } }"#),
        &Value::String("national-2025".into()),
        &json(r#"{ "baselines": { "mqci": { "year": 2023, "value": 85.21 } } }"#),
    )
    .unwrap();
    assert_eq!(typed, values);
}
