//! A plain data value (what a JS object or a JSON document holds) and a reader that turns it
//! into typed input, collecting every error with the path of the bad field
//! (`indicators.quality_loss_rate.best`, `targets[1].op`, …).
//!
//! The wasm binding converts a JS value into a [`Value`]; everything after that is pure Rust,
//! tested natively. Reading by hand instead of through a serde `Deserialize` gives every error
//! its full path and keeps the wasm module small.

use crate::error::Error;
use crate::number::Figure;
use crate::ordered::OrderedMap;

/// A JSON-like value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (may be NaN or infinite, as JS numbers may).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in their original order.
    Object(Vec<(String, Value)>),
    /// Anything else a caller can pass (a Date, Map, function, Symbol, BigInt…), never
    /// acceptable; kept with a short description such as `[Date]` for the message.
    Other(String),
}

impl Value {
    /// A short description of the kind of value, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Other(_) => "an unsupported kind of value",
        }
    }

    /// The value as a [`Figure`] (a number or a typed string; anything else is kept for the
    /// error message).
    pub fn to_figure(&self) -> Figure {
        match self {
            Value::Null => Figure::Empty,
            Value::Number(x) => Figure::Number(*x),
            Value::String(s) => Figure::Text(s.clone()),
            Value::Bool(b) => Figure::Other(b.to_string()),
            Value::Array(_) => Figure::Other("[array]".into()),
            Value::Object(_) => Figure::Other("[object]".into()),
            Value::Other(what) => Figure::Other(what.clone()),
        }
    }
}

/// Joins a path and a key: `""` + `id` = `id`, `a` + `b` = `a.b`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Reads typed fields out of [`Value`]s, collecting errors instead of stopping at the first.
#[derive(Debug, Default)]
pub struct Reader {
    /// The errors found so far.
    pub errors: Vec<Error>,
}

/// One object being read, with its path.
pub struct Obj<'a> {
    path: String,
    entries: &'a [(String, Value)],
}

impl<'a> Obj<'a> {
    /// The path of this object.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path of one of its fields.
    pub fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A field, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Value::Null)
    }

    /// The entries, in order.
    pub fn entries(&self) -> &'a [(String, Value)] {
        self.entries
    }
}

impl Reader {
    /// A new reader.
    pub fn new() -> Reader {
        Reader::default()
    }

    fn invalid(&mut self, field: String, message: String) {
        self.errors.push(Error::Invalid { field, message });
    }

