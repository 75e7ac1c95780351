//! A table as read from a spreadsheet: one header per column and the cells below it, stored
//! column by column (scoring reads a column at a time).

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// A number stored as a number (XLSX).
    Number(f64),
    /// Text as typed (every CSV cell; XLSX text cells).
    Text(CellText),
}

/// Bytes of text kept in the cell itself ([`CellText`]).
const INLINE: usize = 22;

/// A cell's text: up to 22 bytes (nearly every figure, code and name) in place, longer on the
/// heap. A table of 500,000 rows has millions of cells: one allocation each cost a third of
/// the reading time and ≈ 24 bytes of memory per cell. Reads as a `str`.
#[derive(Clone)]
pub enum CellText {
    /// `len` bytes of UTF-8 in `bytes`.
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Longer text.
    Heap(Box<str>),
}

impl std::ops::Deref for CellText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Only ever filled from a whole `&str` (`From`), so always valid UTF-8.
            CellText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            CellText::Heap(s) => s,
        }
    }
}

impl CellText {
    /// The text's bytes (UTF-8), without the check of `Deref` (scoring reads millions).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            CellText::Inline { len, bytes } => &bytes[..(*len as usize).min(INLINE)],
            CellText::Heap(s) => s.as_bytes(),
        }
    }
}

impl From<&str> for CellText {
    fn from(s: &str) -> CellText {
        let b = s.as_bytes();
        let n = b.len();
        if n > INLINE {
            return CellText::Heap(s.into());
        }
        // Copied in pieces of fixed size (overlapping where the text is not a multiple): a
        // copy of variable length is a `memory.copy` call in WebAssembly, slower than the
        // loads and stores of a fixed size for the millions of short cells of a large file.
        let mut bytes = [0u8; INLINE];
        if n >= 8 {
            let mut at = 0;
            while at + 8 <= n {
                bytes[at..at + 8].copy_from_slice(&b[at..at + 8]);
                at += 8;
            }
            if at < n {
                bytes[n - 8..n].copy_from_slice(&b[n - 8..n]);
            }
        } else if n >= 4 {
            bytes[..4].copy_from_slice(&b[..4]);
            bytes[n - 4..n].copy_from_slice(&b[n - 4..n]);
        } else {
            for (to, from) in bytes.iter_mut().zip(b) {
                *to = *from;
            }
        }
        CellText::Inline {
            len: n as u8,
            bytes,
        }
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &CellText) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for CellText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for CellText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Cell {
    /// The cell as text: numbers as JavaScript writes them, empty as "".
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(x) => fmt_number(*x),
            Cell::Text(s) => s.to_string(),
        }
    }
}

/// A number as JavaScript's `String(x)` writes it (`mqci::decimal::fmt_num`). Between 1e-6
/// and 1e21, where JavaScript writes no exponent, Rust's `Display` writes the same shortest
/// digits when there are at most 15 of them, and is much faster (a large export writes millions of numbers); elsewhere, and for
/// −0, `fmt_num` itself. Equality is tested on random values.
pub fn fmt_number(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else if (1e-6..1e21).contains(&x.abs()) {
        let s = x.to_string();
        // With at most 15 significant digits the shortest decimal is unique; with 16 or 17
        // two may tie, and `fmt_num` decides as JavaScript does.
        let significant = s
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&b| b == b'0')
            .count();
        let trailing = s
            .bytes()
            .rev()
            .take_while(|&b| b == b'0')
            .count()
            .min(if s.contains('.') { 0 } else { usize::MAX });
        if significant - trailing.min(significant) <= 15 {
            s
        } else {
            mqci::decimal::fmt_num(x)
        }
    } else {
        mqci::decimal::fmt_num(x)
    }
}

/// A rectangular table with a header row. Every column has `rows` cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column headers as written (trimmed); a blank header is named after its column letter.
    pub headers: Vec<String>,
    /// `columns[c][r]`: the cell of data row `r` (0-based, below the header) in column `c`.
    pub columns: Vec<Vec<Cell>>,
    /// Number of data rows.
    pub rows: usize,
    /// 0-based row the header was found on (of a sheet; of a text file, blank lines not counted).
    pub header_line: usize,
}

