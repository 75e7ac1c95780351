//! The result tape (src/tape.rs) against serde_json: every output the engine sends to JS,
//! written as a tape and read back by a decoder that mirrors src/js/tape.js, is the same JSON
//! value that serde_json makes of it, keys in the same order.
//!
//! The shapes (the structs written without keys) are traced here from the Rust types with
//! `serde-reflection`; the same trace gives this decoder its field names and generates the
//! `SHAPES` table of src/js/tape.js, which a test holds equal to the file
//! (`MQCI_BLESS=1 cargo test --test tape` rewrites it). Native only (serde-reflection is a
//! native dev-dependency); in the browser the fuzz tier and the e2e tests decode real tapes.
#![cfg(not(target_arch = "wasm32"))]

use mqci::assess::{assess, Input};
use mqci::methodology::builtin::{default_methodology, Options};
use mqci::number::Figure;
use mqci::tape::{
    to_tape, Tape, ARRAY, END, FALSE, NULL, NUMBER, OBJECT, SHAPE, SHAPED, STRING, TRUE,
};
use serde_json::{Map, Value};
use serde_reflection::{ContainerFormat, Samples, Tracer, TracerConfig};
use std::sync::OnceLock;

/// Inputs whose assessments between them hold every field of every shaped struct in both of its
/// states where it has two (a band or none, a range or none, a clamp, warnings with params).
fn sample_assessments() -> Vec<mqci::assess::Assessment> {
    let m = default_methodology(Options::default());
    let text = |pairs: &[(&str, &str)]| -> mqci::ordered::OrderedMap<String, Figure> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Figure::Text(v.to_string())))
            .collect()
    };
    let inputs = [
        Input::default(),
        Input {
            values: text(&[
                ("grade_product_rate", "96.5"),
                ("microelectronic_equipment_share", "0.58"),
                ("quality_loss_rate", "1.2"),
                ("spot_check_pass_rate", "20"),
            ]),
            scores: text(&[("core_technology", "80"), ("quality_management", "70")]),
            not_applicable: vec!["export_inspection_pass_rate".into()],
        },
        Input {
            scores: text(&[
                ("quality_level", "84.76"),
                ("development_capability", "77.21"),
            ]),
            ..Input::default()
        },
    ];
    inputs
        .iter()
        .map(|i| assess(i, &m).expect("a valid sample"))
        .collect()
}

/// Each shaped struct's serialized field names, in order, from a trace of the Rust types.
fn shapes() -> &'static [(String, Vec<String>)] {
    static SHAPES: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut tracer = Tracer::new(TracerConfig::default());
        let mut samples = Samples::new();
        for a in sample_assessments() {
            tracer
                .trace_value(&mut samples, &a)
                .expect("a shaped struct writes the same fields every time");
        }
        let registry = tracer.registry_unchecked();
        SHAPED
            .iter()
            .map(|name| match registry.get(*name) {
                Some(ContainerFormat::Struct(fields)) => (
                    name.to_string(),
                    fields.iter().map(|f| f.name.clone()).collect(),
                ),
                other => panic!("{name} in SHAPED is not a struct the samples hold: {other:?}"),
            })
            .collect()
    })
}

/// The `SHAPES` table of src/js/tape.js, as generated from [`shapes`].
fn shapes_js() -> String {
    let mut out = String::from("const SHAPES = [\n");
    for (_, fields) in shapes() {
        let fields: Vec<String> = fields
            .iter()
            .map(|f| {
                let plain = f
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                // A computed key, so that a field named __proto__ stays an own property.
                let key = if plain && f != "__proto__" {
                    f.clone()
                } else {
                    format!("[{}]", serde_json::to_string(f).expect("a string"))
                };
                format!("{key}: v()")
            })
            .collect();
        out.push_str(&format!("  (v) => ({{ {} }}),\n", fields.join(", ")));
    }
    out.push_str("];\n");
    out
}

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
            x if x == SHAPE => {
                let (_, fields) = &shapes()[tape.nums[*i] as usize];
                *i += 1;
                let mut o = Map::new();
                for f in fields {
                    o.insert(f.clone(), value(tape, text, i, t));
                }
                assert_eq!(tape.nums[*i], END, "a shaped struct ends after its fields");
                *i += 1;
                Value::Object(o)
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

#[test]
fn the_js_shapes_are_generated_from_the_rust_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/tape.js");
    let file = std::fs::read_to_string(path).expect("src/js/tape.js");
    let start = file.find("const SHAPES = [").expect("a SHAPES table");
    let end = start + file[start..].find("];\n").expect("the table's end") + 3;
    let want = shapes_js();
    if file[start..end] != want {
        if std::env::var_os("MQCI_BLESS").is_some() {
            let updated = format!("{}{}{}", &file[..start], want, &file[end..]);
            std::fs::write(path, updated).expect("writes src/js/tape.js");
        } else {
            panic!(
                "src/js/tape.js's SHAPES differ from the Rust types; run `MQCI_BLESS=1 cargo test --test tape`.\nwant:\n{want}"
            );
        }
    }
}

#[test]
fn every_assessment_struct_is_shaped() {
    // The assessment is the result the page waits for on every keystroke: no struct of it is
    // left to the keyed path.
    let mut tracer = Tracer::new(TracerConfig::default());
    let mut samples = Samples::new();
    for a in sample_assessments() {
        tracer.trace_value(&mut samples, &a).expect("traces");
    }
    for (name, format) in tracer.registry_unchecked() {
        if matches!(format, ContainerFormat::Struct(_)) {
            assert!(SHAPED.contains(&name.as_str()), "{name} is not in SHAPED");
        }
    }
    let tape = to_tape(&sample_assessments()[1]).unwrap();
    assert_eq!(tape.nums[..2], [SHAPE, 0.0], "an assessment is shape 0");
    assert!(
        !tape.text.contains("overallWeight"),
        "no field name on the tape"
    );
}
