//! # mqci — 制造业质量竞争力指数 self-assessment
//!
//! A pure Rust core (no wasm imports) that computes an MQCI-style assessment from any mix of the
//! 12 statistical indicators and known sub-scores, derives indicators from raw figures, and
//! checks actual figures against the quality targets of government plans. The only module that
//! names `wasm_bindgen` is [`wasm`] (compiled for `wasm32` only).
//!
//! The domain reference, with sources, is `shared/domain/MQCI.md`; each module cites the section
//! its formulas come from.

pub mod assess;
pub mod derive;
pub mod error;
pub mod limits;
pub mod methodology;
pub mod model;
pub mod number;
pub mod ordered;
pub mod targets;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assess::{assess, Assessment, Input};
pub use derive::derive_indicators;
pub use error::{Error, Result};
pub use methodology::builtin::{default_methodology, Options};
pub use methodology::Methodology;

/// The version of this engine (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
