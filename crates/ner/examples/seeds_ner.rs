//! Development driver: recognizers trained with seeds 1..=`SEEDS` (default
//! 4), each scored on dev and test, then the mean of their single-seed
//! scores and the scores of their averaged weights (what `annalist train
//! ner --runs N` ships).

use annalist_clusters::Clusters;
use annalist_linear::Model;
use annalist_ner::{conll, gazetteer, predict_tags, score::score, train, Recognizer, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = annalist_eval::default_data_dir();
    let gaz = gazetteer::Gazetteer::from_tsv(&gazetteer::build(&data)?)?;
    let tr = conll::read_file(&data.join("conll2003/eng.train"))?;
    let dev = conll::read_file(&data.join("conll2003/eng.testa"))?;
    let test = conll::read_file(&data.join("conll2003/eng.testb"))?;
    let seeds = std::env::var("SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4u64);
    let first = std::env::var("SEED0")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1u64);
    let mut models = Vec::new();
    let (mut sd, mut st) = (0.0, 0.0);
    for seed in first..first + seeds {
        let opts = TrainOptions {
            seed,
            ..Default::default()
        };
        let rec = train(
            &tr,
            &dev,
            gaz.clone(),
            Clusters::shipped().clone(),
            &opts,
            &mut |_| {},
        )?;
        let d = score(&dev, &predict_tags(&rec, &dev)).overall.f1();
        let t = score(&test, &predict_tags(&rec, &test)).overall.f1();
        println!("seed {seed}: dev {d:.2} test {t:.2}");
        sd += d;
        st += t;
        models.push(rec.model().clone());
    }
    let n = seeds.max(1) as f64;
    println!("single-seed mean: dev {:.2} test {:.2}", sd / n, st / n);
    let refs: Vec<&Model> = models.iter().collect();
    let mean = Recognizer::new(
        Model::mean(&refs).ok_or("labels differ")?,
        gaz.clone(),
        Clusters::shipped().clone(),
    )?;
    let d = score(&dev, &predict_tags(&mean, &dev)).overall.f1();
    let t = score(&test, &predict_tags(&mean, &test)).overall.f1();
    println!("averaged {}: dev {d:.2} test {t:.2}", models.len());
    Ok(())
}
