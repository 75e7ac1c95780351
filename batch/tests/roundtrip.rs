//! Export → import gives the same scores (CSV and XLSX); formula-like cells are neutralised;
//! the CSV states the missing-data policy and the corrections in two columns of its own.

use mqci::{default_methodology, Options};
use mqci_batch::export::{
    export_csv, export_xlsx, policy_words, stated_policy, Correction, ExportMeta, CORRECTED_HEADER,
    POLICY_HEADER,
};
use mqci_batch::mapping::suggest;
use mqci_batch::read::{read_table, ReadOptions};
use mqci_batch::region::regions;
use mqci_batch::score::{score_numeric, BatchResult, NumericTable, Policy};
use mqci_batch::table::{Cell, Table};

fn source() -> Table {
    let rows: &[&[&str]] = &[
        &[
            "企业名称",
            "统一社会信用代码",
            "行业",
            "街道/园区",
            "营业收入（万元）",
            "工业总产值（万元）",
            "内部损失成本",
            "外部损失成本",
            "监督抽查合格率",
            "出口商品检验合格率",
            "产品质量等级品率",
            "微电子控制设备比重",
            "质量管理体系认证率",
            "研发经费",
            "技改经费",
            "每百万元产值拥有专利数",
            "新产品销售收入",
            "出口交货值",
        ],
        &[
            "=HYPERLINK(\"x\")",
            "91310000MA1",
            "C13",
            "甲街道",
            "68000",
            "70000",
            "300",
            "200",
            "95%",
            "99.8",
            "110",
            "55",
            "80",
            "1500",
            "900",
            "0.01",
            "14000",
            "5000",
        ],
        &[
            "+乙公司",
            "-0012",
            "C13",
            "乙街道",
            "12,000",
            "15000",
            "—",
            "不适用",
            "93.5",
            "不适用",
            "95",
            "40",
            "60",
            "100",
            "50",
            "0.002",
            "1000",
            "0",
        ],
        &[
            "丙公司",
            "@x",
            "C27",
            "甲街道",
            "0",
            "800",
            "10",
            "5",
            "abc",
            "",
            "",
            "",
            "",
            "5",
            "",
            "",
            "",
            "",
        ],
        &[
            "丁公司",
            "91310000MA4",
            "C27",
            "",
            "5000",
            "6000",
            "20",
            "10",
            "88",
            "99.9",
            "120",
            "70",
            "90",
            "300",
            "200",
            "0.015",
            "2500",
            "600",
        ],
    ];
    let cells = rows
        .iter()
        .map(|r| r.iter().map(|c| Cell::Text((*c).into())).collect())
        .collect();
    Table::from_rows(cells, 0)
}

/// A table read back from an export, mapped by its headers alone and scored.
fn scored_again(back: &Table, policy: Policy, m: &mqci::Methodology) -> BatchResult {
    let mapping = suggest(&back.headers);
    score_numeric(
        &NumericTable::from_table(back, &mapping, policy),
        &mapping,
        m,
    )
}

