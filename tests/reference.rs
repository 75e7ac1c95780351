//! Reference cases with their sources (docs/methodology.md). Each test names where its
//! expected figure comes from; nothing here is a value the engine produced and we copied back.

use mqci::ordered::OrderedMap;

use mqci::assess::{assess, Input};
use mqci::derive::{derive_indicators, RawInput};
use mqci::methodology::builtin::{default_methodology, Options};
use mqci::methodology::{Methodology, Standardization};
use mqci::model::Indicator;
use mqci::number::Figure;

fn m() -> Methodology {
    default_methodology(Options::default())
}

fn scores(pairs: &[(&str, f64)]) -> Input {
    Input {
        values: OrderedMap::new(),
        scores: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
            .collect(),
        not_applicable: Vec::new(),
    }
}

fn values(pairs: &[(Indicator, f64)]) -> Input {
    Input {
        values: pairs
            .iter()
            .map(|(k, v)| (k.id().to_string(), Figure::Number(*v)))
            .collect(),
        scores: OrderedMap::new(),
        not_applicable: Vec::new(),
    }
}

/// 2007: 质量水平 84.76, 发展能力 77.21, published index 80.99 (gov.cn 2007-12-24
/// content_841824; zaneluse.com 2008-12-24). Half-up on the decimal value: 80.985 → 80.99.
#[test]
fn national_2007_secondary_to_index() {
    let a = assess(
        &scores(&[("quality_level", 84.76), ("development_capability", 77.21)]),
        &m(),
    )
    .unwrap();
    assert_eq!(a.index, Some(80.99));
    assert_eq!(a.band.map(|b| b.id), Some("initial".to_string()));
}

/// 2006: 83.41 and 76.55 (backed out of the published 2007 increases +1.35 and +0.66) give
/// the published 2006 index 79.98 (docs/methodology.md §3).
#[test]
fn national_2006_secondary_to_index() {
    let a = assess(
        &scores(&[("quality_level", 83.41), ("development_capability", 76.55)]),
        &m(),
    )
    .unwrap();
    assert_eq!(a.index, Some(79.98));
    assert_eq!(a.band.map(|b| b.id), Some("insufficient".to_string()));
}

/// 2007 partial: 标准与技术水平 85.92 is published; given as a tertiary score it is used as is.
#[test]
fn published_tertiary_score_is_used_directly() {
    let a = assess(&scores(&[("standards_technology", 85.92)]), &m()).unwrap();
    assert_eq!(a.tertiary.get("standards_technology"), Some(&Some(85.92)));
    assert!(!a.complete);
}

fn raw(id: &str, pairs: &[(&str, f64)]) -> RawInput {
    let inner = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Figure::Number(*v)))
        .collect();
    [(id.to_string(), inner)].into_iter().collect()
}

/// 《全国工业产品质量指标体系总体方案》技监局管发〔1991〕368号:
/// 等级品率 = (1.5·优等品产值 + 1.0·一等品产值 + 0.5·合格品产值) / 工业总产值 × 100.
#[test]
fn grade_product_rate_1991_formula() {
    let rate = |s: f64, f: f64, q: f64, total: f64| {
        let out = derive_indicators(&raw(
            "grade_product_rate",
            &[
                ("superiorOutput", s),
                ("firstClassOutput", f),
                ("qualifiedOutput", q),
                ("totalOutput", total),
            ],
        ))
        .unwrap();
        *out.get("grade_product_rate").unwrap()
    };
    // By definition (docs/methodology.md §8): all 合格品 = 50, all 一等品 = 100, all 优等品 = 150.
    assert_eq!(rate(0.0, 0.0, 1000.0, 1000.0), 50.0);
    assert_eq!(rate(0.0, 1000.0, 0.0, 1000.0), 100.0);
    assert_eq!(rate(1000.0, 0.0, 0.0, 1000.0), 150.0);
    // (1.5·200 + 1.0·500 + 0.5·250) / 1000 × 100 = 92.5; 50 of output is ungraded.
    assert_eq!(rate(200.0, 500.0, 250.0, 1000.0), 92.5);
}

