//! The arc-eager transition system (Nivre 2003) with the root token at the
//! end of the buffer (Ballesteros & Nivre 2013), and its dynamic oracle
//! (Goldberg & Nivre 2012).
//!
//! Words are `0..n`; position `n` is the artificial root, which starts at
//! the end of the buffer and is never shifted. Root attachment is therefore
//! an ordinary LEFT-ARC with label `root`, decided by the classifier like
//! any other arc. The system only builds projective trees.

/// "No token".
pub const NONE: u32 = u32::MAX;

/// A transition. Labelled transitions carry a label id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the buffer front onto the stack.
    Shift,
    /// Pop the stack top (it already has a head).
    Reduce,
    /// Buffer front becomes head of the stack top, which is popped.
    Left(u16),
    /// Stack top becomes head of the buffer front, which is pushed.
    Right(u16),
}

impl Move {
    /// Class id in the classifier: `Shift`, `Reduce`, then every `Left`,
    /// then every `Right`.
    pub fn class(self, n_labels: usize) -> usize {
        match self {
            Move::Shift => 0,
            Move::Reduce => 1,
            Move::Left(l) => 2 + l as usize,
            Move::Right(l) => 2 + n_labels + l as usize,
        }
    }

    /// Inverse of [`Move::class`].
    pub fn from_class(c: usize, n_labels: usize) -> Move {
        match c {
            0 => Move::Shift,
            1 => Move::Reduce,
            c if c < 2 + n_labels => Move::Left((c - 2) as u16),
            c => Move::Right((c - 2 - n_labels) as u16),
        }
    }
}

/// A parser configuration.
#[derive(Debug, Clone)]
pub struct State {
    /// Number of words (the root is position `n`).
    pub n: usize,
    /// The stack, top last.
    pub stack: Vec<u32>,
    /// Buffer front; the buffer is `b..=n`.
    pub b: usize,
    /// Head of each position (`NONE` until attached; `n` for the root).
    pub heads: Vec<u32>,
    /// Label id of each attached position.
    pub labels: Vec<u16>,
    /// Leftmost and second-leftmost dependents.
    pub l1: Vec<u32>,
    /// Second-leftmost dependent.
    pub l2: Vec<u32>,
    /// Rightmost dependent.
    pub r1: Vec<u32>,
    /// Second-rightmost dependent.
    pub r2: Vec<u32>,
    /// Number of left dependents.
    pub vl: Vec<u8>,
    /// Number of right dependents.
    pub vr: Vec<u8>,
    /// Bit set (label id mod 64) of left dependents' labels.
    pub sl: Vec<u64>,
    /// Bit set of right dependents' labels.
    pub sr: Vec<u64>,
}

