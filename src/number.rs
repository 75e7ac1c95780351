//! Numbers as people type them, and rounding as statisticians publish them.
//!
//! * [`Figure`] is a value as it arrives: a number, a string typed by a person, or nothing.
//! * [`parse_text`] accepts `"94"`, `"94%"`, `" 94.5 % "`, full-width `"９４．５％"` and thousands
//!   separators `"1,234.5"`, and refuses NaN/Infinity and ambiguous forms such as `"1,5"`.
//!
//! Rounding and the formatting of numbers in messages live in the leaf module
//! [`crate::decimal`] (re-exported here), which both this module and [`crate::error`] use.

use std::fmt;

use serde::Serialize;

use crate::decimal::pow10;
pub use crate::decimal::{fmt_num, round2, round_to, to_cents, Num};
use crate::error::{Error, Result};

/// A value as given through the API: a JS number, a typed string, or nothing (`null`,
/// `undefined`). Anything else (a boolean, an object) is kept as [`Figure::Other`] so that the
/// error can name the field instead of failing the whole object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Figure {
    /// A number (may be NaN or infinite; validated later).
    Number(f64),
    /// A string as typed.
    Text(String),
    /// `null` / `undefined`: treated like an empty field.
    Empty,
    /// Something that is not a number or a string; holds its JS type (`boolean`, `object`…)
    /// for the `wrong_type` error.
    #[serde(skip)]
    Other(&'static str),
}

impl Figure {
    /// The figure quoted for an error: a number as JS writes it, a text as typed (cut after
    /// [`crate::limits::QUOTE_CHARS`] characters).
    pub fn quoted(&self) -> String {
        match self {
            Figure::Text(s) => crate::error::quote(s),
            other => other.to_string(),
        }
    }
}

impl From<f64> for Figure {
    fn from(x: f64) -> Figure {
        Figure::Number(x)
    }
}

impl From<&str> for Figure {
    fn from(s: &str) -> Figure {
        Figure::Text(s.to_string())
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Number(x) => f.write_str(&fmt_num(*x)),
            Figure::Text(s) => f.write_str(s),
            Figure::Empty => Ok(()),
            Figure::Other(kind) => f.write_str(kind),
        }
    }
}

/// A parsed number and whether it was written with a `%` sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    /// The numeric value (can be negative; callers decide whether that is allowed).
    pub value: f64,
    /// Whether the text carried a `%` sign.
    pub percent: bool,
}

/// Maps full-width and look-alike characters to ASCII (`９４．５％` → `94.5%`).
fn normalize(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => {
            char::from_digit(c as u32 - 0xFF10, 10).unwrap_or(c) // always a digit 0–9
        }
        '\u{FF0E}' => '.',
        '\u{FF05}' => '%',
        '\u{FF0C}' => ',',
        '\u{FF0D}' | '\u{2212}' => '-',
        '\u{FF0B}' => '+',
        c => c,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}'
}

