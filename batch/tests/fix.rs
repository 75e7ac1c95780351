//! Fixing a bad cell in place (`Table::set_cell`): the corrected table scores exactly as a
//! table read clean, and the XLSX 说明 sheet lists the correction.

use mqci::{default_methodology, Options};
use mqci_batch::export::{export_xlsx, Correction, ExportMeta};
use mqci_batch::mapping::Mapping;
use mqci_batch::read::{read_table, ReadOptions};
use mqci_batch::region::regions;
use mqci_batch::score::{score_table, Policy};
use mqci_batch::table::{Cell, Table};

const HEADER: &str = "企业名称,产品质量等级品率,微电子控制设备比重,质量管理体系认证率,质量损失率,产品监督抽查合格率,出口商品检验合格率,研究与试验发展经费比重,技术改造经费比重,每百万元产值拥有专利数,新产品销售比重,平均产品销售收入,国际市场销售率";

fn csv(spot_check: &str) -> String {
    format!(
        "{HEADER}\n甲厂,102.5,40.2,80,1.2,95.5,98,2.1,1.5,0.02,20,1.5,10\n乙厂,101,35,70,0.8,{spot_check},97,3,1,0.01,15,2,20\n丙厂,99,20,60,2,88,96,1,0.5,0.005,5,0.5,5\n"
    )
}

fn read(text: &str) -> Table {
    read_table(text.as_bytes(), "企业.csv", &ReadOptions::default())
        .unwrap()
        .0
}

/// The column of 产品监督抽查合格率, the one the tests' bad cell is in.
fn spot_column(table: &Table) -> usize {
    table
        .headers
        .iter()
        .position(|h| h == "产品监督抽查合格率")
        .expect("the test file has the column")
}

#[test]
fn a_fixed_cell_scores_as_a_clean_file() {
    let m = default_methodology(Options::default());
    let clean = read(&csv("90.5"));
    let mut table = read(&csv("9o.5"));
    let mapping = Mapping::for_table(&table);
    let spot = spot_column(&table);

    let bad = score_table(&table, &mapping, Policy::Missing, &m);
    assert_eq!(bad.errors.len(), 1);
    assert_eq!((bad.errors[0].row, bad.errors[0].column), (1, spot));
    assert!(bad.index[1].is_nan(), "a bad cell counts as missing");

    let old = table.set_cell(1, spot, "90.5");
    assert_eq!(old, Some(Cell::Text("9o.5".into())));
    assert_eq!(table.cell(1, spot), &Cell::Text("90.5".into()));
    let fixed = score_table(&table, &mapping, Policy::Missing, &m);
    let want = score_table(&clean, &Mapping::for_table(&clean), Policy::Missing, &m);
    assert!(fixed.errors.is_empty());
    assert!(fixed.index[1].is_finite());
    assert_eq!(fixed.index, want.index);
    assert_eq!(fixed.band, want.band);
    assert_eq!(
        fixed.sub.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        want.sub.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );

    // Blank text empties the cell; outside the table nothing changes.
    assert_eq!(
        table.set_cell(0, spot, "  "),
        Some(Cell::Text("95.5".into()))
    );
    assert_eq!(table.cell(0, spot), &Cell::Empty);
    assert_eq!(table.set_cell(3, spot, "1"), None);
    assert_eq!(table.set_cell(0, 99, "1"), None);
    assert_eq!(table.rows, 3);
}

#[test]
fn the_about_sheet_lists_the_corrections() {
    let m = default_methodology(Options::default());
    let mut table = read(&csv("9o.5"));
    let mapping = Mapping::for_table(&table);
    let spot = spot_column(&table);
    table.set_cell(1, spot, "90.5");
    let result = score_table(&table, &mapping, Policy::Missing, &m);
    let numeric = mqci_batch::score::NumericTable::from_table(&table, &mapping, Policy::Missing);
    let reg = regions(&table, &numeric, &mapping, &result, &[], &m);
    let meta = ExportMeta {
        date: "2026-12-01".into(),
        input_name: "企业.csv".into(),
        input_digest: mqci_batch::export::digest(b"input"),
        policy: Policy::Missing,
        corrections: vec![Correction {
            row: 1,
            column: spot,
            old: "9o.5".into(),
            new: "90.5".into(),
        }],
    };
    let xlsx = export_xlsx(&table, &mapping, &result, &reg, &m, &meta).unwrap();
    let options = ReadOptions {
        sheet: Some("说明".into()),
        header_row: Some(0),
    };
    let (about, _) = read_table(&xlsx, "x.xlsx", &options).unwrap();
    let texts: Vec<Vec<String>> = (0..about.rows)
        .map(|r| {
            (0..about.headers.len())
                .map(|c| about.cell(r, c).text())
                .collect()
        })
        .collect();
    let at = texts
        .iter()
        .position(|r| r[0] == "已改正的单元格（与输入文件不同）")
        .expect("a corrections block");
    assert_eq!(
        texts[at + 1][..4],
        ["行（第 1 行 = 第一条数据）", "列", "原值", "改正后"]
    );
    assert_eq!(
        texts[at + 2][..4],
        ["2", "产品监督抽查合格率", "9o.5", "90.5"]
    );

    // The results sheet holds the corrected value, and states the correction on its row only
    // (column 已更正) and the policy on every row (column 缺失数据处理), as the CSV does.
    let (results, _) = read_table(&xlsx, "x.xlsx", &ReadOptions::default()).unwrap();
    assert_eq!(results.cell(1, spot).text(), "90.5");
    let last = results.headers.len();
    assert_eq!(results.headers[last - 2..], ["已更正", "缺失数据处理"]);
    let fixed: Vec<String> = (0..3).map(|r| results.cell(r, last - 2).text()).collect();
    assert_eq!(fixed, ["", "产品监督抽查合格率：9o.5 → 90.5", ""]);
    assert!((0..3).all(|r| results.cell(r, last - 1).text() == "按缺失处理（给出区间）"));
    let csv =
        mqci_batch::export::export_csv(&table, &result, &m, Policy::Missing, &meta.corrections);
    let (back, _) = read_table(&csv, "x.csv", &ReadOptions::default()).unwrap();
    assert_eq!(back.headers, results.headers, "the same results table");
    for r in 0..3 {
        for c in last - 2..last {
            assert_eq!(back.cell(r, c).text(), results.cell(r, c).text());
        }
    }
}

#[test]
fn corrections_keep_the_files_text_and_forget_a_change_back() {
    let fix = |row, column, old: &str, new: &str| Correction {
        row,
        column,
        old: old.into(),
        new: new.into(),
    };
    let mut list = Vec::new();
    Correction::record(&mut list, 1, 5, "9o.5".into(), "9O".into());
    Correction::record(&mut list, 0, 7, "x".into(), "1".into());
    Correction::record(&mut list, 1, 2, "7".into(), "7".into());
    assert_eq!(
        list,
        vec![fix(0, 7, "x", "1"), fix(1, 5, "9o.5", "9O")],
        "by row then column; no change: nothing"
    );
    Correction::record(&mut list, 1, 5, "9O".into(), "90.5".into());
    assert_eq!(
        list[1],
        fix(1, 5, "9o.5", "90.5"),
        "the file's text stays the old value"
    );
    Correction::record(&mut list, 0, 7, "1".into(), "x".into());
    assert_eq!(
        list,
        vec![fix(1, 5, "9o.5", "90.5")],
        "back to the file's text: forgotten"
    );
}
