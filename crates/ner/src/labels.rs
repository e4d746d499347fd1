//! BILOU labels: class 0 is `O`; then for each type `B`, `I`, `L`, `U`.

use crate::conll::Chunk;

/// Entity types in class order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Number of classes.
pub const N_CLASSES: usize = 1 + 4 * TYPES.len();

/// Position part of a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    O,
    B,
    I,
    L,
    U,
}

/// Class names (`O`, `B-PER`, `I-PER`, `L-PER`, `U-PER`, `B-ORG` …).
pub fn names() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for t in TYPES {
        for p in ["B", "I", "L", "U"] {
            v.push(format!("{p}-{t}"));
        }
    }
    v
}

/// Splits a class into position and type index.
pub fn split(class: usize) -> (Pos, usize) {
    if class == 0 || class >= N_CLASSES {
        return (Pos::O, 0);
    }
    let c = class - 1;
    let pos = match c % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    (pos, c / 4)
}

fn class(pos: Pos, ty: usize) -> usize {
    match pos {
        Pos::O => 0,
        Pos::B => 1 + ty * 4,
        Pos::I => 2 + ty * 4,
        Pos::L => 3 + ty * 4,
        Pos::U => 4 + ty * 4,
    }
}

/// Whether `next` may follow `prev` (`None` at the sentence start).
pub fn allowed(prev: Option<usize>, next: usize) -> bool {
    let (np, nt) = split(next);
    match prev.map(split) {
        Some((Pos::B | Pos::I, pt)) => matches!(np, Pos::I | Pos::L) && nt == pt,
        _ => matches!(np, Pos::O | Pos::B | Pos::U),
    }
}

/// Whether a class may end a sentence.
pub fn can_end(class: usize) -> bool {
    !matches!(split(class).0, Pos::B | Pos::I)
}

/// BILOU classes of a sentence of `n` tokens with the given chunks (chunks
/// of unknown types are left out).
pub fn encode(n: usize, chunks: &[Chunk]) -> Vec<usize> {
    let mut out = vec![0; n];
    for c in chunks {
        let Some(ty) = TYPES.iter().position(|t| *t == c.kind) else {
            continue;
        };
        if c.end <= c.start || c.end > n {
            continue;
        }
        if c.end - c.start == 1 {
            out[c.start] = class(Pos::U, ty);
        } else {
            out[c.start] = class(Pos::B, ty);
            for o in &mut out[c.start + 1..c.end - 1] {
                *o = class(Pos::I, ty);
            }
            out[c.end - 1] = class(Pos::L, ty);
        }
    }
    out
}

/// Chunks of a class sequence. Ill-formed runs (a `B` without `L`) are
/// closed where they stop, so decoding never loses a mention.
pub fn decode(classes: &[usize]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in classes.iter().enumerate() {
        let (pos, ty) = split(c);
        if let Some((s, t)) = open {
            if !matches!(pos, Pos::I | Pos::L) || ty != t {
                out.push(Chunk {
                    start: s,
                    end: i,
                    kind: TYPES[t].into(),
                });
                open = None;
            }
        }
        match pos {
            Pos::B => open = Some((i, ty)),
            Pos::I if open.is_none() => open = Some((i, ty)),
            Pos::L => {
                let s = open.map_or(i, |(s, _)| s);
                out.push(Chunk {
                    start: s,
                    end: i + 1,
                    kind: TYPES[ty].into(),
                });
                open = None;
            }
            Pos::U => out.push(Chunk {
                start: i,
                end: i + 1,
                kind: TYPES[ty].into(),
            }),
            _ => {}
        }
    }
    if let Some((s, t)) = open {
        out.push(Chunk {
            start: s,
            end: classes.len(),
            kind: TYPES[t].into(),
        });
    }
    out
}

/// IOB2 tags of chunks over `n` tokens (what conlleval reads).
pub fn iob2(n: usize, chunks: &[Chunk]) -> Vec<String> {
    let mut out = vec!["O".to_string(); n];
    for c in chunks {
        let end = c.end.min(n);
        for (i, o) in out.iter_mut().enumerate().take(end).skip(c.start) {
            *o = format!("{}-{}", if i == c.start { "B" } else { "I" }, c.kind);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let chunks = vec![
            Chunk {
                start: 0,
                end: 2,
                kind: "PER".into(),
            },
            Chunk {
                start: 3,
                end: 4,
                kind: "LOC".into(),
            },
            Chunk {
                start: 4,
                end: 7,
                kind: "ORG".into(),
            },
        ];
        let enc = encode(8, &chunks);
        assert_eq!(decode(&enc), chunks);
        assert!(allowed(None, enc[0]));
        for w in enc.windows(2) {
            assert!(allowed(Some(w[0]), w[1]));
        }
        assert!(!allowed(Some(enc[0]), 0));
        assert_eq!(iob2(3, &chunks[..1]), ["B-PER", "I-PER", "O"]);
    }
}