impl Table {
    /// Builds a table from rows of cells; the header is the row at `header_line`, rows above
    /// it are dropped, trailing blank rows are dropped, and short rows are padded.
    pub fn from_rows(mut rows: Vec<Vec<Cell>>, header_line: usize) -> Table {
        while rows
            .last()
            .is_some_and(|r| r.iter().all(|c| *c == Cell::Empty))
        {
            rows.pop();
        }
        if header_line >= rows.len() {
            return Table {
                header_line,
                ..Table::default()
            };
        }
        let body = rows.split_off(header_line + 1);
        let header = rows.pop().unwrap_or_default();
        let width = body
            .iter()
            .map(|r| {
                r.iter()
                    .rposition(|c| *c != Cell::Empty)
                    .map_or(0, |n| n + 1)
            })
            .chain(std::iter::once(header.len()))
            .max()
            .unwrap_or(0);
        let headers = (0..width)
            .map(|c| {
                let h = header.get(c).map(Cell::text).unwrap_or_default();
                let h = h.trim();
                if h.is_empty() {
                    column_letter(c)
                } else {
                    h.to_string()
                }
            })
            .collect();
        let n = body.len();
        let mut columns: Vec<Vec<Cell>> = (0..width).map(|_| Vec::with_capacity(n)).collect();
        for row in body {
            let mut row = row.into_iter();
            for col in columns.iter_mut() {
                col.push(row.next().unwrap_or(Cell::Empty));
            }
        }
        Table {
            headers,
            columns,
            rows: n,
            header_line,
        }
    }

    /// Replaces the cell at data row `row`, column `col` with `text` as typed (fixing a bad
    /// cell in place: blank text is an empty cell). Returns the cell it replaced, or `None`
    /// (and changes nothing) outside the table.
    pub fn set_cell(&mut self, row: usize, col: usize, text: &str) -> Option<Cell> {
        let cell = self.columns.get_mut(col)?.get_mut(row)?;
        let new = if text.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(CellText::from(text))
        };
        Some(std::mem::replace(cell, new))
    }

    /// The cell at data row `row`, column `col` (`Empty` outside the table).
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.columns
            .get(col)
            .and_then(|c| c.get(row))
            .unwrap_or(&Cell::Empty)
    }
}

/// Spreadsheet column letters: 0 → "A", 25 → "Z", 26 → "AA".
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Random doubles from 1e-9 to 1e23 (all 17 digits, and the fast path's edges) and
            // 2-decimal scores.
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let x = mantissa * mqci::decimal::pow10((seed % 32) as u32) / 1e9;
            assert_eq!(fmt_number(x), mqci::decimal::fmt_num(x), "{x:e}");
            let y = (seed % 10_000_000) as f64 / 100.0;
            assert_eq!(fmt_number(y), mqci::decimal::fmt_num(y), "{y}");
        }
        for x in [
            0.0,
            -0.0,
            1e-6,
            9.99e-7,
            1e21,
            1e20,
            123456789012345680000.0,
            0.1,
            80.99,
        ] {
            assert_eq!(fmt_number(x), mqci::decimal::fmt_num(x), "{x:e}");
        }
    }

    #[test]
    fn cell_text_reads_back_at_every_length() {
        let long = "质量损失率（%）—甲乙丙丁戊己庚辛壬癸";
        for end in long.char_indices().map(|(i, _)| i).chain([long.len()]) {
            let s = &long[..end];
            let t = CellText::from(s);
            assert_eq!(&*t, s);
            assert_eq!(t.to_string(), s);
            assert_eq!(matches!(t, CellText::Inline { .. }), s.len() <= INLINE);
            assert_eq!(t, CellText::from(s));
        }
        let ascii = "0123456789abcdefghijklmnopqrstuvwxyz";
        for n in 0..=ascii.len() {
            let s = &ascii[..n];
            assert_eq!(&*CellText::from(s), s, "{n} bytes");
            let t = CellText::from(s);
            assert_eq!(t.as_bytes(), s.as_bytes());
        }
        assert!(std::mem::size_of::<Cell>() <= 32, "a cell stays small");
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn rows_are_padded_and_blank_headers_named() {
        let t = |s: &str| Cell::Text(s.into());
        let table = Table::from_rows(
            vec![
                vec![t("title")],
                vec![t("a"), Cell::Empty],
                vec![t("1"), t("2"), t("3")],
                vec![t("4")],
                vec![Cell::Empty, Cell::Empty],
            ],
            1,
        );
        assert_eq!(table.headers, vec!["a", "B", "C"]);
        assert_eq!(table.rows, 2);
        assert_eq!(table.cell(1, 2), &Cell::Empty);
        assert_eq!(table.cell(0, 2), &t("3"));
    }
}
