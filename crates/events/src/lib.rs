//! Event coder (in progress).
