//! Bytes → [`Table`]: spreadsheets (XLSX, XLS, ODS via `calamine`) and delimited text (CSV,
//! TSV, a block pasted from Excel) in UTF-8, UTF-16 or GBK/GB18030, detected rather than asked.
//!
//! * Encoding: a byte-order mark decides (UTF-8, UTF-16LE/BE — Excel's "Unicode text"); else
//!   text that is valid UTF-8 is UTF-8; anything else is decoded as GB18030, the superset of
//!   GBK that Excel on a Chinese Windows writes ("CSV (逗号分隔)"). Decoding is `encoding_rs`.
//! * Delimiter: tab, comma, semicolon or `|`, whichever splits the first lines into the most
//!   columns consistently (a paste from Excel is tab-separated). Parsing is the `csv` crate
//!   (quotes, doubled quotes, line breaks inside quotes).
//! * Header row: the first row among the first 20 with at least half as many filled cells as
//!   the fullest of them (so a title line such as "2025年规上企业质量数据" above the header is
//!   skipped). A caller can name the header row instead.

use std::io::Cursor;

use std::borrow::Cow;

use calamine::{Data, Reader};
use mqci::Error;

use crate::table::{Cell, Table};

/// The largest file read, in bytes (a province's 60,000 enterprises are ~5 MB of CSV; the
/// whole country's 500,000 about 40 MB).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// How a file was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadInfo {
    /// `xlsx`, `xls`, `ods`, `csv` or `tsv` (or `txt` for another delimiter).
    pub format: &'static str,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`; `None` for a spreadsheet.
    pub encoding: Option<&'static str>,
    /// Whether a byte-order mark was present.
    pub bom: bool,
    /// The delimiter of a text file.
    pub delimiter: Option<char>,
    /// The sheets of a workbook, in order.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
}

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The sheet of a workbook (default: the first one).
    pub sheet: Option<String>,
    /// The 0-based row holding the headers (default: detected).
    pub header_row: Option<usize>,
}

/// Decodes text bytes, detecting the encoding. Returns the text, the encoding's name and
/// whether a byte-order mark was present.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str, bool) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, enc.name(), true);
    }
    match std::str::from_utf8(bytes) {
        // Valid UTF-8 is read in place (no copy of a file of tens of megabytes).
        Ok(s) => (Cow::Borrowed(s), "UTF-8", false),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text, "GB18030", false)
        }
    }
}

/// Counts `d` outside double quotes in `line`.
fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for ch in line.chars() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == d && !quoted {
            n += 1;
        }
    }
    n
}

/// Picks the delimiter of delimited text (see module docs).
pub fn sniff_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (',', 0usize);
    for d in ['\t', ',', ';', '|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        // The count most lines agree on (ties: the larger), weighted by how many agree.
        let mut score = 0;
        for &c in &counts {
            if c == 0 {
                continue;
            }
            let agree = counts.iter().filter(|&&x| x == c).count();
            score = score.max(agree * (c + 1));
        }
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// The header row among the first rows (see module docs).
pub fn detect_header(rows: &[Vec<Cell>]) -> usize {
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| **c != Cell::Empty).count();
    let first: Vec<usize> = rows.iter().take(20).map(filled).collect();
    let most = first.iter().copied().max().unwrap_or(0);
    first
        .iter()
        .position(|&n| n >= 1 && 2 * n >= most)
        .unwrap_or(0)
}

/// A text cell, trimmed. A `'` that neutralised a formula-like text on export
/// ([`crate::export::neutralise`]) is removed again.
#[inline]
fn text_cell(s: &str) -> Cell {
    // Nearly every cell starts and ends with a visible ASCII character other than `'`: nothing
    // to trim or strip.
    let plain = |b: u8| b > b' ' && b < 0x80;
    if let (Some(&first), Some(&last)) = (s.as_bytes().first(), s.as_bytes().last()) {
        if plain(first) && first != b'\'' && plain(last) {
            return Cell::Text(s.into());
        }
    }
    let t = s.trim();
    let t = match t.strip_prefix('\'') {
        Some(rest) if crate::export::is_dangerous(rest) => rest,
        _ => t,
    };
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.into())
    }
}

