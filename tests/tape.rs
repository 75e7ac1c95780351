//! The result tape (src/tape.rs) against serde_json: every output the engine sends to JS,
//! written as a tape and read back by a decoder that mirrors src/js/tape.js, is the same JSON
//! value that serde_json makes of it, keys in the same order.

use mqci::assess::{assess, Input};
use mqci::methodology::builtin::{default_methodology, Options};
use mqci::number::Figure;
use mqci::tape::{to_tape, Tape, ARRAY, END, FALSE, NULL, NUMBER, OBJECT, STRING, TRUE};
use serde_json::{Map, Value};

/// The decoder of src/js/tape.js, line for line, into a serde_json value.
fn decode(tape: &Tape) -> Value {
    let text: Vec<u16> = tape.text.encode_utf16().collect();
    let (mut i, mut t) = (0usize, 0usize);
    fn string(tape: &Tape, text: &[u16], i: &mut usize, t: &mut usize) -> String {
        let n = tape.nums[*i] as usize;
        *i += 1;
        let s = String::from_utf16(&text[*t..*t + n]).expect("whole characters");
        *t += n;
        s
    }
    fn value(tape: &Tape, text: &[u16], i: &mut usize, t: &mut usize) -> Value {
        let op = tape.nums[*i];
        *i += 1;
        match op {
            x if x == NULL => Value::Null,
            x if x == FALSE => Value::Bool(false),
            x if x == TRUE => Value::Bool(true),
            x if x == NUMBER => {
                let v = tape.nums[*i];
                *i += 1;
                serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
            }
            x if x == STRING => Value::String(string(tape, text, i, t)),
            x if x == ARRAY => {
                let mut a = Vec::new();
                while tape.nums[*i] != END {
                    a.push(value(tape, text, i, t));
                }
                *i += 1;
                Value::Array(a)
            }
            x if x == OBJECT => {
                let mut o = Map::new();
                while tape.nums[*i] != END {
                    assert_eq!(tape.nums[*i], STRING, "an object key is a string");
                    *i += 1;
                    let k = string(tape, text, i, t);
                    let v = value(tape, text, i, t);
                    o.insert(k, v);
                }
                *i += 1;
                Value::Object(o)
            }
            other => panic!("bad opcode {other}"),
        }
    }
    let v = value(tape, &text, &mut i, &mut t);
    assert_eq!(i, tape.nums.len(), "the whole tape is read");
    assert_eq!(t, text.len(), "the whole text is read");
    v
}

/// serde_json's integers are written as floats on the tape (JS has only numbers).
fn as_floats(v: Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(as_floats).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, as_floats(v))).collect()),
        other => other,
    }
}

fn same<T: serde::Serialize>(what: &str, v: &T) {
    let tape = to_tape(v).expect("writes");
    let got = decode(&tape);
    let want = as_floats(serde_json::to_value(v).expect("serializes"));
    assert_eq!(got, want, "{what}");
    // Key order too (serde_json's Map keeps insertion order with preserve_order only, so compare text).
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&want).unwrap(),
        "{what}"
    );
}

#[test]
fn assessments_methodologies_and_catalogues_round_trip() {
    let m = default_methodology(Options::default());
    let mut input = Input::default();
    for (k, v) in [
        ("grade_product_rate", Figure::Text("96.5".into())),
        ("microelectronic_equipment_share", Figure::Number(0.58)),
        ("quality_loss_rate", Figure::Number(1.2)),
    ] {
        input.values.insert(k.to_string(), v);
    }
    input
        .scores
        .insert("core_technology".into(), Figure::Number(80.0));
    input
        .not_applicable
        .push("export_inspection_pass_rate".into());
    same(
        "a partial assessment with warnings",
        &assess(&input, &m).unwrap(),
    );
    let full = Input {
        scores: [("quality_level", 84.76), ("development_capability", 77.21)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Figure::Number(v)))
            .collect(),
        ..Input::default()
    };
    same("the 2007 example", &assess(&full, &m).unwrap());
    same("the methodology", &m);
    same("raw specs", &mqci::derive::raw_specs());
    same(
        "target profiles",
        &mqci::targets::target_profiles(Some(2026)),
    );
    same("benchmarks", &mqci::targets::figures::benchmarks());
}

#[test]
fn strings_are_counted_in_utf16_units() {
    // Chinese (1 unit each), an emoji (2 units), an empty string and a key named __proto__.
    let tape = to_tape(&("质量🙂", "")).unwrap();
    assert_eq!(
        tape.nums,
        [ARRAY, STRING, 4.0, STRING, 0.0, END],
        "质量🙂 is 4 UTF-16 units"
    );
    let v = serde_json::json!({ "中文": "质量🙂", "": "", "__proto__": [true, false, null, 1.5, -0.0] });
    assert_eq!(decode(&to_tape(&v).unwrap()), v);
}

#[test]
fn map_keys_must_be_strings() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(1u8, "x");
    assert!(to_tape(&map).is_err());
}