fn same_scores(a: &BatchResult, b: &BatchResult) {
    assert_eq!(a.rows, b.rows);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a.index), bits(&b.index));
    assert_eq!(bits(&a.min), bits(&b.min));
    assert_eq!(bits(&a.max), bits(&b.max));
    assert_eq!(a.band, b.band);
    assert_eq!(bits(&a.sub), bits(&b.sub));
    assert_eq!(a.not_applicable, b.not_applicable);
    let codes = |r: &BatchResult| {
        r.errors
            .iter()
            .map(|e| (e.row, e.column, e.error.code()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(a), codes(b));
}

#[test]
fn csv_and_xlsx_round_trip() {
    let m = default_methodology(Options::default());
    let table = source();
    let mapping = suggest(&table.headers);
    for policy in [Policy::NotApplicable, Policy::Missing] {
        let numeric = NumericTable::from_table(&table, &mapping, policy);
        let result = score_numeric(&numeric, &mapping, &m);
        assert_eq!(result.rows, 4);
        assert!(!result.errors.is_empty(), "bad cells are kept as errors");

        let csv = export_csv(&table, &result, &m, policy, &[]);
        assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 with BOM");
        let text = std::str::from_utf8(&csv[3..]).unwrap();
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
        assert!(
            text.contains(",'+乙公司,") || text.contains("'+乙公司"),
            "{text}"
        );
        assert!(text.contains("'-0012") && text.contains("'@x"));
        assert!(text.contains("\r\n"));
        let (back, info) = read_table(&csv, "结果.csv", &ReadOptions::default()).unwrap();
        assert_eq!((info.encoding, info.bom), (Some("UTF-8"), true));
        assert_eq!(&back.headers[..table.headers.len()], &table.headers[..]);
        assert_eq!(back.cell(0, 0), &Cell::Text("=HYPERLINK(\"x\")".into()));
        let back_mapping = suggest(&back.headers);
        assert_eq!(
            &back_mapping.columns[..table.headers.len()],
            &mapping.columns[..]
        );
        assert!(back_mapping.columns[table.headers.len()..]
            .iter()
            .all(|c| c.target == mqci_batch::mapping::Target::Pass));
        let again = scored_again(&back, policy, &m);
        same_scores(&result, &again);
        // The policy in words on every row, no correction stated; both columns pass through
        // unscored and without a role (no group filter made of them on a re-import).
        let last = back.headers.len();
        assert_eq!(back.headers[last - 2..], [CORRECTED_HEADER, POLICY_HEADER]);
        for r in 0..back.rows {
            assert_eq!(back.cell(r, last - 1).text(), policy_words(policy));
            assert_eq!(back.cell(r, last - 2), &Cell::Empty);
        }
        assert!(back_mapping.columns[last - 2..]
            .iter()
            .all(|c| c.role.is_none()));
        // Read back, the file states its policy (the page adopts it); the source does not.
        assert_eq!(stated_policy(&back), Some(policy));
        assert_eq!(stated_policy(&table), None);

        let groups = mapping.group_columns();
        let reg = regions(&table, &numeric, &mapping, &result, &groups, &m);
        assert_eq!(
            reg.len(),
            1 + 2 + 3,
            "all, 2 industries, 3 streets (one empty)"
        );
        let meta = ExportMeta {
            date: "2026-12-01".into(),
            input_name: "企业.csv".into(),
            input_digest: mqci_batch::export::digest(b"input"),
            policy,
            corrections: Vec::new(),
        };
        let xlsx = export_xlsx(&table, &mapping, &result, &reg, &m, &meta).unwrap();
        let sheets = mqci_batch::read::sheet_names(&xlsx).unwrap();
        assert_eq!(sheets, vec!["结果", "汇总", "说明"]);
        let (back, _) = read_table(&xlsx, "结果.xlsx", &ReadOptions::default()).unwrap();
        assert_eq!(&back.headers[..table.headers.len()], &table.headers[..]);
        assert_eq!(
            back.cell(0, 0),
            &Cell::Text("=HYPERLINK(\"x\")".into()),
            "text, not a formula"
        );
        let again = scored_again(&back, policy, &m);
        same_scores(&result, &again);
        // The same two last columns as the CSV.
        let last = back.headers.len();
        assert_eq!(back.headers[last - 2..], [CORRECTED_HEADER, POLICY_HEADER]);
        assert!((0..back.rows).all(|r| back.cell(r, last - 1).text() == policy_words(policy)));
        // The index column holds numbers.
        let index_col = table.headers.len() + 1;
        for r in 0..4 {
            match back.cell(r, index_col) {
                Cell::Number(x) => assert_eq!(*x, result.index[r]),
                Cell::Empty => assert!(result.index[r].is_nan()),
                other => panic!("{other:?}"),
            }
        }
        let o = ReadOptions {
            sheet: Some("说明".into()),
            header_row: Some(0),
        };
        let (about, _) = read_table(&xlsx, "x.xlsx", &o).unwrap();
        let text: Vec<String> = (0..about.rows).map(|r| about.cell(r, 1).text()).collect();
        assert!(text.contains(&mqci_batch::export::digest(b"input")));
        assert!(text.contains(&m.version));
        assert!(text.contains(&mqci::VERSION.to_string()));
        assert!(text.contains(&policy.id().to_string()));
    }
}

/// A corrected table's CSV: the corrected values, the scores of the corrected table, and each
/// correction stated on its row (`列：原值 → 新值`); export → import gives the same scores.
#[test]
fn csv_states_the_corrections_and_round_trips() {
    let m = default_methodology(Options::default());
    let mut table = source();
    let mapping = suggest(&table.headers);
    let spot = table
        .headers
        .iter()
        .position(|h| h == "监督抽查合格率")
        .unwrap();
    let mut fixes = Vec::new();
    for (r, c, text) in [(2, spot, "91"), (2, 6, ""), (0, 1, "-1")] {
        let before = table.set_cell(r, c, text).unwrap();
        Correction::record(&mut fixes, r, c, before.text(), table.cell(r, c).text());
    }
    assert_eq!(fixes.len(), 3);
    let policy = Policy::Missing;
    let result = score_numeric(
        &NumericTable::from_table(&table, &mapping, policy),
        &mapping,
        &m,
    );
    assert!(
        !result.errors.iter().any(|e| e.row == 2 && e.column == spot),
        "the fixed cell is no error"
    );
    let csv = export_csv(&table, &result, &m, policy, &fixes);
    let (back, _) = read_table(&csv, "结果.csv", &ReadOptions::default()).unwrap();
    let last = back.headers.len();
    let fixed = last - 2;
    assert_eq!(back.headers[fixed], CORRECTED_HEADER);
    assert_eq!(
        back.cell(0, fixed).text(),
        "统一社会信用代码：91310000MA1 → -1"
    );
    assert_eq!(back.cell(1, fixed), &Cell::Empty);
    assert_eq!(
        back.cell(2, fixed).text(),
        "内部损失成本：10 → （空）；监督抽查合格率：abc → 91"
    );
    assert_eq!(
        back.cell(0, 1).text(),
        "-1",
        "a neutralised cell reads back as typed"
    );
    assert_eq!(back.cell(2, spot).text(), "91");
    let again = scored_again(&back, policy, &m);
    same_scores(&result, &again);
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    let first = text.lines().nth(1).unwrap();
    let tail = format!(
        ",统一社会信用代码：91310000MA1 → -1,{}",
        policy_words(policy)
    );
    assert!(first.ends_with(&tail), "{first}");
}

#[test]
fn a_policy_is_stated_only_by_every_row_alike() {
    let t = |s: &str| Cell::Text(s.into());
    let words = policy_words(Policy::NotApplicable);
    let with = |cells: Vec<Vec<Cell>>| {
        let mut rows = vec![vec![t("企业名称"), t(POLICY_HEADER)]];
        rows.extend(cells);
        Table::from_rows(rows, 0)
    };
    let both = with(vec![vec![t("甲"), t(words)], vec![t("乙"), t(words)]]);
    assert_eq!(stated_policy(&both), Some(Policy::NotApplicable));
    let mixed = with(vec![
        vec![t("甲"), t(words)],
        vec![t("乙"), t(policy_words(Policy::Missing))],
    ]);
    assert_eq!(
        stated_policy(&mixed),
        None,
        "rows that disagree state nothing"
    );
    let other = with(vec![vec![t("甲"), t("按行业均值补齐")]]);
    assert_eq!(
        stated_policy(&other),
        None,
        "words of no policy state nothing"
    );
    let empty = with(vec![]);
    assert_eq!(
        stated_policy(&empty),
        None,
        "a file without rows states nothing"
    );
}
