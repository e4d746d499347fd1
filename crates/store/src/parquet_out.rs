//! Parquet output through arrow, readable as is by pandas, polars, R arrow
//! and DuckDB. Integers are INT64, reals DOUBLE, text UTF8, all nullable;
//! Snappy compression.

use crate::rows::{Column, ColumnKind, RowSink, Value};
use crate::StoreError;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per record batch (and so per Parquet row group page flush).
const BATCH: usize = 8192;

enum Builder {
    Int(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
}

/// Buffers rows column-wise and writes a record batch every [`BATCH`] rows.
pub(crate) struct ParquetSink {
    out: Option<Box<dyn Write + Send>>,
    writer: Option<ArrowWriter<Box<dyn Write + Send>>>,
    schema: Option<Arc<Schema>>,
    builders: Vec<Builder>,
    pending: usize,
}

fn perr(e: impl std::fmt::Display) -> StoreError {
    StoreError::Parquet(e.to_string())
}

impl ParquetSink {
    pub(crate) fn new(out: Box<dyn Write + Send>) -> Self {
        ParquetSink {
            out: Some(out),
            writer: None,
            schema: None,
            builders: Vec::new(),
            pending: 0,
        }
    }

    fn new_builders(columns: &[ColumnKind]) -> Vec<Builder> {
        columns
            .iter()
            .map(|k| match k {
                ColumnKind::Int => Builder::Int(Int64Builder::new()),
                ColumnKind::Real => Builder::Real(Float64Builder::new()),
                ColumnKind::Text => Builder::Text(StringBuilder::new()),
            })
            .collect()
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending == 0 {
            return Ok(());
        }
        let (Some(schema), Some(writer)) = (self.schema.clone(), self.writer.as_mut()) else {
            return Ok(());
        };
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Int(b) => Arc::new(b.finish()),
                    Builder::Real(b) => Arc::new(b.finish()),
                    Builder::Text(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(schema, arrays).map_err(perr)?;
        writer.write(&batch).map_err(perr)?;
        self.pending = 0;
        Ok(())
    }
}

impl RowSink for ParquetSink {
    fn begin(&mut self, columns: &[Column]) -> Result<(), StoreError> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|c| {
                let dt = match c.kind {
                    ColumnKind::Int => DataType::Int64,
                    ColumnKind::Real => DataType::Float64,
                    ColumnKind::Text => DataType::Utf8,
                };
                Field::new(&c.name, dt, true)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let out = self
            .out
            .take()
            .ok_or_else(|| StoreError::Parquet("begin called twice".into()))?;
        self.writer = Some(ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?);
        self.schema = Some(schema);
        let kinds: Vec<ColumnKind> = columns.iter().map(|c| c.kind).collect();
        self.builders = Self::new_builders(&kinds);
        Ok(())
    }

    fn row(&mut self, row: &[Value]) -> Result<(), StoreError> {
        for (b, v) in self.builders.iter_mut().zip(row) {
            match (b, v) {
                (Builder::Int(b), Value::Int(i)) => b.append_value(*i),
                (Builder::Int(b), _) => b.append_null(),
                (Builder::Real(b), Value::Real(f)) => b.append_value(*f),
                (Builder::Real(b), Value::Int(i)) => b.append_value(*i as f64),
                (Builder::Real(b), _) => b.append_null(),
                (Builder::Text(b), Value::Null) => b.append_null(),
                (Builder::Text(b), v) => b.append_value(v.to_text()),
            }
        }
        self.pending += 1;
        if self.pending >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StoreError> {
        self.flush()?;
        if let Some(w) = self.writer.take() {
            let mut out = w.into_inner().map_err(perr)?;
            out.flush()?;
        }
        Ok(())
    }
}