impl State {
    /// The initial configuration for `n` words.
    pub fn new(n: usize) -> Self {
        let m = n + 1;
        State {
            n,
            stack: Vec::with_capacity(m),
            b: 0,
            heads: vec![NONE; m],
            labels: vec![0; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            vl: vec![0; m],
            vr: vec![0; m],
            sl: vec![0; m],
            sr: vec![0; m],
        }
    }

    /// True when parsing is finished.
    pub fn is_terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    /// Stack top.
    pub fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    /// Whether a move is allowed; `root` is the id of the `root` label.
    pub fn valid(&self, m: Move, root: u16) -> bool {
        let s = self.s0();
        let at_root = self.b >= self.n;
        match m {
            Move::Shift => !at_root,
            Move::Reduce => s != NONE && self.heads[s as usize] != NONE,
            Move::Left(l) => {
                s != NONE && self.heads[s as usize] == NONE && ((l == root) == at_root)
            }
            Move::Right(l) => s != NONE && !at_root && l != root,
        }
    }

    /// The only valid move, when there is just one: an empty stack can only
    /// shift, and once the buffer holds only the root each stacked word is
    /// either reduced or attached to the root. Such moves need no scoring.
    pub fn forced(&self, root: u16) -> Option<Move> {
        let s = self.s0();
        if s == NONE {
            return (self.b < self.n).then_some(Move::Shift);
        }
        if self.b < self.n {
            return None;
        }
        Some(if self.heads[s as usize] == NONE {
            Move::Left(root)
        } else {
            Move::Reduce
        })
    }

    /// Applies a move (which must be valid).
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            Move::Reduce => {
                self.stack.pop();
            }
            Move::Left(l) => {
                if let Some(s) = self.stack.pop() {
                    self.attach(self.b, s as usize, l);
                }
            }
            Move::Right(l) => {
                let s = self.s0() as usize;
                self.attach(s, self.b, l);
                self.stack.push(self.b as u32);
                self.b += 1;
            }
        }
    }

    fn attach(&mut self, h: usize, d: usize, l: u16) {
        self.heads[d] = h as u32;
        self.labels[d] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            // Left dependents arrive right to left in arc-eager.
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.vl[h] = self.vl[h].saturating_add(1);
            self.sl[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.vr[h] = self.vr[h].saturating_add(1);
            self.sr[h] |= bit;
        }
    }

    /// Dynamic-oracle costs of the four unlabelled moves against gold heads
    /// `gold` (`n` for the root): how many gold arcs still reachable become
    /// unreachable. Invalid moves get `u32::MAX`.
    pub fn costs(&self, gold: &[u32], root: u16) -> [u32; 4] {
        let s = self.s0();
        let b = self.b;
        let n = self.n;
        let mut out = [u32::MAX; 4];
        let headless = |k: u32| self.heads[k as usize] == NONE;
        if self.valid(Move::Shift, root) {
            // b loses its head in the stack and its dependents in the stack
            // still waiting for a head.
            let mut c = 0;
            for &k in &self.stack {
                if gold[b] == k {
                    c += 1;
                }
                if headless(k) && gold[k as usize] == b as u32 {
                    c += 1;
                }
            }
            out[0] = c;
        }
        if s != NONE {
            let su = s as usize;
            // s's dependents still in the buffer are lost by popping it.
            let deps_in_buffer = (b..n).filter(|&k| gold[k] == s).count() as u32;
            if self.heads[su] != NONE {
                out[1] = deps_in_buffer;
            } else {
                let mut c = deps_in_buffer;
                if gold[su] as usize > b {
                    c += 1;
                }
                out[2] = c;
            }
            if b < n {
                let mut c = 0;
                let gb = gold[b];
                if gb != s && (self.stack.contains(&gb) || gb as usize > b) {
                    c += 1;
                }
                for &k in &self.stack {
                    if headless(k) && gold[k as usize] == b as u32 {
                        c += 1;
                    }
                }
                out[3] = c;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following zero-cost moves rebuilds a projective gold tree exactly,
    /// and every configuration keeps a zero-cost move.
    #[test]
    fn oracle_reaches_gold() {
        // "Rebels attacked the convoy near Tripoli ." heads (root = 7).
        let gold = [1u32, 7, 3, 1, 5, 1, 1];
        let labels = [1u16, 0, 2, 3, 4, 5, 6];
        let root = 0u16;
        let mut st = State::new(gold.len());
        let mut steps = 0;
        while !st.is_terminal() {
            steps += 1;
            assert!(steps < 20);
            let c = st.costs(&gold, root);
            let m = if c[0] == 0 {
                Move::Shift
            } else if c[2] == 0 {
                let s = st.s0() as usize;
                Move::Left(if st.b == st.n { root } else { labels[s] })
            } else if c[3] == 0 {
                Move::Right(labels[st.b])
            } else if c[1] == 0 {
                Move::Reduce
            } else {
                panic!("no zero-cost move: {c:?}");
            };
            assert!(st.valid(m, root));
            st.apply(m);
        }
        assert_eq!(&st.heads[..gold.len()], &gold);
    }

    #[test]
    fn forced_move_is_the_only_valid_one() {
        let root = 0u16;
        let n_labels = 3;
        let moves: Vec<Move> = (0..2 + 2 * n_labels)
            .map(|c| Move::from_class(c, n_labels))
            .collect();
        let mut st = State::new(3);
        for m in [
            Move::Shift,
            Move::Right(1),
            Move::Reduce,
            Move::Shift,
            Move::Left(0),
        ] {
            let valid: Vec<Move> = moves
                .iter()
                .copied()
                .filter(|&m| st.valid(m, root))
                .collect();
            if let Some(f) = st.forced(root) {
                assert_eq!(valid, vec![f]);
            } else {
                assert!(valid.len() > 1);
            }
            st.apply(m);
        }
    }

    #[test]
    fn empty_sentence_is_terminal() {
        assert!(State::new(0).is_terminal());
    }
}
