//! Readers of gold-data formats: what the tagger, parser and tokenizer
//! train and evaluate on. Kept apart from `annalist-readers` (news input:
//! HTML main-text extraction, CSV, SGML) so that the runtime stage crates
//! do not pull in the HTML and CSV stacks.

pub mod conllu;
