//! Development tool: drops weights smaller than a threshold from a saved
//! model (the `annalist-linear` file format) to trade accuracy for size.
//! `cargo run --release -p annalist-parser --example prune_model -- IN OUT THRESHOLD`

use std::convert::TryInto;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, t] = &a[..] else {
        return Err("usage: prune_model IN OUT THRESHOLD".into());
    };
    let t: f32 = t.parse()?;
    let b = std::fs::read(input)?;
    let mut pos = 8;
    let u32_at = |p: usize| u32::from_le_bytes(b[p..p + 4].try_into().unwrap()) as usize;
    let n_labels = u32_at(pos);
    pos += 4;
    for _ in 0..=n_labels {
        let n = u32_at(pos);
        pos += 4 + n;
    }
    let n_feats = u32_at(pos);
    let mut out = b[..pos].to_vec();
    pos += 4;
    let mut body = Vec::new();
    let mut kept = 0u32;
    let mut weights = 0usize;
    for _ in 0..n_feats {
        let key = &b[pos..pos + 8];
        let n = u16::from_le_bytes(b[pos + 8..pos + 10].try_into()?) as usize;
        pos += 10;
        let mut row = Vec::new();
        for k in 0..n {
            let e = &b[pos + 6 * k..pos + 6 * k + 6];
            let w = f32::from_le_bytes(e[2..6].try_into()?);
            if w.abs() >= t {
                row.extend_from_slice(e);
            }
        }
        pos += 6 * n;
        if !row.is_empty() {
            kept += 1;
            weights += row.len() / 6;
            body.extend_from_slice(key);
            body.extend_from_slice(&((row.len() / 6) as u16).to_le_bytes());
            body.extend_from_slice(&row);
        }
    }
    out.extend_from_slice(&kept.to_le_bytes());
    out.extend_from_slice(&body);
    std::fs::write(output, &out)?;
    eprintln!("{kept} features, {weights} weights, {} bytes", out.len());
    Ok(())
}
