//! The one error type of the crate.
//!
//! Every variant names the field (a dotted path such as `values.spot_check_pass_rate` or
//! `methodology.indicators.quality_loss_rate.best`) and, where there is one, quotes the value
//! as it was given, so a person can find and fix it. The wasm binding turns an [`Error`] into a
//! JS `Error` carrying `code`, `field` and `value` as well as the message.

use std::fmt;

use crate::decimal::Num;
use crate::limits::{MAX_ERRORS, QUOTE_CHARS};

/// A named number or word an error carries, for a page to put into its own sentence
/// (`{ sum: 1.1 }`, `{ expected: "object", got: "array" }`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param {
    /// A number (a limit, a sum, a bound).
    Num(f64),
    /// A wire id or a type name.
    Text(&'static str),
}

/// Everything that can go wrong, with the field it concerns. Each variant is one rule, carries
/// the numbers of the rule ([`Error::params`]) and has a stable snake_case [`Error::code`].
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An id that is not an indicator/node/metric/profile/choice id.
    UnknownId {
        /// Where the id was found.
        field: String,
        /// The unknown id (quoted).
        id: String,
    },
    /// A key an object may not have (a typo, an output-only key of another schema).
    UnknownKey {
        /// Path of the key.
        field: String,
        /// The key (quoted).
        key: String,
    },
    /// A value of the wrong JS type.
    WrongType {
        /// The field.
        field: String,
        /// `object`, `array`, `string`, `number` or `boolean`.
        expected: &'static str,
        /// `null`, `boolean`, `number`, `string`, `array`, `object` or `other`.
        got: &'static str,
    },
    /// Not a number at all (`"abc"`).
    NotANumber {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// NaN or ±Infinity.
    NotFinite {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A negative figure where only non-negative ones exist.
    Negative {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// Above the largest possible value (100 % for a rate, 150 for 产品质量等级品率, …).
    AboveMaximum {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
        /// The largest acceptable value.
        max: f64,
    },
    /// Below the smallest possible value.
    BelowMinimum {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
        /// The smallest acceptable value.
        min: f64,
    },
    /// A form that could mean two numbers, such as `"1,5"` (1.5 or 15?).
    Ambiguous {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A `%` on a figure whose unit is not a percentage.
    UnexpectedPercent {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A score outside the 60–100 range of the index.
    ScoreOutOfRange {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// A denominator that is zero or missing.
    ZeroDenominator {
        /// The denominator field.
        field: String,
        /// The value as given (`""` when missing).
        value: String,
    },
    /// A required field is missing.
    Missing {
        /// The field.
        field: String,
    },
    /// A string or list that must not be empty.
    Empty {
        /// The field.
        field: String,
    },
    /// Parts that exceed their whole (grade outputs above 工业总产值, losses above it).
    PartsExceedWhole {
        /// The whole's field.
        field: String,
        /// Sum of the parts.
        sum: f64,
        /// The whole.
        whole: f64,
    },
    /// A weight outside 0..=1.
    WeightRange {
        /// The weight's field.
        field: String,
        /// The weight as given.
        value: String,
    },
    /// Sibling weights that do not sum to 1 (within 1e-9).
    WeightsSum {
        /// The siblings, e.g. `indicators[parent=standards_technology]`.
        field: String,
        /// Their sum.
        sum: f64,
    },
    /// A parent other than the fixed tree's.
    FixedParent {
        /// The `parent` field.
        field: String,
        /// The parent as given (quoted).
        value: String,
        /// The tree's parent id.
        expected: &'static str,
    },
    /// A unit other than the indicator definition's.
    FixedUnit {
        /// The `unit` field.
        field: String,
        /// The unit id as given.
        value: &'static str,
        /// The definition's unit id.
        expected: &'static str,
    },
    /// `worst` = `best`.
    WorstEqualsBest {
        /// The `best` field.
        field: String,
        /// `best` as given.
        value: String,
        /// The 60-point value.
        worst: f64,
        /// The 100-point value.
        best: f64,
    },
    /// `worst`/`best` in the wrong order for `direction`.
    DirectionContradiction {
        /// The `best` field.
        field: String,
        /// `best` as given.
        value: String,
        /// The 60-point value.
        worst: f64,
        /// The 100-point value.
        best: f64,
        /// `higher` or `lower`.
        direction: &'static str,
    },
    /// A `worst`/`best` beyond the supported magnitude.
    SpanTooWide {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
        /// The largest supported magnitude.
        max: f64,
    },
    /// A methodology without bands.
    NoBands {
        /// `bands`.
        field: String,
    },
    /// An id used twice.
    DuplicateId {
        /// The second occurrence.
        field: String,
        /// The id (quoted).
        id: String,
    },
    /// A band whose `max` is not above its `min`.
    BandOrder {
        /// The band's `max` field.
        field: String,
        /// `max` as given.
        value: String,
        /// The band's min.
        min: f64,
        /// The band's max.
        max: f64,
    },
    /// A band whose `min` is not the previous band's `max`.
    BandGap {
        /// The band's `min` field.
        field: String,
        /// `min` as given.
        value: String,
        /// The previous band's max.
        previous: f64,
    },
    /// Bands that leave part of 60–100 uncovered.
    BandCoverage {
        /// `bands[0].min` or the last band's `max`.
        field: String,
        /// The value as given.
        value: String,
        /// The end of the scale left uncovered: 60 or 100.
        bound: f64,
    },
    /// A provenance that does not start with `sourced:` or `assumed:` followed by a text.
    ProvenancePrefix {
        /// The field.
        field: String,
        /// The provenance as given (quoted).
        value: String,
    },
    /// A reader limit hit ([`crate::limits`]).
    TooLarge {
        /// Where it was hit.
        field: String,
        /// `depth`, `nodes`, `keys`, `string`, `array`, `errors` or `bytes`.
        limit: &'static str,
        /// The limit.
        max: u64,
    },
    /// A count that is not a whole number.
    NotAnInteger {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
    },
    /// Reading the caller's value threw (a throwing getter, a revoked Proxy…).
    Unreadable {
        /// Where.
        field: String,
        /// A short quote of the exception.
        value: String,
    },
    /// Should never happen (a result that could not be serialized).
    Internal {
        /// What was being produced.
        field: String,
        /// For developers.
        message: String,
    },
    /// Several field errors found in one input, reported together so a form can mark them all.
    Many(Vec<Error>),
    /// An indicator both given (a value or a score) and marked not applicable.
    Conflict {
        /// `notApplicable[i]`.
        field: String,
        /// The indicator id.
        id: String,
    },
    /// Every indicator of a secondary node marked not applicable: the index has no basis for
    /// half of it.
    SecondaryNotApplicable {
        /// `notApplicable`.
        field: String,
        /// The secondary node's id.
        secondary: &'static str,
    },
}

/// Quotes a value for an error: as given, or its first [`QUOTE_CHARS`] characters and "…".
pub fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => {
            let (head, _) = text.split_at_checked(at).unwrap_or((text, ""));
            let mut out = head.to_string();
            out.push('…');
            out
        }
        None => text.to_string(),
    }
}

impl Error {
    /// Every code [`Error::code`] can return, in the order of the variants.
    pub const CODES: [&'static str; 35] = [
        "unknown_id",
        "unknown_key",
        "wrong_type",
        "not_a_number",
        "not_finite",
        "negative",
        "above_maximum",
        "below_minimum",
        "ambiguous",
        "unexpected_percent",
        "score_out_of_range",
        "zero_denominator",
        "missing",
        "empty",
        "parts_exceed_whole",
        "weight_range",
        "weights_sum",
        "fixed_parent",
        "fixed_unit",
        "worst_equals_best",
        "direction_contradiction",
        "span_too_wide",
        "no_bands",
        "duplicate_id",
        "band_order",
        "band_gap",
        "band_coverage",
        "provenance_prefix",
        "too_large",
        "not_an_integer",
        "unreadable",
        "internal",
        "many",
        "conflict",
        "secondary_not_applicable",
    ];

    /// A stable machine-readable code, for a page to pick a localized message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownId { .. } => "unknown_id",
            Error::UnknownKey { .. } => "unknown_key",
            Error::WrongType { .. } => "wrong_type",
            Error::NotANumber { .. } => "not_a_number",
            Error::NotFinite { .. } => "not_finite",
            Error::Negative { .. } => "negative",
            Error::AboveMaximum { .. } => "above_maximum",
            Error::BelowMinimum { .. } => "below_minimum",
            Error::Ambiguous { .. } => "ambiguous",
            Error::UnexpectedPercent { .. } => "unexpected_percent",
            Error::ScoreOutOfRange { .. } => "score_out_of_range",
            Error::ZeroDenominator { .. } => "zero_denominator",
            Error::Missing { .. } => "missing",
            Error::Empty { .. } => "empty",
            Error::PartsExceedWhole { .. } => "parts_exceed_whole",
            Error::WeightRange { .. } => "weight_range",
            Error::WeightsSum { .. } => "weights_sum",
            Error::FixedParent { .. } => "fixed_parent",
            Error::FixedUnit { .. } => "fixed_unit",
            Error::WorstEqualsBest { .. } => "worst_equals_best",
            Error::DirectionContradiction { .. } => "direction_contradiction",
            Error::SpanTooWide { .. } => "span_too_wide",
            Error::NoBands { .. } => "no_bands",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::BandOrder { .. } => "band_order",
            Error::BandGap { .. } => "band_gap",
            Error::BandCoverage { .. } => "band_coverage",
            Error::ProvenancePrefix { .. } => "provenance_prefix",
            Error::TooLarge { .. } => "too_large",
            Error::NotAnInteger { .. } => "not_an_integer",
            Error::Unreadable { .. } => "unreadable",
            Error::Internal { .. } => "internal",
            Error::Many(_) => "many",
            Error::Conflict { .. } => "conflict",
            Error::SecondaryNotApplicable { .. } => "secondary_not_applicable",
        }
    }

    /// The path of the field the error concerns (the first one for [`Error::Many`]); never
    /// empty: a whole argument is named `input`, `methodology`, `raw`, `actuals`, `profile` or
    /// `options`.
    pub fn field(&self) -> &str {
        match self {
            Error::UnknownId { field, .. }
            | Error::UnknownKey { field, .. }
            | Error::WrongType { field, .. }
            | Error::NotANumber { field, .. }
            | Error::NotFinite { field, .. }
            | Error::Negative { field, .. }
            | Error::AboveMaximum { field, .. }
            | Error::BelowMinimum { field, .. }
            | Error::Ambiguous { field, .. }
            | Error::UnexpectedPercent { field, .. }
            | Error::ScoreOutOfRange { field, .. }
            | Error::ZeroDenominator { field, .. }
            | Error::Missing { field }
            | Error::Empty { field }
            | Error::PartsExceedWhole { field, .. }
            | Error::WeightRange { field, .. }
            | Error::WeightsSum { field, .. }
            | Error::FixedParent { field, .. }
            | Error::FixedUnit { field, .. }
            | Error::WorstEqualsBest { field, .. }
            | Error::DirectionContradiction { field, .. }
            | Error::SpanTooWide { field, .. }
            | Error::NoBands { field }
            | Error::DuplicateId { field, .. }
            | Error::BandOrder { field, .. }
            | Error::BandGap { field, .. }
            | Error::BandCoverage { field, .. }
            | Error::ProvenancePrefix { field, .. }
            | Error::TooLarge { field, .. }
            | Error::NotAnInteger { field, .. }
            | Error::Unreadable { field, .. }
            | Error::Internal { field, .. } => field,
            Error::Many(errors) => errors.first().map_or("input", Error::field),
            Error::Conflict { field, .. } | Error::SecondaryNotApplicable { field, .. } => field,
        }
    }

    /// The value as given, when the error is about a value; numbers are written as JS writes
    /// them (`1e+300`, `-1e-300`), long strings cut at [`QUOTE_CHARS`] characters and "…".
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::NotANumber { value, .. }
            | Error::NotFinite { value, .. }
            | Error::Negative { value, .. }
            | Error::AboveMaximum { value, .. }
            | Error::BelowMinimum { value, .. }
            | Error::Ambiguous { value, .. }
            | Error::UnexpectedPercent { value, .. }
            | Error::ScoreOutOfRange { value, .. }
            | Error::ZeroDenominator { value, .. }
            | Error::WeightRange { value, .. }
            | Error::FixedParent { value, .. }
            | Error::WorstEqualsBest { value, .. }
            | Error::DirectionContradiction { value, .. }
            | Error::SpanTooWide { value, .. }
            | Error::BandOrder { value, .. }
            | Error::BandGap { value, .. }
            | Error::BandCoverage { value, .. }
            | Error::ProvenancePrefix { value, .. }
            | Error::NotAnInteger { value, .. }
            | Error::Unreadable { value, .. } => Some(value),
            Error::FixedUnit { value, .. } => Some(value),
            Error::UnknownId { id, .. } | Error::DuplicateId { id, .. } => Some(id),
            Error::UnknownKey { key, .. } => Some(key),
            Error::WrongType { .. }
            | Error::Missing { .. }
            | Error::Empty { .. }
            | Error::PartsExceedWhole { .. }
            | Error::WeightsSum { .. }
            | Error::NoBands { .. }
            | Error::TooLarge { .. }
            | Error::Internal { .. } => None,
            Error::Many(errors) => errors.first().and_then(Error::value),
            Error::Conflict { id, .. } => Some(id),
            Error::SecondaryNotApplicable { .. } => None,
        }
    }

    /// The named numbers and words of the rule (`[("sum", Num(1.1))]`); empty when the code
    /// says it all. For [`Error::Many`], those of the first error.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        use Param::{Num as N, Text as T};
        match self {
            Error::WrongType { expected, got, .. } => {
                vec![("expected", T(expected)), ("got", T(got))]
            }
            Error::AboveMaximum { max, .. } => vec![("max", N(*max))],
            Error::BelowMinimum { min, .. } => vec![("min", N(*min))],
            Error::ScoreOutOfRange { .. } => {
                vec![
                    ("min", N(crate::score::Score::MIN)),
                    ("max", N(crate::score::Score::MAX)),
                ]
            }
            Error::PartsExceedWhole { sum, whole, .. } => {
                vec![("sum", N(*sum)), ("whole", N(*whole))]
            }
            Error::WeightsSum { sum, .. } => vec![("sum", N(*sum))],
            Error::FixedParent { expected, .. } | Error::FixedUnit { expected, .. } => {
                vec![("expected", T(expected))]
            }
            Error::WorstEqualsBest { worst, best, .. } => {
                vec![("worst", N(*worst)), ("best", N(*best))]
            }
            Error::DirectionContradiction {
                worst,
                best,
                direction,
                ..
            } => vec![
                ("worst", N(*worst)),
                ("best", N(*best)),
                ("direction", T(direction)),
            ],
            Error::SpanTooWide { max, .. } => vec![("max", N(*max))],
            Error::BandOrder { min, max, .. } => vec![("min", N(*min)), ("max", N(*max))],
            Error::BandGap { previous, .. } => vec![("previous", N(*previous))],
            Error::BandCoverage { bound, .. } => vec![("bound", N(*bound))],
            Error::TooLarge { limit, max, .. } => {
                vec![("limit", T(limit)), ("max", N(*max as f64))]
            }
            Error::Many(errors) => errors.first().map_or_else(Vec::new, Error::params),
            Error::UnknownId { .. }
            | Error::UnknownKey { .. }
            | Error::NotANumber { .. }
            | Error::NotFinite { .. }
            | Error::Negative { .. }
            | Error::Ambiguous { .. }
            | Error::UnexpectedPercent { .. }
            | Error::ZeroDenominator { .. }
            | Error::Missing { .. }
            | Error::Empty { .. }
            | Error::WeightRange { .. }
            | Error::NoBands { .. }
            | Error::DuplicateId { .. }
            | Error::ProvenancePrefix { .. }
            | Error::NotAnInteger { .. }
            | Error::Unreadable { .. }
            | Error::Internal { .. } => Vec::new(),
            Error::Conflict { .. } => Vec::new(),
            Error::SecondaryNotApplicable { secondary, .. } => vec![("secondary", T(secondary))],
        }
    }

    /// The individual errors: itself, or the list of a [`Error::Many`].
    pub fn errors(&self) -> Vec<&Error> {
        match self {
            Error::Many(errors) => errors.iter().collect(),
            other => vec![other],
        }
    }

    /// The individual errors, owned: itself, or the list of a [`Error::Many`].
    pub fn into_errors(self) -> Vec<Error> {
        match self {
            Error::Many(errors) => errors,
            other => vec![other],
        }
    }

    /// Collapses a list of errors: none → `Ok`, one → itself, more → [`Error::Many`]. At most
    /// [`MAX_ERRORS`] are kept: beyond that, the first `MAX_ERRORS − 1` and a final
    /// [`Error::TooLarge`] (limit `errors`) at the field of the first one cut off.
    pub fn from_list(mut errors: Vec<Error>) -> std::result::Result<(), Error> {
        if errors.len() > MAX_ERRORS {
            let cut = errors.swap_remove(MAX_ERRORS - 1);
            errors.truncate(MAX_ERRORS - 1);
            errors.push(Error::TooLarge {
                field: cut.field().to_string(),
                limit: "errors",
                max: MAX_ERRORS as u64,
            });
        }
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownId { field, id } => write!(f, "{field}: unknown id \"{id}\""),
            Error::UnknownKey { field, key } => write!(f, "{field}: unknown key \"{key}\""),
            Error::WrongType {
                field,
                expected,
                got,
            } => write!(f, "{field}: must be of type {expected}, not {got}"),
            Error::NotANumber { field, value } => write!(f, "{field}: \"{value}\" is not a number"),
            Error::NotFinite { field, value } => {
                write!(f, "{field}: \"{value}\" is not a finite number")
            }
            Error::Negative { field, value } => {
                write!(f, "{field}: \"{value}\" is negative; this figure cannot be below 0")
            }
            Error::AboveMaximum { field, value, max } => {
                write!(f, "{field}: \"{value}\" is above the maximum of {}", Num(*max))
            }
            Error::BelowMinimum { field, value, min } => {
                write!(f, "{field}: \"{value}\" is below the minimum of {}", Num(*min))
            }
            Error::Ambiguous { field, value } => write!(
                f,
                "{field}: \"{value}\" is ambiguous (decimal comma or thousands separator?); type it with a decimal point, e.g. 1.5"
            ),
            Error::UnexpectedPercent { field, value } => {
                write!(f, "{field}: \"{value}\" has a % sign but this figure is not a percentage")
            }
            Error::ScoreOutOfRange { field, value } => {
                write!(f, "{field}: score \"{value}\" is outside the range 60–100")
            }
            Error::ZeroDenominator { field, value } => {
                if value.is_empty() {
                    write!(f, "{field}: the denominator is missing")
                } else {
                    write!(f, "{field}: the denominator \"{value}\" is zero")
                }
            }
            Error::Missing { field } => write!(f, "{field}: required but missing"),
            Error::Empty { field } => write!(f, "{field}: must not be empty"),
            Error::PartsExceedWhole { field, sum, whole } => write!(
                f,
                "{field}: the parts add up to {}, more than the whole of {}",
                Num(*sum),
                Num(*whole)
            ),
            Error::WeightRange { field, value } => {
                write!(f, "{field}: weight {value} must be a number from 0 to 1")
            }
            Error::WeightsSum { field, sum } => {
                write!(f, "{field}: sibling weights sum to {}, not 1", Num(*sum))
            }
            Error::FixedParent {
                field,
                value,
                expected,
            } => write!(
                f,
                "{field}: \"{value}\" is not its parent; the tree is fixed (parent is {expected})"
            ),
            Error::FixedUnit {
                field,
                value,
                expected,
            } => write!(
                f,
                "{field}: the unit is fixed by the indicator's definition ({expected}, not {value})"
            ),
            Error::WorstEqualsBest {
                field, worst, best, ..
            } => write!(
                f,
                "{field}: best ({}) must differ from worst ({})",
                Num(*best),
                Num(*worst)
            ),
            Error::DirectionContradiction {
                field,
                worst,
                best,
                direction,
                ..
            } => write!(
                f,
                "{field}: best ({}) and worst ({}) contradict direction \"{direction}\"",
                Num(*best),
                Num(*worst)
            ),
            Error::SpanTooWide { field, value, max } => write!(
                f,
                "{field}: {value} is beyond the supported magnitude of {}",
                Num(*max)
            ),
            Error::NoBands { field } => write!(f, "{field}: at least one band is needed"),
            Error::DuplicateId { field, id } => write!(f, "{field}: duplicate id \"{id}\""),
            Error::BandOrder {
                field, min, max, ..
            } => write!(
                f,
                "{field}: max ({}) must be above min ({})",
                Num(*max),
                Num(*min)
            ),
            Error::BandGap {
                field,
                value,
                previous,
            } => write!(
                f,
                "{field}: bands must be ascending and contiguous: min ({value}) must equal the previous band's max ({})",
                Num(*previous)
            ),
            Error::BandCoverage {
                field,
                value,
                bound,
            } => write!(
                f,
                "{field}: {value} leaves scores {} {} without a band",
                if *bound <= crate::score::Score::MIN { "from" } else { "up to" },
                Num(*bound)
            ),
            Error::ProvenancePrefix { field, value } => write!(
                f,
                "{field}: \"{value}\" must start with \"sourced:\" or \"assumed:\" followed by a text"
            ),
            Error::TooLarge { field, limit, max } => {
                write!(f, "{field}: too large (the limit of {limit} is {})", Num(*max as f64))
            }
            Error::NotAnInteger { field, value } => {
                write!(f, "{field}: \"{value}\" is not a whole number")
            }
            Error::Unreadable { field, value } => {
                write!(f, "{field}: could not be read ({value})")
            }
            Error::Internal { field, message } => write!(f, "{field}: internal error: {message}"),
            Error::Many(errors) => {
                write!(f, "{} fields are invalid: ", errors.len())?;
                for (n, e) in errors.iter().enumerate() {
                    if n > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            Error::Conflict { field, id } => write!(
                f,
                "{field}: \"{id}\" is given and marked not applicable; remove one of the two"
            ),
            Error::SecondaryNotApplicable { field, secondary } => write!(
                f,
                "{field}: every indicator of {secondary} is marked not applicable; at least one is needed"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_field_and_value() {
        let e = Error::NotANumber {
            field: "values.spot_check_pass_rate".into(),
            value: "abc".into(),
        };
        assert_eq!(
            e.to_string(),
            "values.spot_check_pass_rate: \"abc\" is not a number"
        );
        assert_eq!(e.code(), "not_a_number");
        assert_eq!(e.value(), Some("abc"));
        assert!(e.params().is_empty());
    }

    #[test]
    fn params_carry_the_numbers_of_the_rule() {
        let e = Error::WeightsSum {
            field: "secondary".into(),
            sum: 1.1,
        };
        assert_eq!(
            (e.code(), e.value(), e.params()),
            ("weights_sum", None, vec![("sum", Param::Num(1.1))])
        );
        let e = Error::WrongType {
            field: "input".into(),
            expected: "object",
            got: "array",
        };
        assert_eq!(
            e.params(),
            vec![
                ("expected", Param::Text("object")),
                ("got", Param::Text("array"))
            ]
        );
        let e = Error::ScoreOutOfRange {
            field: "scores.quality_level".into(),
            value: "59.99".into(),
        };
        assert_eq!(
            e.params(),
            vec![("min", Param::Num(60.0)), ("max", Param::Num(100.0))]
        );
        let e = Error::TooLarge {
            field: "values".into(),
            limit: "depth",
            max: 32,
        };
        assert_eq!(
            (e.code(), e.params()),
            (
                "too_large",
                vec![("limit", Param::Text("depth")), ("max", Param::Num(32.0))]
            )
        );
    }

    #[test]
    fn every_code_is_listed() {
        let samples = [
            Error::Missing { field: "a".into() },
            Error::Empty { field: "a".into() },
            Error::NoBands { field: "a".into() },
            Error::Unreadable {
                field: "a".into(),
                value: "TypeError".into(),
            },
            Error::Internal {
                field: "result".into(),
                message: "x".into(),
            },
            Error::Many(vec![Error::Missing { field: "b".into() }]),
        ];
        for e in samples {
            assert!(Error::CODES.contains(&e.code()), "{}", e.code());
        }
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "codes are unique");
    }

    #[test]
    fn long_values_are_quoted_with_a_prefix() {
        let long = "9".repeat(1000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(quote("短い"), "短い");
    }

    #[test]
    fn many_lists_all() {
        let e = Error::from_list(vec![
            Error::Missing { field: "a".into() },
            Error::Missing { field: "b".into() },
        ])
        .unwrap_err();
        assert_eq!(e.errors().len(), 2);
        assert_eq!((e.code(), e.field()), ("many", "a"));
        assert!(e.to_string().starts_with("2 fields are invalid"));
    }

    #[test]
    fn the_error_count_is_capped() {
        let errors = (0..500)
            .map(|n| Error::Missing {
                field: format!("f{n}"),
            })
            .collect();
        let e = Error::from_list(errors).unwrap_err();
        let all = e.errors();
        assert_eq!(all.len(), MAX_ERRORS);
        let last = all[MAX_ERRORS - 1];
        assert_eq!(
            (last.code(), last.field()),
            ("too_large", format!("f{}", MAX_ERRORS - 1).as_str())
        );
        assert_eq!(last.params()[0], ("limit", Param::Text("errors")));
        let exactly: Vec<Error> = (0..MAX_ERRORS)
            .map(|n| Error::Missing {
                field: format!("f{n}"),
            })
            .collect();
        let e = Error::from_list(exactly).unwrap_err();
        assert!(e.errors().iter().all(|e| e.code() == "missing"));
    }
}
