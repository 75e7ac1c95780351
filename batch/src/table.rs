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
    Text(Box<str>),
}

impl Cell {
    /// The cell as text: numbers as JavaScript writes them, empty as "".
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(x) => mqci::decimal::fmt_num(*x),
            Cell::Text(s) => s.to_string(),
        }
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