/// The records of delimited text, one at a time, as the `csv` crate reads them (its
/// defaults: `"` quotes, doubled quotes, CR, LF and CRLF each end a record, blank lines are
/// skipped, a UTF-8 byte-order mark at the start is dropped).
///
/// A record without a quote (nearly every record of a large file) is split here at the
/// delimiter and its fields are slices of the text: no copy, no second UTF-8 check (the text
/// is a `str`, and the split is at ASCII bytes). A record with a quote is read by `csv_core`,
/// the parser under the `csv` crate (quotes, doubled quotes, line breaks inside quotes).
/// Reading through the `csv` crate's records cost 40 % of reading a file; the equality with
/// it is tested on random texts.
struct Records<'a> {
    text: &'a str,
    pos: usize,
    delimiter: u8,
    core: csv_core::Reader,
    /// The fields of the record: byte ranges of `text`, or of `out` when `quoted`.
    spans: Vec<(usize, usize)>,
    quoted: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// The bytes that end or split a field, or start a quote: the delimiter, CR, LF, `"`.
    special: [bool; 256],
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        // As the `csv` crate: a byte-order mark only at the very start is dropped (csv_core
        // drops one on its first call, which here may come later: make that call now).
        let _ = core.read_record(b"\n", &mut [0u8; 1], &mut [0usize; 1]);
        let pos = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut special = [false; 256];
        for b in [delimiter, b'\n', b'\r', b'"'] {
            special[b as usize] = true;
        }
        Records {
            special,
            text,
            pos,
            delimiter,
            core,
            spans: Vec::new(),
            quoted: false,
            out: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// Bytes read so far.
    fn position(&self) -> usize {
        self.pos
    }

    /// Reads the next record; `false` at the end of the text.
    fn next(&mut self) -> Result<bool, Error> {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut pos = self.pos;
        while pos < n && (b[pos] == b'\n' || b[pos] == b'\r') {
            pos += 1;
        }
        if pos == n {
            self.pos = n;
            return Ok(false);
        }
        self.spans.clear();
        self.quoted = false;
        let start = pos;
        let mut field = pos;
        loop {
            if pos == n {
                self.spans.push((field, pos));
                self.pos = pos;
                return Ok(true);
            }
            let c = b[pos];
            if !self.special[c as usize] {
                pos += 1;
            } else if c == self.delimiter {
                self.spans.push((field, pos));
                pos += 1;
                field = pos;
            } else if c == b'\n' || c == b'\r' {
                self.spans.push((field, pos));
                self.pos = pos + 1;
                return Ok(true);
            } else {
                return self.quoted_record(start);
            }
        }
    }

    /// The record starting at `start`, read by `csv_core`.
    fn quoted_record(&mut self, start: usize) -> Result<bool, Error> {
        use csv_core::ReadRecordResult as R;
        let input = &self.text.as_bytes()[start..];
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        loop {
            let (res, i, o, e) =
                self.core
                    .read_record(&input[nin..], &mut self.out[nout..], &mut self.ends[nend..]);
            nin += i;
            nout += o;
            nend += e;
            match res {
                R::InputEmpty if nin < input.len() => {}
                // All the text given: the next call (with no input) ends the record.
                R::InputEmpty => {}
                R::OutputFull => {
                    let len = self.out.len() * 2;
                    self.out.resize(len, 0);
                }
                R::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                R::Record | R::End => break,
            }
        }
        self.spans.clear();
        let mut from = 0;
        for &end in &self.ends[..nend] {
            self.spans.push((from, end));
            from = end;
        }
        self.quoted = true;
        self.pos = start + nin;
        Ok(nend > 0)
    }

    /// Number of fields of the record.
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `k` of the record.
    fn field(&self, k: usize) -> Result<&str, Error> {
        let (a, z) = self.spans.get(k).copied().unwrap_or((0, 0));
        if self.quoted {
            std::str::from_utf8(self.out.get(a..z).unwrap_or_default()).map_err(|e| {
                Error::Unreadable {
                    field: "input".into(),
                    value: mqci::error::quote(&e.to_string()),
                }
            })
        } else {
            Ok(self.text.get(a..z).unwrap_or_default())
        }
    }

    /// The record's cells.
    fn cells(&self) -> Result<Vec<Cell>, Error> {
        (0..self.len())
            .map(|k| self.field(k).map(text_cell))
            .collect()
    }
}

