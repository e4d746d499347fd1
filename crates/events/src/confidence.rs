//! Confidence that means something: a logistic model of the probability
//! that a coded event is right (matched by a hand-labelled event of the
//! news event corpus on source country, target country and CAMEO root),
//! trained by `annalist train events` on the corpus's train split and
//! shipped in `model/confidence.json` (card: `model/README.md`).
//!
//! The features are what the coder already knows about the event: its code
//! and root, the rules that made it (the dictionary verb, patterns, voice,
//! modality, parse mends), the roles of source and target and how their
//! countries were found. The model is small and readable: one weight per
//! feature name, so `annalist` users can see why an event scored low.

use annalist_doc::{Doc, Event};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The shipped model (empty weights when the file is empty: confidence then
/// stays the coder's rule-based score).
const MODEL_JSON: &str = include_str!("../model/confidence.json");

/// A logistic model over named binary features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfidenceModel {
    /// Intercept.
    pub bias: f32,
    /// Weight of each feature name.
    pub weights: BTreeMap<String, f32>,
    /// What the model was trained on (for the card and `--version`).
    pub meta: String,
}

impl ConfidenceModel {
    /// The shipped model, parsed once; `None` when none is shipped.
    pub fn standard() -> Option<&'static ConfidenceModel> {
        Self::shipped().ok().flatten()
    }

    /// The shipped model, `None` when none is shipped (no weights), an
    /// error when it does not parse.
    pub fn shipped() -> Result<Option<&'static ConfidenceModel>, String> {
        static M: OnceLock<Result<ConfidenceModel, String>> = OnceLock::new();
        M.get_or_init(|| ConfidenceModel::from_json(MODEL_JSON))
            .as_ref()
            .map(|m| Some(m).filter(|m| !m.weights.is_empty()))
            .map_err(Clone::clone)
    }

    /// Reads a model written by [`ConfidenceModel::to_json`].
    pub fn from_json(text: &str) -> Result<Self, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let bias = v["bias"].as_f64().ok_or("no bias")? as f32;
        let weights = v["weights"]
            .as_object()
            .ok_or("no weights")?
            .iter()
            .filter_map(|(k, w)| Some((k.clone(), w.as_f64()? as f32)))
            .collect();
        let meta = v["meta"].as_str().unwrap_or("").to_string();
        Ok(ConfidenceModel {
            bias,
            weights,
            meta,
        })
    }

    /// The model as pretty JSON (feature names sorted: diffs stay small).
    pub fn to_json(&self) -> String {
        let w: Map<String, Value> = self
            .weights
            .iter()
            .map(|(k, v)| (k.clone(), json!((v * 1e4).round() / 1e4)))
            .collect();
        let v = json!({"meta": self.meta, "bias": (self.bias * 1e4).round() / 1e4, "weights": w});
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }

    /// Probability that the event is right.
    pub fn probability(&self, features: &[String]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model by full-batch gradient descent on the log loss with
    /// an L2 penalty: deterministic (no sampling, a fixed order), and small
    /// data trains in milliseconds.
    pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, l2: f32, meta: &str) -> Self {
        let mut m = ConfidenceModel {
            meta: meta.to_string(),
            ..Default::default()
        };
        if examples.is_empty() {
            return m;
        }
        for (fs, _) in examples {
            for f in fs {
                m.weights.entry(f.clone()).or_insert(0.0);
            }
        }
        let n = examples.len() as f32;
        let rate = 0.5;
        for _ in 0..epochs {
            let mut gb = 0.0f32;
            let mut gw: BTreeMap<&str, f32> = BTreeMap::new();
            for (fs, y) in examples {
                let err = m.probability(fs) - if *y { 1.0 } else { 0.0 };
                gb += err;
                for f in fs {
                    *gw.entry(f.as_str()).or_default() += err;
                }
            }
            m.bias -= rate * gb / n;
            for (f, w) in m.weights.iter_mut() {
                let g = gw.get(f.as_str()).copied().unwrap_or(0.0) / n + l2 * *w;
                *w -= rate * g;
            }
        }
        m
    }
}

/// The features of event `e` of `doc`.
pub fn features(doc: &Doc, e: &Event) -> Vec<String> {
    let mut f = vec![
        format!("root={}", e.root),
        format!("code={}", e.cameo),
        format!("modality={}", e.modality.as_str()),
    ];
    for r in &e.rules {
        // "verb:ATTACK [PHYSICAL_CONFLICT];pattern: * AT [190]" → the verb
        // and whether a pattern matched; other rules by their kind.
        for part in r.split(';') {
            let part = part.trim();
            let kind = part.split([':', ' ']).next().unwrap_or(part);
            if kind == "verb" {
                let lemma = part[5..].split_whitespace().next().unwrap_or("");
                f.push(format!("verb={lemma}"));
                f.push(format!("verb={lemma}|root={}", e.root));
            } else if !kind.is_empty() {
                f.push(format!("rule={kind}"));
            }
        }
    }
    let side = |name: &str, code: Option<&str>, actor: Option<u32>, f: &mut Vec<String>| {
        let Some(code) = code else {
            f.push(format!("{name}=none"));
            return;
        };
        let (country, roles) = if let Some(rest) = code.strip_prefix("---") {
            ("---", rest)
        } else if code.len() >= 3 {
            (&code[..3], &code[3..])
        } else {
            (code, "")
        };
        let kind = match country {
            "---" => "unknown",
            "IGO" | "NGO" | "MNC" | "IMG" => country,
            _ => "country",
        };
        f.push(format!("{name}_country={kind}"));
        let role = roles.get(..3).unwrap_or("STATE");
        f.push(format!("{name}_role={role}"));
        if let Some(a) = actor.and_then(|a| doc.actors.get(a as usize)) {
            let rule = a.rule.as_deref().unwrap_or("");
            for kind in [
                "pronoun",
                "country:story",
                "country:earlier-mention",
                "dateline",
            ] {
                if rule.contains(kind) {
                    f.push(format!("{name}_actor={kind}"));
                }
            }
            if a.span.len() == 1 {
                f.push(format!("{name}_actor=one-word"));
            }
        }
    };
    side("source", e.source.as_deref(), e.source_actor, &mut f);
    side("target", e.target.as_deref(), e.target_actor, &mut f);
    if let (Some(s), Some(t)) = (&e.source, &e.target) {
        if s.get(..3) == t.get(..3) {
            f.push("same_country".into());
        }
    }
    if e.claimant.is_some() {
        f.push("claimed".into());
    }
    f.sort();
    f.dedup();
    f
}

/// Sets the confidence of every event of `doc` from `model`.
pub fn apply(model: &ConfidenceModel, doc: &mut Doc) {
    let probs: Vec<f32> = doc
        .events
        .iter()
        .map(|e| model.probability(&features(doc, e)))
        .collect();
    for (e, p) in doc.events.iter_mut().zip(probs) {
        e.confidence = (p * 1000.0).round() / 1000.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_feature_and_round_trips() {
        let ex: Vec<(Vec<String>, bool)> = (0..20)
            .map(|i| {
                (
                    vec![if i % 2 == 0 { "a" } else { "b" }.to_string()],
                    i % 2 == 0,
                )
            })
            .collect();
        let m = ConfidenceModel::train(&ex, 200, 0.001, "test");
        assert!(m.probability(&["a".into()]) > 0.8);
        assert!(m.probability(&["b".into()]) < 0.2);
        let back = ConfidenceModel::from_json(&m.to_json()).unwrap();
        assert!((back.probability(&["a".into()]) - m.probability(&["a".into()])).abs() < 1e-3);
    }
}
