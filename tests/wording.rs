//! Issue 10 point 3: a target's wording says honestly what is the plan's own text. Text in
//! Chinese quotation marks (“…”) is the plan's words as docs/methodology.md quotes them, so it
//! must stand in that profile's row there; every other target of a profile whose text is not on
//! file carries a note (shown on the page) saying the wording is a restatement or unchecked.

use mqci::targets::profiles::shipped;

/// The rows of docs/methodology.md §6/§10 with the profile's date and end year (as
/// tests/progress.rs finds its row), with white space removed.
fn rows_of(date: &str, year: u16) -> Vec<String> {
    let doc = include_str!("../docs/methodology.md");
    let end = format!("| {year} |");
    doc.lines()
        .filter(|l| l.starts_with('|') && l.contains(date) && l.contains(&end))
        .map(|l| l.split_whitespace().collect())
        .collect()
}

/// The fragments in “…”.
fn quoted(wording: &str) -> Vec<String> {
    wording
        .split('“')
        .skip(1)
        .filter_map(|s| {
            s.split_once('”')
                .map(|(q, _)| q.split_whitespace().collect())
        })
        .collect()
}

#[test]
fn quoted_wording_is_in_the_methodology_and_the_rest_says_it_is_not_verbatim() {
    let mut quotes = 0;
    for p in shipped().unwrap() {
        // Chengdu's draft is on file (docs/sources/), its wording verbatim and so marked.
        let verbatim = p.note.contains("Wording verbatim");
        let rows = rows_of(&p.date, p.year.unwrap());
        for t in &p.targets {
            let what = format!("{} {}: {}", p.id, t.metric, t.wording);
            let q = quoted(&t.wording);
            for fragment in &q {
                assert!(
                    rows.iter().any(|r| r.contains(fragment.as_str())),
                    "{what}: “{fragment}” is not quoted in its row of docs/methodology.md"
                );
                quotes += 1;
            }
            let says_quoted = t.note.contains("引号内是文件原话");
            let says_restated =
                t.note.contains("不是文件原句") || t.note.contains("未与文件原文核对");
            if verbatim {
                assert!(
                    t.note.is_empty(),
                    "{what}: a verbatim wording needs no note"
                );
            } else {
                // (A name in quotes, e.g. 新认证“天府名品”, is no claim of quotation.)
                assert!(
                    says_restated || (says_quoted && !q.is_empty()),
                    "{what}: a wording not on file says what it is in its note, got {:?}",
                    t.note
                );
            }
        }
    }
    // 贵州 ×2, 湖南, 山东 2020, 上海, and the name 天府名品.
    assert_eq!(quotes, 6);
}

#[test]
fn the_quote_reader_finds_each_fragment() {
    assert_eq!(
        quoted("指数达到89以上（“提高4.7”）"),
        vec!["提高4.7".to_string()]
    );
    assert_eq!(
        quoted("“a b” and “c”"),
        vec!["ab".to_string(), "c".to_string()]
    );
    assert!(quoted("达到86").is_empty());
}
