//! A result as a flat tape of numbers plus one text, for crossing to JavaScript in one step.
//!
//! Building a JS object from Rust field by field costs one boundary crossing per key and value
//! (about 70% of an `assess` call, measured in issue 8) and the serializer's code (about 5 KB
//! gzipped of the first-result engine). Instead, any [`Serialize`] value is written here as a
//! tape, and `src/js/tape.js` (imported by the binding) rebuilds the same plain object in JS.
//!
//! The format (every entry an `f64`; strings are UTF-16 lengths into [`Tape::text`], read in
//! order):
//!
//! | entry | meaning |
//! |---|---|
//! | `0` | `null` (`None`, unit) |
//! | `1`, `2` | `false`, `true` |
//! | `3`, x | the number x |
//! | `4`, n | the next n UTF-16 units of the text, as a string |
//! | `5` … `7` | an array of the values between |
//! | `6` (`4`, n, value)* `7` | an object: each key a string entry, then its value |
//! | `8`, s, value* `7` | a struct named in [`SHAPED`] (its position s): its field values only |
//!
//! **Shapes.** Most of an assessment is structs whose keys never change (twelve
//! `IndicatorResult`s of eight fields each). Rebuilding their objects key by key costs JS one
//! generic keyed store per field; an object literal costs it almost nothing. So the structs in
//! [`SHAPED`] are written without their keys, and `src/js/tape.js` rebuilds each with a literal
//! from its `SHAPES` table, in field order. That table is generated from the Rust types
//! themselves (`tests/tape.rs` traces them with `serde-reflection` and fails when the file
//! differs; `MQCI_BLESS=1 cargo test --test tape` rewrites it), so the field names are written
//! only in the structs. A shaped struct must write every field every time (no
//! `skip_serializing_if`): the trace fails otherwise, and the decoder checks the closing `7`.
//! Shapes alone made an `assess` call 0.75× as long (interleaved A/B in Chromium, issue 8), and
//! the text of an assessment went from 1,439 to 543 bytes.
//!
//! **The text, once.** The binding keeps the text it sent last and tells JS whether the next is
//! the same (the same kind of result again, as when a visitor types); JS then skips decoding
//! it, provided the last result it rebuilt came from the same engine (the same wasm memory: the
//! lean and the full engine share `src/js/tape.js`). JS also keeps the strings it cut from that
//! text and reuses them while the lengths agree: they are the string objects V8 has already
//! internalized as property keys, which halves the time of rebuilding the keyed parts (measured
//! in issue 8). A decode that fails forgets its cuts. A key named `__proto__` stays an own
//! property, as with `JSON.parse`.
//!
//! It matches `serde-wasm-bindgen`'s JSON-compatible mode: maps become plain objects (keys must
//! be strings), integers become numbers, enums are externally tagged.

use serde::ser::{self, Serialize};

/// Opcodes of the tape (mirrored in `src/tape.js`).
pub const NULL: f64 = 0.0;
pub const FALSE: f64 = 1.0;
pub const TRUE: f64 = 2.0;
pub const NUMBER: f64 = 3.0;
pub const STRING: f64 = 4.0;
pub const ARRAY: f64 = 5.0;
pub const OBJECT: f64 = 6.0;
pub const END: f64 = 7.0;
pub const SHAPE: f64 = 8.0;

/// The structs written without their keys (`8`, s, values, `7`), by serde name: everything an
/// assessment holds. `SHAPES[s]` in `src/js/tape.js` rebuilds struct s.
pub const SHAPED: &[&str] = &[
    "Assessment",
    "BandRef",
    "Range",
    "IndicatorResult",
    "Warning",
    "MethodologyRef",
    "Secondaries",
    "Tertiaries",
    "Indicators",
];

/// A value written as a tape.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tape {
    /// The entries.
    pub nums: Vec<f64>,
    /// Every string of the value, in order, concatenated.
    pub text: String,
}

