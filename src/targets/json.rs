//! A small JSON reader into [`Value`]: the shipped data files (`data/profiles.json`,
//! `data/figures.json`) and a host's profile given as JSON text (`readProfile`) are read with
//! it. It keeps the wasm module small (no serde_json) and applies the reader limits of
//! [`crate::limits`]; a syntax error is `unreadable` with the line and column.

use crate::decimal::pow10;
use crate::error::{Error, Result};
use crate::limits::{MAX_ARRAY, MAX_DEPTH, MAX_KEYS, MAX_NODES, MAX_STRING};
use crate::value::Value;

/// Parses JSON `text`; errors name `root` (the argument, e.g. `profile`).
pub fn parse(text: &str, root: &str) -> Result<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        at: 0,
        nodes: 0,
        root,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.at < p.s.len() {
        return Err(p.syntax("unexpected text after the value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
    nodes: usize,
    root: &'a str,
}

impl Parser<'_> {
    fn syntax(&self, what: &str) -> Error {
        let before = &self.s[..self.at.min(self.s.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        Error::Unreadable {
            field: self.root.to_string(),
            value: format!("JSON: {what} at line {line}, column {column}"),
        }
    }

    fn too_large(&self, limit: &'static str, max: usize) -> Error {
        Error::TooLarge {
            field: self.root.to_string(),
            limit,
            max: max as u64,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.s.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value> {
        if self.s[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(v)
        } else {
            Err(self.syntax("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.too_large("nodes", MAX_NODES));
        }
        match self.s.get(self.at) {
            None => Err(self.syntax("unexpected end")),
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => {
                Err(self.too_large("depth", MAX_DEPTH))
            }
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                self.ws();
                if self.eat(b'}') {
                    return Ok(Value::Object(entries));
                }
                loop {
                    self.ws();
                    if self.s.get(self.at) != Some(&b'"') {
                        return Err(self.syntax("expected a key"));
                    }
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(b':') {
                        return Err(self.syntax("expected ':'"));
                    }
                    self.ws();
                    let v = self.value(depth + 1)?;
                    entries.push((key, v));
                    if entries.len() > MAX_KEYS {
                        return Err(self.too_large("keys", MAX_KEYS));
                    }
                    self.ws();
                    if self.eat(b'}') {
                        return Ok(Value::Object(entries));
                    }
                    if !self.eat(b',') {
                        return Err(self.syntax("expected ',' or '}'"));
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    if items.len() > MAX_ARRAY {
                        return Err(self.too_large("array", MAX_ARRAY));
                    }
                    self.ws();
                    if self.eat(b']') {
                        return Ok(Value::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err(self.syntax("expected ',' or ']'"));
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("unexpected character")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.s.get(self.at) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value> {
        let negative = self.eat(b'-');
        let int_start = self.at;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[int_start] == b'0') {
            return Err(self.syntax("malformed number"));
        }
        let int = &self.s[int_start..self.at];
        let mut frac: &[u8] = &[];
        if self.eat(b'.') {
            let frac_start = self.at;
            if self.digits() == 0 {
                return Err(self.syntax("malformed number"));
            }
            frac = &self.s[frac_start..self.at];
        }
        let mut exp: i32 = 0;
        if self.eat(b'e') || self.eat(b'E') {
            let minus = !self.eat(b'+') && self.eat(b'-');
            let exp_start = self.at;
            if self.digits() == 0 {
                return Err(self.syntax("malformed number"));
            }
            for &b in &self.s[exp_start..self.at] {
                exp = exp.saturating_mul(10).saturating_add(i32::from(b - b'0'));
            }
            if minus {
                exp = -exp;
            }
        }
        let x = decimal_value(int, frac, exp);
        Ok(Value::Number(if negative { -x } else { x }))
    }

    fn hex4(&mut self) -> Result<u32> {
        let h = self
            .s
            .get(self.at..self.at + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.syntax("bad \\u escape"))?;
        self.at += 4;
        Ok(h)
    }

    fn string(&mut self) -> Result<String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        let mut units = 0usize;
        loop {
            if units > MAX_STRING {
                return Err(self.too_large("string", MAX_STRING));
            }
            let run = self.at;
            while let Some(&b) = self.s.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // `run..at` stops before an ASCII byte or at the end: a whole UTF-8 sequence.
            let chunk = std::str::from_utf8(&self.s[run..self.at])
                .map_err(|_| self.syntax("invalid UTF-8"))?;
            units += chunk.encode_utf16().count();
            out.push_str(chunk);
            match self.s.get(self.at) {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    if units > MAX_STRING {
                        return Err(self.too_large("string", MAX_STRING));
                    }
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.s.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let hi = self.hex4()?;
                            self.at -= 1;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s.get(self.at + 1..self.at + 3) == Some(b"\\u")
                            {
                                self.at += 3;
                                let lo = self.hex4()?;
                                self.at -= 1;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    return Err(self.syntax("bad surrogate pair"));
                                }
                            } else {
                                hi
                            };
                            // A lone surrogate becomes U+FFFD, as a JS string would show it.
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => return Err(self.syntax("bad escape")),
                    };
                    self.at += 1;
                    units += c.len_utf16();
                    out.push(c);
                }
                Some(_) => return Err(self.syntax("control character in a string")),
            }
        }
    }
}

/// The value of the decimal `int.frac` × 10^`exp` (ASCII digits), read as the crate reads a
/// typed figure (`crate::number`): rounded half-up to 15 significant digits, then one
/// multiplication or division by a power of ten (exact for the figures people write). Written
/// out rather than with `str::parse::<f64>`, whose tables add about 20 KB to the wasm module.
fn decimal_value(int: &[u8], frac: &[u8], exp: i32) -> f64 {
    const MAX_DIGITS: usize = 15;
    let mut mantissa: u64 = 0;
    let mut dropped: i32 = 0;
    let mut round_up = false;
    let digits = int.iter().chain(frac).skip_while(|&&b| b == b'0');
    for (n, &b) in digits.enumerate() {
        if n < MAX_DIGITS {
            mantissa = mantissa * 10 + u64::from(b - b'0');
        } else {
            if n == MAX_DIGITS {
                round_up = b >= b'5';
            }
            dropped = dropped.saturating_add(1);
        }
    }
    if round_up {
        mantissa += 1;
    }
    let frac_len = i32::try_from(frac.len()).unwrap_or(i32::MAX);
    let exponent = dropped.saturating_sub(frac_len).saturating_add(exp);
    let k = exponent.unsigned_abs().min(800);
    if mantissa == 0 {
        0.0
    } else if exponent >= 0 {
        mantissa as f64 * pow10(k.min(400))
    } else if k <= 22 {
        mantissa as f64 / pow10(k)
    } else {
        // Two steps keep tiny values (1e-300) from underflowing in one power.
        mantissa as f64 / pow10(22) / pow10((k - 22).min(400))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json() {
        let v = parse(
            r#" {"a": [1, -2.5e1, true, null], "b": "x\"\u00e9\ud83d\ude00中", "c": {}} "#,
            "x",
        )
        .unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number(1.0),
                        Value::Number(-25.0),
                        Value::Bool(true),
                        Value::Null
                    ])
                ),
                ("b".into(), Value::String("x\"é😀中".into())),
                ("c".into(), Value::Object(vec![])),
            ])
        );
    }

    #[test]
    fn syntax_errors_say_where() {
        for (text, at) in [
            ("{\"a\":1,}", "line 1, column 8"),
            ("[1,\n 2", "line 2, column 3"),
            ("01", "line 1, column 3"),
            ("{\"a\" 1}", "line 1, column 6"),
            ("\"abc", "line 1, column 5"),
            ("[1] x", "line 1, column 5"),
            ("", "line 1, column 1"),
        ] {
            let e = parse(text, "profile").unwrap_err();
            assert_eq!((e.code(), e.field()), ("unreadable", "profile"), "{text}");
            assert!(e.value().unwrap_or("").ends_with(at), "{text}: {e}");
        }
    }

    #[test]
    fn numbers_are_read_as_the_crate_reads_figures() {
        for (text, x) in [
            ("85.86", 85.86),
            ("93.93", 93.93),
            ("0", 0.0),
            ("-0.5", -0.5),
            ("1e5", 1e5),
            ("2.5E-3", 2.5e-3),
            ("100000", 100_000.0),
            ("0.1", 0.1),
            ("93.65000000000001", 93.65),
        ] {
            assert_eq!(parse(text, "x").unwrap(), Value::Number(x), "{text}");
        }
        assert_eq!(parse("1e999", "x").unwrap(), Value::Number(f64::INFINITY));
        // Beyond the exact powers of ten (10^±22) the value is within a few ulps; such
        // magnitudes are refused by every reader's range check anyway.
        for (text, x) in [("-1e-300", -1e-300), ("1e300", 1e300), ("1.5e40", 1.5e40)] {
            let Value::Number(got) = parse(text, "x").unwrap() else {
                panic!("{text}")
            };
            assert!(((got - x) / x).abs() < 1e-14, "{text}: {got}");
        }
    }

    #[test]
    fn limits() {
        let deep = "[".repeat(40) + &"]".repeat(40);
        let e = parse(&deep, "profile").unwrap_err();
        assert_eq!((e.code(), e.params()[0].0), ("too_large", "limit"));
        assert!(e.to_string().contains("depth"), "{e}");
        let wide = format!("[{}0]", "0,".repeat(MAX_ARRAY));
        assert_eq!(parse(&wide, "p").unwrap_err().code(), "too_large");
    }
}
