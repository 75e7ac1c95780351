//! # mqci-batch — a district's enterprises from a spreadsheet to a ranked, exported table
//!
//! The pure core of issue 11 (no wasm imports; tested natively):
//! [`read`] (bytes → [`table::Table`]), [`mapping`] (headers → indicators and raw figures),
//! [`score`] (a whole table in one columnar call, same numbers as [`mqci::assess`]),
//! [`region`] (the region's own index from Σ numerators / Σ denominators) and [`export`]
//! (CSV with BOM and XLSX). The only module naming `wasm_bindgen` is `wasm` (wasm32 only).

pub mod export;
pub mod mapping;
pub mod read;
pub mod region;
pub mod score;
pub mod summary;
pub mod table;
#[cfg(test)]
mod test_rng;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
