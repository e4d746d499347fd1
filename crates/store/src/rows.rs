//! Typed rows and the sinks that print or export them.

use crate::StoreError;
use rusqlite::types::ValueRef;
use std::io::Write;

/// Type of an output column (and of its Parquet column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ColumnKind {
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
    /// UTF-8 text.
    Text,
}

/// A named, typed column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Column name as exported.
    pub name: String,
    /// Its type.
    pub kind: ColumnKind,
}

impl Column {
    pub(crate) fn new(name: &str, kind: ColumnKind) -> Self {
        Column {
            name: name.to_string(),
            kind,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Missing.
    Null,
    /// Integer.
    Int(i64),
    /// Float.
    Real(f64),
    /// Text.
    Text(String),
}

impl Value {
    /// Reads a SQLite cell, coerced to the column's declared kind so every
    /// row of a Parquet column has one type.
    pub(crate) fn from_sql(v: ValueRef<'_>, kind: ColumnKind) -> Value {
        match (v, kind) {
            (ValueRef::Null, _) => Value::Null,
            (ValueRef::Integer(i), ColumnKind::Int) => Value::Int(i),
            (ValueRef::Integer(i), ColumnKind::Real) => Value::Real(i as f64),
            (ValueRef::Real(f), ColumnKind::Real) => Value::Real(f),
            (ValueRef::Real(f), ColumnKind::Int) => Value::Int(f as i64),
            (ValueRef::Text(t), ColumnKind::Text) | (ValueRef::Blob(t), ColumnKind::Text) => {
                Value::Text(String::from_utf8_lossy(t).into_owned())
            }
            (ValueRef::Integer(i), ColumnKind::Text) => Value::Text(i.to_string()),
            (ValueRef::Real(f), ColumnKind::Text) => Value::Text(f.to_string()),
            (ValueRef::Text(t), _) => String::from_utf8_lossy(t)
                .trim()
                .parse::<f64>()
                .map(|f| match kind {
                    ColumnKind::Int => Value::Int(f as i64),
                    _ => Value::Real(f),
                })
                .unwrap_or(Value::Null),
            (ValueRef::Blob(_), _) => Value::Null,
        }
    }

    /// The cell as text for CSV/TSV/table output; empty for null.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Text(t) => t.clone(),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(i) => (*i).into(),
            Value::Real(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Text(t) => t.clone().into(),
        }
    }
}

/// A whole result held in memory (queries, which are limited and small).
#[derive(Debug, Clone, Default)]
pub struct RowSet {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl RowSet {
    /// Writes the rows to `sink`.
    pub fn write_to(&self, sink: &mut dyn RowSink) -> Result<(), StoreError> {
        sink.begin(&self.columns)?;
        for r in &self.rows {
            sink.row(r)?;
        }
        sink.finish()
    }
}

/// Where rows go: a printer or a file format.
pub trait RowSink {
    /// Called once before the first row.
    fn begin(&mut self, columns: &[Column]) -> Result<(), StoreError>;
    /// One row.
    fn row(&mut self, row: &[Value]) -> Result<(), StoreError>;
    /// Called once after the last row.
    fn finish(&mut self) -> Result<(), StoreError>;
}

/// JSON Lines: one object per row, keys in column order.
pub struct JsonlSink<W: Write> {
    out: W,
    names: Vec<String>,
}

impl<W: Write> JsonlSink<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        JsonlSink {
            out,
            names: Vec::new(),
        }
    }
}

impl<W: Write> RowSink for JsonlSink<W> {
    fn begin(&mut self, columns: &[Column]) -> Result<(), StoreError> {
        self.names = columns.iter().map(|c| c.name.clone()).collect();
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> Result<(), StoreError> {
        // Written by hand: a serde_json map would sort the keys.
        let mut line = String::with_capacity(256);
        line.push('{');
        for (i, (k, v)) in self.names.iter().zip(row).enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push_str(&serde_json::to_string(k)?);
            line.push(':');
            line.push_str(&serde_json::to_string(&v.to_json())?);
        }
        line.push_str("}\n");
        self.out.write_all(line.as_bytes())?;
        Ok(())
    }
    fn finish(&mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}

/// CSV with a header (`tsv` = tab-separated without header, for GDELT).
pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
    header: bool,
}

impl<W: Write> CsvSink<W> {
    /// Comma-separated with a header row.
    pub fn csv(out: W) -> Self {
        CsvSink {
            out: csv::WriterBuilder::new().from_writer(out),
            header: true,
        }
    }

    /// Tab-separated, no header, no quoting: the GDELT file convention.
    /// Tabs and newlines inside cells become spaces so every row keeps its
    /// column count.
    pub fn gdelt(out: W) -> Self {
        CsvSink {
            out: csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .from_writer(out),
            header: false,
        }
    }
}

impl<W: Write> RowSink for CsvSink<W> {
    fn begin(&mut self, columns: &[Column]) -> Result<(), StoreError> {
        if self.header {
            self.out
                .write_record(columns.iter().map(|c| c.name.as_str()))?;
        }
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> Result<(), StoreError> {
        if self.header {
            self.out.write_record(row.iter().map(|v| v.to_text()))?;
        } else {
            self.out.write_record(
                row.iter()
                    .map(|v| v.to_text().replace(['\t', '\n', '\r'], " ")),
            )?;
        }
        Ok(())
    }
    fn finish(&mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}

/// An aligned text table for a terminal; long cells are cut.
pub struct TableSink<W: Write> {
    out: W,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    max_width: usize,
}

impl<W: Write> TableSink<W> {
    /// Cells wider than `max_width` characters are shortened with `…`.
    pub fn new(out: W, max_width: usize) -> Self {
        TableSink {
            out,
            columns: Vec::new(),
            rows: Vec::new(),
            max_width: max_width.max(4),
        }
    }
}

fn cut(s: &str, max: usize) -> String {
    let one_line = s.replace(['\n', '\r', '\t'], " ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut t: String = one_line.chars().take(max - 1).collect();
    t.push('…');
    t
}

impl<W: Write> RowSink for TableSink<W> {
    fn begin(&mut self, columns: &[Column]) -> Result<(), StoreError> {
        self.columns = columns.iter().map(|c| c.name.clone()).collect();
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> Result<(), StoreError> {
        self.rows.push(
            row.iter()
                .map(|v| cut(&v.to_text(), self.max_width))
                .collect(),
        );
        Ok(())
    }
    fn finish(&mut self) -> Result<(), StoreError> {
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String], out: &mut W| -> std::io::Result<()> {
            let mut s = String::new();
            for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(c);
                s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(&self.columns, &mut self.out)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut self.out)?;
        for r in &self.rows {
            line(r, &mut self.out)?;
        }
        writeln!(self.out, "({} rows)", self.rows.len())?;
        self.out.flush()?;
        Ok(())
    }
}

/// Streams the rows of `sql` into `sink`.
pub(crate) fn stream(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
    columns: &[Column],
    sink: &mut dyn RowSink,
) -> Result<u64, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    sink.begin(columns)?;
    let mut n = 0;
    let mut buf = Vec::with_capacity(columns.len());
    while let Some(r) = rows.next()? {
        buf.clear();
        for (i, c) in columns.iter().enumerate() {
            buf.push(Value::from_sql(r.get_ref(i)?, c.kind));
        }
        sink.row(&buf)?;
        n += 1;
    }
    sink.finish()?;
    Ok(n)
}