/// Same 1991 scheme: 质量损失率 = (内部损失成本 + 外部损失成本) / 工业总产值 × 100.
#[test]
fn quality_loss_rate_1991_formula() {
    let out = derive_indicators(&raw(
        "quality_loss_rate",
        &[
            ("internalLoss", 30.0),
            ("externalLoss", 20.0),
            ("totalOutput", 5000.0),
        ],
    ))
    .unwrap();
    assert_eq!(out.get("quality_loss_rate"), Some(&1.0));
}

fn at(pick: impl Fn(&mqci::methodology::IndicatorParams) -> f64, m: &Methodology) -> Input {
    values(
        &Indicator::ALL
            .iter()
            .map(|&i| (i, pick(m.indicator(i).unwrap())))
            .collect::<Vec<_>>(),
    )
}

/// The 60–100 range (Xinhua 2010-12-16: "得分范围为60-100分"): all-best → 100, all-worst → 60,
/// for either standardization.
#[test]
fn extremes_score_100_and_60() {
    for standardization in [Standardization::Linear, Standardization::Exponential] {
        let m = default_methodology(Options {
            standardization,
            ..Options::default()
        });
        let best = assess(&at(|p| p.best, &m), &m).unwrap();
        assert_eq!(best.index, Some(100.0));
        assert_eq!(best.band.as_ref().map(|b| b.id.as_str()), Some("strong"));
        let worst = assess(&at(|p| p.worst, &m), &m).unwrap();
        assert_eq!(worst.index, Some(60.0));
        assert_eq!(worst.band.as_ref().map(|b| b.id.as_str()), Some("none"));
    }
}

/// Contributions (overall weight × score) add up to the index, to the cent, whatever the
/// values: the rounding is apportioned so that a table of contributions sums to the index.
#[test]
fn contributions_sum_to_the_index() {
    let m = m();
    for k in 0..40 {
        let f = k as f64 / 39.0;
        let input = at(
            |p| p.worst + (p.best - p.worst) * ((f * 7.3 + p.worst).sin().abs()),
            &m,
        );
        let a = assess(&input, &m).unwrap();
        let index = a.index.unwrap();
        let cents: i64 = a
            .indicators
            .iter()
            .map(|(_, r)| (r.contribution.unwrap() * 100.0).round() as i64)
            .sum();
        assert_eq!(cents, (index * 100.0).round() as i64, "case {k}");
    }
}

/// With one indicator missing, the index is unknown and the range is what the index would be
/// with that indicator at 60 and at 100, each level rounded as shown (docs/methodology.md §3).
#[test]
fn missing_indicator_gives_a_range() {
    let m = m();
    let mut input = at(|p| (p.worst + p.best) / 2.0, &m); // every score 80
    input.values.remove(Indicator::AvgSalesRevenue.id());
    let a = assess(&input, &m).unwrap();
    assert_eq!(a.index, None);
    assert!(!a.complete);
    assert_eq!(a.missing, vec!["avg_sales_revenue".to_string()]);
    let r = a.range.unwrap();
    // At 60: 市场适应能力 (80 + 60)/2 = 70; 发展能力 (80 + 80 + 70)/3 = 76.67 (shown);
    // index (80 + 76.67)/2 = 78.335 → 78.34. At 100: 90; 83.33; (80 + 83.33)/2 = 81.665 → 81.67.
    assert_eq!((r.min, r.max), (78.34, 81.67));
    assert_eq!(a.tertiary.get("market_adaptability"), Some(&None));
    assert_eq!(a.secondary.get("quality_level"), Some(&Some(80.0)));
    // Nothing given at all: the whole scale.
    let empty = assess(&Input::default(), &m).unwrap();
    let r = empty.range.unwrap();
    assert_eq!((r.min, r.max), (60.0, 100.0));
    assert_eq!(empty.missing.len(), 12);
}
