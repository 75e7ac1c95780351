//! A plain data value (what a JS object or a JSON document holds) and a reader that turns it
//! into typed input, collecting every error with the path of the bad field
//! (`indicators.quality_loss_rate.best`, `targets[1].op`, …).
//!
//! The wasm binding converts a JS value into a [`Value`]; everything after that is pure Rust,
//! tested natively. Reading by hand instead of through a serde `Deserialize` gives every error
//! its full path and keeps the wasm module small.

use crate::error::{quote, Error};
use crate::limits::MAX_ERRORS;
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
    /// Anything else a caller can pass (a Symbol, a BigInt, a function, a Date, a Map…):
    /// refused with `wrong_type`, `got: "other"`, wherever a value is read.
    Other,
}

impl Value {
    /// The JS type of the value, as `wrong_type` names it (`got`).
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Other => "other",
        }
    }

    /// The value as a [`Figure`] (a number or a typed string; anything else is kept for the
    /// error message).
    pub fn to_figure(&self) -> Figure {
        match self {
            Value::Null => Figure::Empty,
            Value::Number(x) => Figure::Number(*x),
            Value::String(s) => Figure::Text(s.clone()),
            other => Figure::Other(other.kind()),
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

/// Reads typed fields out of [`Value`]s, collecting errors instead of stopping at the first
/// (at most [`MAX_ERRORS`] + 1 are kept: enough for [`Error::from_list`] to say there were
/// more, without growing memory on a hostile input).
#[derive(Debug)]
pub struct Reader {
    /// The errors found so far.
    pub errors: Vec<Error>,
    /// The argument's name, used as the field of errors about the whole argument.
    root: &'static str,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
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
    /// A new reader of the argument `input`.
    pub fn new() -> Reader {
        Reader::named("input")
    }

    /// A new reader of the argument named `root` (`methodology`, `raw`, …): errors about the
    /// whole argument (at the empty path) name it.
    pub fn named(root: &'static str) -> Reader {
        Reader {
            errors: Vec::new(),
            root,
        }
    }

    /// The field of an error at `path`: the path, or the argument's name for the empty path.
    pub fn at(&self, path: &str) -> String {
        if path.is_empty() {
            self.root.to_string()
        } else {
            path.to_string()
        }
    }

    /// The path of `key` in the object at `path`. An empty key right under the argument is
    /// `<argument>.` (as the wasm binding names it), so that a field is never empty.
    pub fn key_path(&self, path: &str, key: &str) -> String {
        if path.is_empty() && key.is_empty() {
            format!("{}.", self.root)
        } else {
            join(path, key)
        }
    }

    /// Records an error (beyond [`MAX_ERRORS`] + 1 they are dropped; see the type's docs).
    pub fn push(&mut self, e: Error) {
        if self.errors.len() <= MAX_ERRORS {
            self.errors.push(e);
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &'static str, got: &Value) {
        let field = self.at(path);
        self.push(Error::WrongType {
            field,
            expected,
            got: got.kind(),
        });
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
                        self.push(Error::UnknownKey {
                            field: quote(&self.key_path(path, k)),
                            key: quote(k),
                        });
                    }
                }
                Some(Obj {
                    path: path.to_string(),
                    entries,
                })
            }
            other => {
                self.wrong_type(path, "object", other);
                None
            }
        }
    }

    /// A required field: `None`, with a `Missing` error naming it, when absent or null.
    fn required<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a Value> {
        let v = obj.get(key);
        if v.is_none() {
            self.push(Error::Missing {
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
                self.push(Error::NotFinite {
                    field: path.to_string(),
                    value: crate::decimal::fmt_num(*x),
                });
                None
            }
            other => {
                self.wrong_type(path, "number", other);
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
                self.wrong_type(path, "string", other);
                None
            }
        }
    }

    /// A required string that must be a wire id of `T` (`from_id`); an unknown one is an
    /// `unknown_id` error quoting it.
    pub fn id<T>(&mut self, obj: &Obj, key: &str, from_id: fn(&str) -> Option<T>) -> Option<T> {
        let s = self.string(obj, key)?;
        let found = from_id(&s);
        if found.is_none() {
            self.push(Error::UnknownId {
                field: obj.path_of(key),
                id: quote(&s),
            });
        }
        found
    }

    /// A required array.
    pub fn array<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a [Value]> {
        match obj.get(key) {
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                self.wrong_type(&obj.path_of(key), "array", other);
                None
            }
            None => {
                self.push(Error::Missing {
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
        let root = self.root;
        Error::from_list(self.errors)?;
        value.ok_or_else(|| Error::Internal {
            field: root.to_string(),
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
    fn other_values_are_the_wrong_type() {
        let v = obj(vec![("x", Value::Other)]);
        let mut r = Reader::new();
        let o = r.object(&v, "root", &[]).unwrap();
        assert_eq!(r.number(&o, "x"), None);
        assert_eq!(r.object(&Value::Other, "", &[]).map(|_| ()), None);
        let got: Vec<_> = r
            .errors
            .iter()
            .map(|e| (e.code(), e.field().to_string(), e.params()))
            .collect();
        use crate::error::Param::Text;
        assert_eq!(
            got,
            vec![
                (
                    "wrong_type",
                    "root.x".to_string(),
                    vec![("expected", Text("number")), ("got", Text("other"))]
                ),
                (
                    "wrong_type",
                    "input".to_string(),
                    vec![("expected", Text("object")), ("got", Text("other"))]
                ),
            ]
        );
        assert_eq!(Value::Other.to_figure(), Figure::Other("other"));
    }

    #[test]
    fn an_empty_key_under_the_argument_still_names_it() {
        let v = obj(vec![("", Value::Number(1.0)), ("ok", Value::Null)]);
        let mut r = Reader::named("methodology");
        assert!(r.object(&v, "", &["ok"]).is_some());
        let fields: Vec<_> = r.errors.iter().map(|e| e.field().to_string()).collect();
        assert_eq!(fields, vec!["methodology."]);
        assert_eq!(r.key_path("bands", ""), "bands.");
    }

    #[test]
    fn figures_keep_non_numbers_for_the_message() {
        let v = obj(vec![("x", Value::Bool(true)), ("y", Value::Number(2.0))]);
        let mut r = Reader::new();
        let m = r.figure_map(&v, "values");
        assert_eq!(m.get("x"), Some(&Figure::Other("boolean")));
        assert_eq!(m.get("y"), Some(&Figure::Number(2.0)));
    }
}