/// Reads delimited text. The same table as [`Table::from_rows`] over all the records, built
/// column by column as the records come (the first rows are held until the header is known):
/// no second copy of every cell, which for 500,000 rows is about 170 MB of the module's memory.
/// Each record's cells go straight into their columns (no row of cells in between), and the
/// columns are sized once from the length of the first lines, not grown by doubling (each
/// doubling copied every cell so far: for 100,000 rows ≈ 45 MB of copying).
pub fn read_delimited(
    text: &str,
    delimiter: char,
    header_row: Option<usize>,
) -> Result<Table, Error> {
    let mut records = Records::new(text, delimiter as u8);
    // The rows the header is chosen from (`detect_header` looks at the first 20).
    let keep = header_row.map_or(HEADER_ROWS, |h| h.saturating_add(1).max(HEADER_ROWS));
    let mut head = Vec::new();
    while head.len() < keep && records.next()? {
        head.push(records.cells()?);
    }
    let header = header_row.unwrap_or_else(|| detect_header(&head));
    // Rows still to come, estimated from the bytes per record so far (a little over: the
    // capacity not used is never touched, so it costs address space, not memory).
    let done = records.position();
    let per_row = done / head.len().max(1);
    let estimate = text
        .len()
        .saturating_sub(done)
        .checked_div(per_row)
        .map_or(0, |n| n * 21 / 20 + 16);
    let mut head = head.into_iter();
    let header_cells = head.nth(header);
    let mut builder = Columns {
        capacity: head.len() + estimate,
        ..Columns::default()
    };
    for row in head {
        builder.push(row);
    }
    while records.next()? {
        builder.push_record(&records)?;
    }
    Ok(builder.finish(header_cells, header))
}

/// Rows the header is looked for in.
const HEADER_ROWS: usize = 20;

/// Data rows as columns, as they come ([`read_delimited`]).
#[derive(Default)]
struct Columns {
    columns: Vec<Vec<Cell>>,
    rows: usize,
    /// Blank rows at the end so far (dropped by `finish`, as `Table::from_rows` does).
    trailing_blank: usize,
    /// The capacity a new column is made with (the expected number of rows).
    capacity: usize,
}

impl Columns {
    /// A new column, with an empty cell for each row so far.
    fn new_column(&self) -> Vec<Cell> {
        let mut col = Vec::with_capacity(self.capacity.max(self.rows + 1));
        col.resize(self.rows, Cell::Empty);
        col
    }

    fn push(&mut self, row: Vec<Cell>) {
        let used = row
            .iter()
            .rposition(|c| *c != Cell::Empty)
            .map_or(0, |n| n + 1);
        self.trailing_blank = if used == 0 {
            self.trailing_blank + 1
        } else {
            0
        };
        while self.columns.len() < used {
            let col = self.new_column();
            self.columns.push(col);
        }
        let mut cells = row.into_iter().take(used);
        for col in self.columns.iter_mut() {
            col.push(cells.next().unwrap_or(Cell::Empty));
        }
        self.rows += 1;
    }

    /// As [`Columns::push`] of the record's cells, each cell going straight to its column.
    fn push_record(&mut self, record: &Records) -> Result<(), Error> {
        let mut blank = true;
        let mut made = false;
        for c in 0..record.len() {
            let cell = text_cell(record.field(c)?);
            if cell == Cell::Empty {
                // A column not there yet gets its empty cell below if a later cell makes it.
                if let Some(col) = self.columns.get_mut(c) {
                    col.push(cell);
                }
                continue;
            }
            blank = false;
            while self.columns.len() <= c {
                let col = self.new_column();
                self.columns.push(col);
                made = true;
            }
            self.columns[c].push(cell);
        }
        // Columns this record has no cell in (shorter than the table, or new columns made
        // after its empty cells): an empty cell. A record as wide as the table that made no
        // column has put one cell in each.
        if made || record.len() < self.columns.len() {
            for col in self.columns.iter_mut() {
                if col.len() == self.rows {
                    col.push(Cell::Empty);
                }
            }
        }
        self.trailing_blank = if blank { self.trailing_blank + 1 } else { 0 };
        self.rows += 1;
        Ok(())
    }

