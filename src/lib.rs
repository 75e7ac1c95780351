//! # mqci — 制造业质量竞争力指数 self-assessment
//!
//! A pure Rust core (no wasm imports) that computes an MQCI-style assessment from any mix of the
//! 12 statistical indicators and known sub-scores, derives indicators from raw figures, and
//! checks actual figures against the quality targets of government plans. The only module that
//! names `wasm_bindgen` is [`wasm`] (compiled for `wasm32` only).
//!
//! The domain reference, with sources, is `docs/methodology.md`; each module cites the section
//! its formulas come from.

pub mod annual;
pub mod assess;
pub mod decimal;
pub mod derive;
pub mod error;
pub mod limits;
pub mod methodology;
pub mod model;
pub mod number;
pub mod ordered;
pub mod plan;
pub mod score;
pub mod tape;
pub mod targets;
pub mod value;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assess::{assess, Assessment, Input};
pub use derive::derive_indicators;
pub use error::{Error, Result};
pub use methodology::builtin::{default_methodology, Options};
pub use methodology::Methodology;

/// The version of this engine (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every closed set of ids in the wire format, as (TypeScript type name, ids in order): the
/// one source the TypeScript declarations are checked against. Each list comes from the enum
/// that reads and writes it (`wire_enum!` in `src/wire.rs`) or, for error codes, from [`Error::CODES`].
pub fn wire_ids() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("IndicatorId", &model::Indicator::IDS),
        ("TertiaryId", &model::Tertiary::IDS),
        ("SecondaryId", &model::Secondary::IDS),
        ("Unit", &model::Unit::IDS),
        ("Direction", &model::Direction::IDS),
        ("Standardization", &score::Standardization::IDS),
        ("BandScheme", &methodology::builtin::BandScheme::IDS),
        ("Source", &assess::Source::IDS),
        ("Clamp", &assess::Clamp::IDS),
        ("WarningCode", &assess::WarningCode::IDS),
        ("TargetOp", &targets::Op::IDS),
        ("TargetStatus", &targets::Status::IDS),
        ("MetricUnit", &targets::MetricUnit::IDS),
        ("TargetKind", &targets::Kind::IDS),
        ("TargetPace", &targets::Pace::IDS),
        ("DocStatus", &targets::DocStatus::IDS),
        ("ValueOrigin", &targets::Origin::IDS),
        ("FigureScope", &targets::Scope::IDS),
        ("ErrorCode", &Error::CODES),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of<T: serde::Serialize>(all: &[T]) -> Vec<String> {
        all.iter()
            .map(|v| match serde_json::to_value(v) {
                Ok(serde_json::Value::String(s)) => s,
                other => panic!("not serialized as its id: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn serialization_writes_the_listed_ids() {
        let serialized = [
            ids_of(&model::Indicator::ALL),
            ids_of(&model::Tertiary::ALL),
            ids_of(&model::Secondary::ALL),
            ids_of(&model::Unit::ALL),
            ids_of(&model::Direction::ALL),
            ids_of(&score::Standardization::ALL),
            ids_of(&methodology::builtin::BandScheme::ALL),
            ids_of(&assess::Source::ALL),
            ids_of(&assess::Clamp::ALL),
            ids_of(&assess::WarningCode::ALL),
            ids_of(&targets::Op::ALL),
            ids_of(&targets::Status::ALL),
            ids_of(&targets::MetricUnit::ALL),
            ids_of(&targets::Kind::ALL),
            ids_of(&targets::Pace::ALL),
            ids_of(&targets::DocStatus::ALL),
            ids_of(&targets::Origin::ALL),
            ids_of(&targets::Scope::ALL),
        ];
        let listed = wire_ids();
        for (n, ids) in serialized.iter().enumerate() {
            assert_eq!(ids, &listed[n].1.to_vec(), "{}", listed[n].0);
        }
        assert_eq!(listed.last().map(|l| l.0), Some("ErrorCode"));
        for (name, ids) in &listed {
            let mut unique = ids.to_vec();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{name}: ids are unique");
        }
    }
}
