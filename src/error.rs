//! The one error type of the crate.
//!
//! Every variant names the field (a dotted path such as `values.spot_check_pass_rate` or
//! `methodology.indicators.quality_loss_rate.best`) and, where there is one, quotes the value
//! as it was given, so a person can find and fix it. The wasm binding turns an [`Error`] into a
//! JS `Error` carrying `code`, `field` and `value` as well as the message.

use std::fmt;

/// Everything that can go wrong, with the field it concerns.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An id that is not an indicator/node/metric/profile id.
    UnknownId {
        /// Where the id was found.
        field: String,
        /// The unknown id.
        id: String,
    },
    /// Not a number at all (`"abc"`, `true`, an object…).
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
    /// Above the largest possible value (100 % for a rate, 150 for 产品质量等级品率).
    AboveMaximum {
        /// The field.
        field: String,
        /// The value as given.
        value: String,
        /// The largest acceptable value.
        max: f64,
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
    /// Parts that exceed their whole (e.g. grade outputs above 工业总产值).
    Inconsistent {
        /// The field.
        field: String,
        /// What is inconsistent.
        message: String,
    },
    /// A methodology, profile or input object that does not have the expected shape or
    /// violates a rule (weights not summing to 1, worst = best, bands not contiguous, …).
    Invalid {
        /// Path of the bad field.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A reader limit (see [`crate::limits`]) was hit at `field`.
    TooLarge {
        /// Where the limit was hit.
        field: String,
        /// Which limit: "depth", "nodes", "keys", "string", "array", "errors" or "bytes".
        limit: &'static str,
        /// Its maximum.
        max: u64,
    },
    /// Reading the caller's value threw (a throwing getter, a revoked Proxy, …).
    Unreadable {
        /// Where.
        field: String,
        /// A short quote of the exception.
        value: String,
    },
    /// Several field errors found in one input, reported together so a form can mark them all.
    Many(Vec<Error>),
}

impl Error {
    /// A stable machine-readable code, for a page to pick a localized message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownId { .. } => "unknown_id",
            Error::NotANumber { .. } => "not_a_number",
            Error::NotFinite { .. } => "not_finite",
            Error::Negative { .. } => "negative",
            Error::AboveMaximum { .. } => "above_maximum",
            Error::Ambiguous { .. } => "ambiguous",
            Error::UnexpectedPercent { .. } => "unexpected_percent",
            Error::ScoreOutOfRange { .. } => "score_out_of_range",
            Error::ZeroDenominator { .. } => "zero_denominator",
            Error::Missing { .. } => "missing",
            Error::Inconsistent { .. } => "inconsistent",
            Error::Invalid { .. } => "invalid",
            Error::TooLarge { .. } => "too_large",
            Error::Unreadable { .. } => "unreadable",
            Error::Many(_) => "many",
        }
    }

    /// The path of the field the error concerns (the first one for [`Error::Many`]).
    pub fn field(&self) -> &str {
        match self {
            Error::UnknownId { field, .. }
            | Error::NotANumber { field, .. }
            | Error::NotFinite { field, .. }
            | Error::Negative { field, .. }
            | Error::AboveMaximum { field, .. }
            | Error::Ambiguous { field, .. }
            | Error::UnexpectedPercent { field, .. }
            | Error::ScoreOutOfRange { field, .. }
            | Error::ZeroDenominator { field, .. }
            | Error::Missing { field }
            | Error::Inconsistent { field, .. }
            | Error::Invalid { field, .. }
            | Error::TooLarge { field, .. }
            | Error::Unreadable { field, .. } => field,
            Error::Many(errors) => errors.first().map_or("", Error::field),
        }
    }

    /// The value as given, when the error is about a value.
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::NotANumber { value, .. }
            | Error::NotFinite { value, .. }
            | Error::Negative { value, .. }
            | Error::AboveMaximum { value, .. }
            | Error::Ambiguous { value, .. }
            | Error::UnexpectedPercent { value, .. }
            | Error::ScoreOutOfRange { value, .. }
            | Error::ZeroDenominator { value, .. }
            | Error::Unreadable { value, .. } => Some(value),
            Error::UnknownId { id, .. } => Some(id),
            Error::Missing { .. }
            | Error::Inconsistent { .. }
            | Error::Invalid { .. }
            | Error::TooLarge { .. } => None,
            Error::Many(errors) => errors.first().and_then(Error::value),
        }
    }

    /// The individual errors: itself, or the list of a [`Error::Many`].
    pub fn errors(&self) -> Vec<&Error> {
        match self {
            Error::Many(errors) => errors.iter().collect(),
            other => vec![other],
        }
    }

    /// Collapses a list of errors: none → `Ok`, one → itself, more → [`Error::Many`].
    pub fn from_list(mut errors: Vec<Error>) -> std::result::Result<(), Error> {
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
            Error::NotANumber { field, value } => write!(f, "{field}: \"{value}\" is not a number"),
            Error::NotFinite { field, value } => {
                write!(f, "{field}: \"{value}\" is not a finite number")
            }
            Error::Negative { field, value } => {
                write!(f, "{field}: \"{value}\" is negative; this figure cannot be below 0")
            }
            Error::AboveMaximum { field, value, max } => {
                write!(f, "{field}: \"{value}\" is above the maximum of {}", crate::number::Num(*max))
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
            Error::Inconsistent { field, message } => write!(f, "{field}: {message}"),
            Error::Invalid { field, message } => write!(f, "{field}: {message}"),
            Error::TooLarge { field, limit, max } => {
                write!(f, "{field}: too large (limit {limit}: at most {max})")
            }
            Error::Unreadable { field, value } => {
                write!(f, "{field}: could not be read (reading it threw \"{value}\")")
            }
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
    }

    #[test]
    fn many_lists_all() {
        let e = Error::from_list(vec![
            Error::Missing { field: "a".into() },
            Error::Missing { field: "b".into() },
        ])
        .unwrap_err();
        assert_eq!(e.errors().len(), 2);
        assert!(e.to_string().starts_with("2 fields are invalid"));
    }
}