/// Parses a figure typed by a person. An empty or blank string is `Ok(None)` (a field left
/// empty). `field` is used in error messages.
pub fn parse_text(field: &str, text: &str) -> Result<Option<Parsed>> {
    if let Some(value) = plain_decimal(text) {
        return Ok(Some(Parsed {
            value,
            percent: false,
        }));
    }
    let normalized: String = text.chars().map(normalize).collect();
    let mut s = normalized.trim_matches(is_space);
    if s.is_empty() {
        return Ok(None);
    }
    // `strip_*` and `split_at_checked` rather than `&s[..]`: no slicing that could panic (and
    // no panic message formatting in the first-result engine).
    let percent = s.ends_with('%');
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_matches(is_space);
    }
    let quoted = || crate::error::quote(text);
    let lower = s.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return Err(Error::NotFinite {
            field: field.to_string(),
            value: quoted(),
        });
    }
    let (sign, body) = if let Some(rest) = s.strip_prefix('-') {
        (-1.0, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (1.0, rest)
    } else {
        (1.0, s)
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let frac_ok = frac_part.is_none_or(|f| f.is_empty() || digits(f));
    let int_digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let grouped = groups.iter().all(|g| digits(g))
            && groups.first().is_some_and(|g| g.len() <= 3)
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped || !frac_ok {
            let all_digits = groups.iter().all(|g| digits(g)) && frac_ok;
            return Err(if all_digits {
                Error::Ambiguous {
                    field: field.to_string(),
                    value: quoted(),
                }
            } else {
                Error::NotANumber {
                    field: field.to_string(),
                    value: quoted(),
                }
            });
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let int_ok = digits(&int_digits) || (int_digits.is_empty() && frac_part.is_some_and(digits));
    if !int_ok || !frac_ok {
        return Err(Error::NotANumber {
            field: field.to_string(),
            value: quoted(),
        });
    }
    let magnitude = decimal_to_f64(&int_digits, frac_part.unwrap_or(""));
    if !magnitude.is_finite() {
        return Err(Error::NotFinite {
            field: field.to_string(),
            value: quoted(),
        });
    }
    Ok(Some(Parsed {
        value: sign * magnitude,
        percent,
    }))
}

/// The usual figure, ASCII digits with at most one point and a digit before it ("96.5", "12"),
/// read without the copies of the general path (same value: it ends in [`decimal_to_f64`] too).
fn plain_decimal(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    Some(decimal_to_f64(int, frac)).filter(|x| x.is_finite())
}

/// The value of the decimal `int.frac` (ASCII digits only, validated by the caller).
///
/// People and spreadsheets type at most 15 significant digits that matter; beyond that the
/// digits are rounded half-up to 15 (`93.65000000000001` → 93.65). With at most 15 digits the
/// mantissa is exact, and one multiplication or division by an exact power of ten gives the
/// correctly rounded double (Clinger's fast path). Written out here rather than with
/// `str::parse::<f64>`, whose tables would add about 20 KB to the wasm module.
fn decimal_to_f64(int: &str, frac: &str) -> f64 {
    const MAX_DIGITS: usize = 15;
    let digits = int.bytes().chain(frac.bytes()).skip_while(|&b| b == b'0');
    let mut mantissa: u64 = 0;
    let mut dropped = 0i32;
    let mut round_up = false;
    for (n, b) in digits.enumerate() {
        if n < MAX_DIGITS {
            mantissa = mantissa * 10 + u64::from(b - b'0');
        } else {
            if n == MAX_DIGITS {
                round_up = b >= b'5';
            }
            dropped += 1;
        }
    }
    if round_up {
        mantissa += 1;
    }
    // value = mantissa · 10^(dropped − frac digits)
    let exponent = dropped - frac.len() as i32;
    if exponent >= 0 {
        mantissa as f64 * pow10(exponent.unsigned_abs().min(400))
    } else {
        let k = exponent.unsigned_abs();
        if k <= 22 {
            mantissa as f64 / pow10(k)
        } else {
            mantissa as f64 / pow10(22) / pow10((k - 22).min(400))
        }
    }
}

/// Parses any [`Figure`]: numbers pass through (NaN/Infinity refused), strings go through
/// [`parse_text`], empty values are `Ok(None)`.
pub fn parse_figure(field: &str, figure: &Figure) -> Result<Option<Parsed>> {
    match figure {
        Figure::Number(x) if x.is_finite() => Ok(Some(Parsed {
            value: *x,
            percent: false,
        })),
        Figure::Number(x) => Err(Error::NotFinite {
            field: field.to_string(),
            value: fmt_num(*x),
        }),
        Figure::Text(s) => parse_text(field, s),
        Figure::Empty => Ok(None),
        Figure::Other(kind) => Err(Error::WrongType {
            field: field.to_string(),
            expected: "number",
            got: kind,
        }),
    }
}

/// Parses a non-negative figure (counts, money, rates): a negative value is an error.
pub fn parse_non_negative(field: &str, figure: &Figure) -> Result<Option<f64>> {
    match parse_figure(field, figure)? {
        Some(p) if p.value < 0.0 => Err(Error::Negative {
            field: field.to_string(),
            value: figure.quoted(),
        }),
        Some(p) => Ok(Some(p.value)),
        None => Ok(None),
    }
}

/// Parses an amount of money in 万元. A unit typed with the number is understood where it is
/// unambiguous: `"1300万元"`, `"1300万"` (万元), `"5.2亿"`, `"5.2亿元"`, `"5.2 亿元"` (亿 =
/// 10 000 万). The result is rounded to 15 significant digits, so 5.2亿 is exactly 52000.
/// A negative amount or a `%` is an error.
pub fn parse_money(field: &str, figure: &Figure) -> Result<Option<f64>> {
    let Figure::Text(text) = figure else {
        return parse_non_negative(field, figure);
    };
    let trimmed = text.trim_end_matches(is_space);
    let (number, factor) = [("亿元", 1e4), ("亿", 1e4), ("万元", 1.0), ("万", 1.0)]
        .iter()
        .find_map(|(suffix, factor)| trimmed.strip_suffix(suffix).map(|n| (n, *factor)))
        .unwrap_or((trimmed, 1.0));
    if number.trim_matches(is_space).is_empty() && number.len() != trimmed.len() {
        // A unit and no number ("万元").
        return Err(Error::NotANumber {
            field: field.to_string(),
            value: crate::error::quote(text),
        });
    }
    let parsed = match parse_text(field, number) {
        Ok(p) => p,
        // Quote what was typed, unit and all.
        Err(e) => {
            return Err(match e {
                Error::NotANumber { field, .. } => Error::NotANumber {
                    field,
                    value: crate::error::quote(text),
                },
                Error::Ambiguous { field, .. } => Error::Ambiguous {
                    field,
                    value: crate::error::quote(text),
                },
                Error::NotFinite { field, .. } => Error::NotFinite {
                    field,
                    value: crate::error::quote(text),
                },
                other => other,
            })
        }
    };
    let Some(p) = parsed else {
        return Ok(None);
    };
    let quoted = || crate::error::quote(text);
    if p.percent {
        return Err(Error::UnexpectedPercent {
            field: field.to_string(),
            value: quoted(),
        });
    }
    if p.value < 0.0 {
        return Err(Error::Negative {
            field: field.to_string(),
            value: quoted(),
        });
    }
    let value = crate::decimal::round_significant15(p.value * factor);
    if !value.is_finite() {
        return Err(Error::NotFinite {
            field: field.to_string(),
            value: quoted(),
        });
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> f64 {
        parse_text("f", s).unwrap().unwrap().value
    }

    #[test]
    fn only_plain_decimals_take_the_quick_path() {
        for text in ["96.5", "12", "007", "5.", "0.012"] {
            assert!(plain_decimal(text).is_some(), "{text}");
        }
        for text in [
            "", ".5", "-1", "+1", "1,234", "94%", " 1", "1 ", "1.2.3", "９４", "1e3",
        ] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
        assert_eq!(
            plain_decimal(&"9".repeat(400)),
            None,
            "beyond f64: the general path refuses it"
        );
    }

    #[test]
    fn parsing_table() {
        let table: &[(&str, f64, bool)] = &[
            ("94", 94.0, false),
            ("94%", 94.0, true),
            (" 94.5 % ", 94.5, true),
            ("９４．５％", 94.5, true),
            ("1,234.5", 1234.5, false),
            ("1,234,567", 1234567.0, false),
            (".5", 0.5, false),
            ("0.94", 0.94, false),
            ("+3", 3.0, false),
            ("\u{3000}98\u{3000}", 98.0, false),
            ("-2", -2.0, false),
            ("100.", 100.0, false),
        ];
        for (text, want, pct) in table {
            let p = parse_text("f", text).unwrap().unwrap();
            assert_eq!(p.value, *want, "{text}");
            assert_eq!(p.percent, *pct, "{text}");
        }
        assert_eq!(ok("3.10"), 3.1);
        assert_eq!(
            ok("93.65000000000001"),
            93.65,
            "rounded to 15 significant digits"
        );
        assert_eq!(ok("0.1"), 0.1);
        assert_eq!(ok("0.0017"), 0.0017);
        assert_eq!(ok("99.95"), 99.95);
        assert_eq!(ok("1234567890123456789"), 1234567890123460000.0);
        assert_eq!(ok("000.000"), 0.0);
        let huge = "1".repeat(400);
        assert_eq!(parse_text("f", &huge).unwrap_err().code(), "not_finite");
    }

    #[test]
    fn money_with_units() {
        let wan = |s: &str| parse_money("f", &Figure::from(s)).unwrap();
        // 1300万元 = 1300 万元; 5.2亿 = 5.2 × 10 000 万元 = 52 000 万元.
        assert_eq!(wan("1300万元"), Some(1300.0));
        assert_eq!(wan("1300万"), Some(1300.0));
        assert_eq!(wan("5.2亿"), Some(52000.0));
        assert_eq!(wan("5.2亿元"), Some(52000.0));
        assert_eq!(wan("5.2 亿元"), Some(52000.0));
        assert_eq!(wan("５．２亿元 "), Some(52000.0));
        // 0.0123亿 = 123 万元; 1,234.5万元 = 1234.5.
        assert_eq!(wan("0.0123亿"), Some(123.0));
        assert_eq!(wan("1,234.5万元"), Some(1234.5));
        assert_eq!(wan("1300"), Some(1300.0));
        assert_eq!(wan(""), None);
        assert_eq!(
            parse_money("f", &Figure::Number(7.5)).unwrap(),
            Some(7.5),
            "a number is in 万元"
        );
        let err = |s: &str| parse_money("f", &Figure::from(s)).unwrap_err();
        assert_eq!(
            (err("万元").code(), err("万元").value()),
            ("not_a_number", Some("万元"))
        );
        assert_eq!(
            err("1300元").code(),
            "not_a_number",
            "元 alone is not understood"
        );
        assert_eq!(err("5.2亿亿").code(), "not_a_number");
        assert_eq!(
            (err("abc亿").code(), err("abc亿").value()),
            ("not_a_number", Some("abc亿"))
        );
        assert_eq!(err("-3亿").code(), "negative");
        assert_eq!(err("3%").code(), "unexpected_percent");
        assert_eq!(err("1,5亿").code(), "ambiguous");
    }

    #[test]
    fn refusals() {
        let code = |s: &str| parse_text("f", s).unwrap_err().code();
        assert_eq!(code("abc"), "not_a_number");
        assert_eq!(code("NaN"), "not_finite");
        assert_eq!(code("Infinity"), "not_finite");
        assert_eq!(code("-inf"), "not_finite");
        assert_eq!(code("1,5"), "ambiguous");
        assert_eq!(code("1,23"), "ambiguous");
        assert_eq!(code("12,3456"), "ambiguous");
        assert_eq!(code("1.2.3"), "not_a_number");
        assert_eq!(code("1e5"), "not_a_number");
        assert_eq!(code("%"), "not_a_number");
        assert_eq!(code("94%%"), "not_a_number");
        assert_eq!(code("0x10"), "not_a_number");
        assert_eq!(code("."), "not_a_number");
    }

    #[test]
    fn error_quotes_original_text() {
        let e = parse_text("values.x", "1,5").unwrap_err();
        assert_eq!(e.field(), "values.x");
        assert_eq!(e.value(), Some("1,5"));
    }

    #[test]
    fn empty_is_none() {
        assert_eq!(parse_text("f", "").unwrap(), None);
        assert_eq!(parse_text("f", "  ").unwrap(), None);
        assert_eq!(parse_figure("f", &Figure::Empty).unwrap(), None);
    }

    #[test]
    fn figures() {
        assert_eq!(
            parse_figure("f", &Figure::Number(f64::NAN))
                .unwrap_err()
                .code(),
            "not_finite"
        );
        assert_eq!(
            parse_figure("f", &Figure::Number(f64::INFINITY))
                .unwrap_err()
                .code(),
            "not_finite"
        );
        assert_eq!(
            parse_figure("f", &Figure::Other("boolean"))
                .unwrap_err()
                .code(),
            "wrong_type"
        );
        assert_eq!(
            parse_non_negative("f", &Figure::Number(-1.0))
                .unwrap_err()
                .code(),
            "negative"
        );
    }
}
