//! Readers: news files and gold corpora in, [`annalist_doc::Doc`]s out.

pub mod conllu;
