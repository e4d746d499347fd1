//! Development driver: parameter averaging of recognizers trained with
//! several seeds, scored on dev and test.

use annalist_clusters::Clusters;
use annalist_linear::Model;
use annalist_ner::{conll, gazetteer, predict_tags, score::score, train, Recognizer, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = annalist_eval::default_data_dir();
    let gaz = gazetteer::Gazetteer::from_tsv(&gazetteer::build(&data)?)?;
    let tr = conll::read_file(&data.join("conll2003/eng.train"))?;
    let dev = conll::read_file(&data.join("conll2003/eng.testa"))?;
    let test = conll::read_file(&data.join("conll2003/eng.testb"))?;
    let mut models = Vec::new();
    for seed in 1..=std::env::var("SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3u64)
    {
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
        models.push(rec.model().clone());
        let refs: Vec<&Model> = models.iter().collect();
        let mean = Recognizer::new(
            Model::mean(&refs).ok_or("labels differ")?,
            gaz.clone(),
            Clusters::shipped().clone(),
        )?;
        let d = score(&dev, &predict_tags(&mean, &dev)).overall.f1();
        let t = score(&test, &predict_tags(&mean, &test)).overall.f1();
        println!("mean of {}: dev {d:.2} test {t:.2}", models.len());
    }
    Ok(())
}