/// Why a value cannot be written (a map whose key is not a string, or a `Serialize` impl's own
/// error).
#[derive(Debug, Clone, PartialEq)]
pub struct TapeError(pub String);

impl std::fmt::Display for TapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: std::fmt::Display>(msg: T) -> TapeError {
        TapeError(msg.to_string())
    }
}

/// Writes `value` as a tape.
pub fn to_tape<T: Serialize + ?Sized>(value: &T) -> std::result::Result<Tape, TapeError> {
    // An assessment is about 500 entries and 1,700 characters: room for it at once.
    let mut tape = Tape {
        nums: Vec::with_capacity(512),
        text: String::with_capacity(2048),
    };
    value.serialize(&mut tape)?;
    Ok(tape)
}

impl Tape {
    fn string(&mut self, s: &str) {
        self.nums.push(STRING);
        // Ids and keys are ASCII: one UTF-16 unit per byte, no need to count.
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.nums.push(units as f64);
        self.text.push_str(s);
    }

    fn number(&mut self, x: f64) {
        self.nums.push(NUMBER);
        self.nums.push(x);
    }

    /// `{ variant: <what follows> }` of an externally tagged enum; closed by the caller.
    fn tag(&mut self, variant: &str) {
        self.nums.push(OBJECT);
        self.string(variant);
    }
}

type Result<T = ()> = std::result::Result<T, TapeError>;

/// Number methods that write their argument as an `f64`.
macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result {
            self.serialize_f64(v as f64)
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.nums.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    // Every number is a JS number (integers beyond 2^53 lose precision, as with
    // serde-wasm-bindgen's JSON-compatible mode).
    numbers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32
    );
    fn serialize_f64(self, v: f64) -> Result {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.nums.push(ARRAY);
        for b in v {
            self.number(f64::from(*b));
        }
        self.nums.push(END);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.nums.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.nums.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.tag(variant);
        value.serialize(&mut *self)?;
        self.nums.push(END);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.nums.push(ARRAY);
        Ok(Compound {
            tape: self,
            tagged: false,
            shaped: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        self.tag(variant);
        self.nums.push(ARRAY);
        Ok(Compound {
            tape: self,
            tagged: true,
            shaped: false,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.nums.push(OBJECT);
        Ok(Compound {
            tape: self,
            tagged: false,
            shaped: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>> {
        match SHAPED.iter().position(|n| *n == name) {
            Some(s) => {
                self.nums.push(SHAPE);
                self.nums.push(s as f64);
                Ok(Compound {
                    tape: self,
                    tagged: false,
                    shaped: true,
                })
            }
            None => self.serialize_map(None),
        }
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        self.tag(variant);
        self.nums.push(OBJECT);
        Ok(Compound {
            tape: self,
            tagged: true,
            shaped: false,
        })
    }
}

/// An array or object being written; `tagged` when it sits inside an enum's `{ variant: … }`,
/// `shaped` when it is a struct of [`SHAPED`] (written without keys).
pub struct Compound<'a> {
    tape: &'a mut Tape,
    tagged: bool,
    shaped: bool,
}

impl Compound<'_> {
    /// A field's name: written unless the struct is shaped.
    fn key(&mut self, key: &str) {
        if !self.shaped {
            self.tape.string(key);
        }
    }

    fn end(self) -> Result {
        self.tape.nums.push(END);
        if self.tagged {
            self.tape.nums.push(END);
        }
        Ok(())
    }
}

/// The array-like parts: each element is a value; `end` closes the array.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                value.serialize(&mut *self.tape)
            }
            fn end(self) -> Result {
                Compound::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The struct-like parts: each field is its name, then its value.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
                self.key(key);
                value.serialize(&mut *self.tape)
            }
            fn end(self) -> Result {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let at = self.tape.nums.len();
        key.serialize(&mut *self.tape)?;
        if self.tape.nums.get(at) != Some(&STRING) || self.tape.nums.len() != at + 2 {
            return Err(TapeError("a map key is not a string".into()));
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}