    /// The table under `header` (the header row's cells; `None`: past the end of the text).
    fn finish(mut self, header: Option<Vec<Cell>>, header_line: usize) -> Table {
        let rows = self.rows - self.trailing_blank;
        for col in self.columns.iter_mut() {
            col.truncate(rows);
        }
        let Some(header) = header.filter(|h| rows > 0 || h.iter().any(|c| *c != Cell::Empty))
        else {
            return Table {
                header_line,
                ..Table::default()
            };
        };
        while self.columns.len() < header.len() {
            self.columns.push(vec![Cell::Empty; rows]);
        }
        let headers = (0..self.columns.len())
            .map(|c| {
                let h = header.get(c).map(Cell::text).unwrap_or_default();
                let h = h.trim();
                if h.is_empty() {
                    crate::table::column_letter(c)
                } else {
                    h.to_string()
                }
            })
            .collect();
        Table {
            headers,
            columns: self.columns,
            rows,
            header_line,
        }
    }
}

fn data_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        other => text_cell(&other.to_string()),
    }
}

/// Whether the bytes look like a workbook (ZIP: XLSX/ODS; OLE compound file: XLS).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The sheets of a workbook, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    let book = open(bytes)?;
    Ok(book.sheet_names())
}

fn open(bytes: &[u8]) -> Result<calamine::Sheets<Cursor<&[u8]>>, Error> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| Error::Unreadable {
        field: "input".into(),
        value: mqci::error::quote(&e.to_string()),
    })
}

fn format_of(book: &calamine::Sheets<Cursor<&[u8]>>) -> &'static str {
    match book {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Xlsx(_) => "xlsx",
        calamine::Sheets::Xlsb(_) => "xlsb",
        calamine::Sheets::Ods(_) => "ods",
    }
}

/// Reads one sheet of a workbook.
pub fn read_workbook(bytes: &[u8], options: &ReadOptions) -> Result<(Table, ReadInfo), Error> {
    let mut book = open(bytes)?;
    let sheets = book.sheet_names();
    let sheet = match &options.sheet {
        Some(s) if sheets.contains(s) => s.clone(),
        Some(s) => {
            return Err(Error::UnknownId {
                field: "sheet".into(),
                id: mqci::error::quote(s),
            })
        }
        None => sheets.first().cloned().ok_or_else(|| Error::Empty {
            field: "sheet".into(),
        })?,
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| Error::Unreadable {
            field: "sheet".into(),
            value: mqci::error::quote(&e.to_string()),
        })?;
    let rows: Vec<Vec<Cell>> = range
        .rows()
        .map(|r| r.iter().map(data_cell).collect())
        .collect();
    let header = options.header_row.unwrap_or_else(|| detect_header(&rows));
    let info = ReadInfo {
        format: format_of(&book),
        encoding: None,
        bom: false,
        delimiter: None,
        sheets,
        sheet: Some(sheet),
    };
    Ok((Table::from_rows(rows, header), info))
}