    /// `value` as an object; `allowed` lists the keys it may have (an unknown key, e.g. a typo,
    /// is an error naming it).
    pub fn object<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<Obj<'a>> {
        match value {
            Value::Object(entries) => {
                for (k, _) in entries {
                    if !allowed.is_empty() && !allowed.contains(&k.as_str()) {
                        self.errors.push(Error::UnknownId {
                            field: join(path, k),
                            id: k.clone(),
                        });
                    }
                }
                Some(Obj {
                    path: path.to_string(),
                    entries,
                })
            }
            other => {
                let message = format!("must be an object, not {}", other.kind());
                self.invalid(path.to_string(), message);
                None
            }
        }
    }

    /// A required field: `None`, with a `Missing` error naming it, when absent or null.
    fn required<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a Value> {
        let v = obj.get(key);
        if v.is_none() {
            self.errors.push(Error::Missing {
                field: obj.path_of(key),
            });
        }
        v
    }

    /// A required sub-object.
    pub fn object_field<'a>(
        &mut self,
        obj: &Obj<'a>,
        key: &str,
        allowed: &[&str],
    ) -> Option<Obj<'a>> {
        let v = self.required(obj, key)?;
        self.object(v, &obj.path_of(key), allowed)
    }

    /// An optional sub-object.
    pub fn opt_object_field<'a>(
        &mut self,
        obj: &Obj<'a>,
        key: &str,
        allowed: &[&str],
    ) -> Option<Obj<'a>> {
        obj.get(key)
            .and_then(|v| self.object(v, &obj.path_of(key), allowed))
    }

    /// A required number (finite).
    pub fn number(&mut self, obj: &Obj, key: &str) -> Option<f64> {
        let v = self.required(obj, key)?;
        self.number_value(v, &obj.path_of(key))
    }

    /// An optional number (finite).
    pub fn opt_number(&mut self, obj: &Obj, key: &str) -> Option<f64> {
        obj.get(key)
            .and_then(|v| self.number_value(v, &obj.path_of(key)))
    }

    fn number_value(&mut self, v: &Value, path: &str) -> Option<f64> {
        match v {
            Value::Number(x) if x.is_finite() => Some(*x),
            Value::Number(x) => {
                self.errors.push(Error::NotFinite {
                    field: path.to_string(),
                    value: crate::number::fmt_num(*x),
                });
                None
            }
            other => {
                let message = format!("must be a number, not {}", other.kind());
                self.invalid(path.to_string(), message);
                None
            }
        }
    }

    /// A required string.
    pub fn string(&mut self, obj: &Obj, key: &str) -> Option<String> {
        let v = self.required(obj, key)?;
        self.string_value(v, &obj.path_of(key))
    }

    /// An optional string (empty when absent).
    pub fn opt_string(&mut self, obj: &Obj, key: &str) -> String {
        obj.get(key)
            .and_then(|v| self.string_value(v, &obj.path_of(key)))
            .unwrap_or_default()
    }

    fn string_value(&mut self, v: &Value, path: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                let message = format!("must be a string, not {}", other.kind());
                self.invalid(path.to_string(), message);
                None
            }
        }
    }

    /// A required string that must be one of `choices`; returns its position.
    pub fn choice(&mut self, obj: &Obj, key: &str, choices: &[&str]) -> Option<usize> {
        let s = self.string(obj, key)?;
        let found = choices.iter().position(|c| *c == s);
        if found.is_none() {
            let mut message = format!("\"{s}\" is not one of ");
            for (n, c) in choices.iter().enumerate() {
                message.push_str(if n == 0 { "" } else { ", " });
                message.push_str(c);
            }
            self.invalid(obj.path_of(key), message);
        }
        found
    }

    /// A required array.
    pub fn array<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a [Value]> {
        match obj.get(key) {
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                let message = format!("must be an array, not {}", other.kind());
                self.invalid(obj.path_of(key), message);
                None
            }
            None => {
                self.errors.push(Error::Missing {
                    field: obj.path_of(key),
                });
                None
            }
        }
    }

    /// An optional map of figures (`{ <id>: number | string }`).
    pub fn figures(&mut self, obj: &Obj, key: &str) -> OrderedMap<String, Figure> {
        match obj.get(key) {
            Some(v) => self.figure_map(v, &obj.path_of(key)),
            None => OrderedMap::new(),
        }
    }

    /// A map of figures at `path`.
    pub fn figure_map(&mut self, value: &Value, path: &str) -> OrderedMap<String, Figure> {
        match self.object(value, path, &[]) {
            Some(o) => o
                .entries()
                .iter()
                .map(|(k, v)| (k.clone(), v.to_figure()))
                .collect(),
            None => OrderedMap::new(),
        }
    }

    /// Reads a whole map of figures at `path`, failing if `value` is not an object.
    pub fn read_figures(
        mut self,
        value: &Value,
        path: &str,
    ) -> crate::error::Result<OrderedMap<String, Figure>> {
        let map = self.figure_map(value, path);
        self.finish(Some(map))
    }

    /// Ends reading: `Ok(value)` if no error was found.
    pub fn finish<T>(self, value: Option<T>) -> crate::error::Result<T> {
        Error::from_list(self.errors)?;
        value.ok_or_else(|| Error::Invalid {
            field: String::new(),
            message: "could not be read".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(pairs: Vec<(&str, Value)>) -> Value {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    #[test]
    fn collects_every_error_with_its_path() {
        let v = obj(vec![
            ("a", Value::String("x".into())),
            ("b", Value::Number(f64::NAN)),
            ("typo", Value::Null),
        ]);
        let mut r = Reader::new();
        let o = r.object(&v, "root", &["a", "b", "c"]).unwrap();
        assert_eq!(r.number(&o, "a"), None);
        assert_eq!(r.number(&o, "b"), None);
        assert_eq!(r.string(&o, "c"), None);
        let fields: Vec<_> = r.errors.iter().map(|e| e.field().to_string()).collect();
        assert_eq!(fields, vec!["root.typo", "root.a", "root.b", "root.c"]);
    }

    #[test]
    fn figures_keep_non_numbers_for_the_message() {
        let v = obj(vec![("x", Value::Bool(true)), ("y", Value::Number(2.0))]);
        let mut r = Reader::new();
        let m = r.figure_map(&v, "values");
        assert_eq!(m.get("x"), Some(&Figure::Other("true".into())));
        assert_eq!(m.get("y"), Some(&Figure::Number(2.0)));
    }
}