/// Reads a file of any supported kind. `name` (the file name) is only a hint: the content
/// decides.
pub fn read_table(
    bytes: &[u8],
    name: &str,
    options: &ReadOptions,
) -> Result<(Table, ReadInfo), Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::TooLarge {
            field: "input".into(),
            limit: "bytes",
            max: MAX_BYTES as u64,
        });
    }
    if is_workbook(bytes) {
        return read_workbook(bytes, options);
    }
    let (text, encoding, bom) = decode(bytes);
    let lower = name.to_ascii_lowercase();
    let delimiter = if lower.ends_with(".tsv") {
        '\t'
    } else {
        sniff_delimiter(&text)
    };
    let table = read_delimited(&text, delimiter, options.header_row)?;
    let format = match delimiter {
        '\t' => "tsv",
        ',' => "csv",
        _ => "txt",
    };
    Ok((
        table,
        ReadInfo {
            format,
            encoding: Some(encoding),
            bom,
            delimiter: Some(delimiter),
            sheets: Vec::new(),
            sheet: None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streaming reader builds the same table as `Table::from_rows` over every record:
    /// ragged rows, blank rows in the middle and at the end, a title line, a blank header,
    /// explicit header rows inside and past the text.
    #[test]
    fn streaming_columns_equal_from_rows() {
        let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for case in 0..3000 {
            let rows = next(30) as usize;
            let d = [',', ';', '\t'][case % 3];
            let mut text = String::new();
            if case % 50 == 7 {
                text.push('\u{FEFF}');
            }
            for _ in 0..rows {
                let width = next(7) as usize;
                let cells: Vec<String> = (0..width)
                    .map(|_| match next(12) {
                        0 => String::new(),
                        1 => "\"a,b\"".to_string(),
                        2 => "\"x\ny\"".to_string(),
                        3 => "\"say \"\"hi\"\"\"".to_string(),
                        4 => "a\"b".to_string(),
                        5 => " 7 ".to_string(),
                        6 => "\"\r\n\"".to_string(),
                        7 => "质量".to_string(),
                        _ => next(1000).to_string(),
                    })
                    .collect();
                text.push_str(&cells.join(&d.to_string()));
                text.push_str(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"][next(5) as usize]);
            }
            if case % 4 == 1 {
                // No line break at the end.
                let trimmed = text.trim_end_matches(['\r', '\n']).len();
                text.truncate(trimmed);
            }
            for header_row in [None, Some(0), Some(next(35) as usize)] {
                let old = {
                    let mut reader = csv::ReaderBuilder::new()
                        .has_headers(false)
                        .flexible(true)
                        .delimiter(d as u8)
                        .from_reader(text.as_bytes());
                    let all: Vec<Vec<Cell>> = reader
                        .records()
                        .map(|r| r.unwrap().iter().map(text_cell).collect())
                        .collect();
                    let header = header_row.unwrap_or_else(|| detect_header(&all));
                    Table::from_rows(all, header)
                };
                let new = read_delimited(&text, d, header_row).unwrap();
                assert_eq!(new, old, "case {case}, header {header_row:?}:\n{text}");
            }
        }
    }

    const CSV: &str = "企业名称,统一社会信用代码,工业总产值（万元）,质量损失率\n\
                       甲公司,91310000MA1,\"12,000\",1.2\n\
                       乙公司,91310000MA2,8000,—\n";

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn check(table: &Table) {
        assert_eq!(
            table.headers,
            vec![
                "企业名称",
                "统一社会信用代码",
                "工业总产值（万元）",
                "质量损失率"
            ]
        );
        assert_eq!(table.rows, 2);
        assert_eq!(table.cell(0, 2), &t("12,000"));
        assert_eq!(table.cell(1, 3), &t("—"));
        assert_eq!(table.cell(1, 0), &t("乙公司"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (table, info) = read_table(CSV.as_bytes(), "a.csv", &ReadOptions::default()).unwrap();
        check(&table);
        assert_eq!(
            (info.encoding, info.bom, info.format),
            (Some("UTF-8"), false, "csv")
        );
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(CSV.as_bytes());
        let (table, info) = read_table(&bytes, "a.csv", &ReadOptions::default()).unwrap();
        check(&table);
        assert_eq!((info.encoding, info.bom), (Some("UTF-8"), true));
    }

    #[test]
    fn gbk_and_gb18030_are_detected() {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(CSV);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "GBK bytes are not UTF-8"
        );
        let (table, info) = read_table(&bytes, "export.csv", &ReadOptions::default()).unwrap();
        check(&table);
        assert_eq!(info.encoding, Some("GB18030"));
        // A character outside GBK (𠀀, U+20000) in GB18030's four-byte form.
        let text = CSV.replace("乙公司", "𠀀公司");
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let (table, _) = read_table(&bytes, "export.csv", &ReadOptions::default()).unwrap();
        assert_eq!(table.cell(1, 0), &t("𠀀公司"));
    }

    #[test]
    fn utf16_from_excel_unicode_text() {
        let tsv = CSV.replace(",\"12,000\",", "\t12000\t").replace(',', "\t");
        let mut bytes = vec![0xFF, 0xFE];
        for u in tsv.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (table, info) = read_table(&bytes, "a.txt", &ReadOptions::default()).unwrap();
        assert_eq!(
            (info.encoding, info.delimiter),
            (Some("UTF-16LE"), Some('\t'))
        );
        assert_eq!(table.headers.len(), 4);
        assert_eq!(table.cell(0, 2), &t("12000"));
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter(CSV), ',');
        let tsv = "名称\t工业总产值\t备注\n甲\t1,200\ta,b\n乙\t3\tc\n";
        assert_eq!(sniff_delimiter(tsv), '\t');
        let (table, info) = read_table(tsv.as_bytes(), "paste", &ReadOptions::default()).unwrap();
        assert_eq!(info.format, "tsv");
        assert_eq!(table.cell(0, 1), &t("1,200"));
        assert_eq!(table.cell(0, 2), &t("a,b"));
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3\n"), ';');
    }

    #[test]
    fn title_row_above_the_header_is_skipped() {
        let text = format!("2025年规上企业质量数据\n\n{CSV}");
        let (table, _) = read_table(text.as_bytes(), "a.csv", &ReadOptions::default()).unwrap();
        check(&table);
        assert_eq!(table.header_line, 1, "blank lines are not rows");
        let o = ReadOptions {
            header_row: Some(0),
            ..ReadOptions::default()
        };
        let (table, _) = read_table(text.as_bytes(), "a.csv", &o).unwrap();
        assert_eq!(table.headers[0], "2025年规上企业质量数据");
    }

    #[test]
    fn xlsx_sheets_and_numbers() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let s1 = wb.add_worksheet();
        s1.set_name("说明").unwrap();
        s1.write_string(0, 0, "本表为测试").unwrap();
        let s2 = wb.add_worksheet();
        s2.set_name("企业").unwrap();
        for (c, h) in ["企业名称", "工业总产值（万元）", "质量损失率"]
            .iter()
            .enumerate()
        {
            s2.write_string(0, c as u16, *h).unwrap();
        }
        s2.write_string(1, 0, "甲公司").unwrap();
        s2.write_number(1, 1, 12000.5).unwrap();
        s2.write_number(1, 2, 1.2).unwrap();
        s2.write_string(2, 0, "乙公司").unwrap();
        s2.write_string(2, 2, "不适用").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        assert_eq!(sheet_names(&bytes).unwrap(), vec!["说明", "企业"]);
        let o = ReadOptions {
            sheet: Some("企业".into()),
            ..ReadOptions::default()
        };
        let (table, info) = read_table(&bytes, "x.xlsx", &o).unwrap();
        assert_eq!(info.format, "xlsx");
        assert_eq!(info.sheet.as_deref(), Some("企业"));
        assert_eq!(
            table.headers,
            vec!["企业名称", "工业总产值（万元）", "质量损失率"]
        );
        assert_eq!(table.cell(0, 1), &Cell::Number(12000.5));
        assert_eq!(table.cell(0, 2), &Cell::Number(1.2));
        assert_eq!(table.cell(1, 1), &Cell::Empty);
        assert_eq!(table.cell(1, 2), &t("不适用"));
        let (first, _) = read_table(&bytes, "x.xlsx", &ReadOptions::default()).unwrap();
        assert_eq!(first.headers, vec!["本表为测试"]);
        let o = ReadOptions {
            sheet: Some("无此表".into()),
            ..ReadOptions::default()
        };
        let e = read_table(&bytes, "x.xlsx", &o).unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.value()),
            ("unknown_id", "sheet", Some("无此表"))
        );
    }

    #[test]
    fn a_broken_workbook_is_unreadable_not_a_panic() {
        let e = read_table(b"PK\x03\x04garbage", "x.xlsx", &ReadOptions::default()).unwrap_err();
        assert_eq!((e.code(), e.field()), ("unreadable", "input"));
    }
}
