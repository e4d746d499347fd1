//! Every bad-input case gets one clear message naming the file (and line),
//! the rest of the batch is processed, and the exit code says so.

#[allow(dead_code)]
mod util;
use std::fs;
use util::*;

fn dir_with_good_story() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("good.txt"), STORY).unwrap();
    d
}

/// Runs extract on `good.txt` plus `bad`, and checks the good story came
/// through, exit code 1, and the message names `bad` and contains `reason`.
fn check_fails(d: &tempfile::TempDir, bad: &str, reason: &str) {
    let o = annalist(d.path(), &["extract", "good.txt", bad]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains(bad) && err.contains(reason), "stderr: {err}");
    let docs = docs(&o);
    assert_eq!(docs.len(), 1, "the good story is still processed");
    assert_eq!(docs[0]["title"]["text"], "Ministers meet in Rome");
    assert!(!err.contains("panicked"));
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let d = dir_with_good_story();
    fs::write(
        d.path().join("latin.txt"),
        b"Caf\xe9 talks\n\nThe minist\xe8re said \x93yes\x94.\n",
    )
    .unwrap();
    let o = annalist(d.path(), &["extract", "latin.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("latin.txt") && stderr(&o).contains("Windows-1252"));
    let docs = docs(&o);
    assert_eq!(docs[0]["title"]["text"], "Café talks");
    assert!(docs[0]["text"].as_str().unwrap().contains("“yes”"));
}

#[test]
fn invalid_utf8_that_is_not_latin1_is_refused() {
    let d = dir_with_good_story();
    fs::write(
        d.path().join("bad.txt"),
        b"\x81\x8d\x90\x9d\xff\xfe garbage",
    )
    .unwrap();
    check_fails(&d, "bad.txt", "not valid UTF-8");
}

#[test]
fn binary_file_is_refused() {
    let d = dir_with_good_story();
    fs::write(
        d.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    check_fails(&d, "image.txt", "binary");
}

#[test]
fn empty_file_is_refused() {
    let d = dir_with_good_story();
    fs::write(d.path().join("empty.txt"), b"").unwrap();
    check_fails(&d, "empty.txt", "empty");
}

#[test]
fn huge_single_line_is_refused_without_loading_it() {
    let d = dir_with_good_story();
    let line = vec![b'a'; 200 << 20];
    fs::write(d.path().join("huge.txt"), &line).unwrap();
    check_fails(&d, "huge.txt", "limit");
    // The same as one JSON Lines record, followed by a good record.
    let mut jsonl = b"{\"text\": \"".to_vec();
    jsonl.extend_from_slice(&line[..40 << 20]);
    jsonl.extend_from_slice(b"\"}\n{\"id\": \"ok\", \"text\": \"A short story.\"}\n");
    fs::write(d.path().join("huge.jsonl"), &jsonl).unwrap();
    let o = annalist(d.path(), &["extract", "huge.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("huge.jsonl:1:"), "{}", stderr(&o));
    assert_eq!(docs(&o)[0]["id"], "ok");
}

#[test]
fn malformed_json_line_names_the_line_and_the_rest_goes_through() {
    let d = dir_with_good_story();
    fs::write(
        d.path().join("stories.jsonl"),
        "{\"id\": \"a\", \"text\": \"First story.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"title\": \"T\", \"text\": \"Third story.\", \"date\": \"2020-01-07\"}\n",
    )
    .unwrap();
    let o = annalist(d.path(), &["extract", "stories.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("stories.jsonl:2: malformed JSON"),
        "{}",
        stderr(&o)
    );
    let docs = docs(&o);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["id"], "c");
    assert_eq!(docs[1]["date"], "2020-01-07");
}

#[test]
fn missing_file_is_named() {
    let d = dir_with_good_story();
    check_fails(&d, "nowhere.txt", "no such file");
}

#[test]
fn unreadable_directory_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir_with_good_story();
    let locked = d.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("story.txt"), STORY).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&locked).is_ok() {
        eprintln!("skipping: running as a user (root) whom permissions do not stop");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let o = annalist(d.path(), &["extract", "good.txt", "locked"]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("locked") && stderr(&o).contains("permission denied"),
        "{}",
        stderr(&o)
    );
    assert_eq!(docs(&o).len(), 1);
}

#[test]
fn gzip_csv_and_stdin_are_read() {
    use std::io::Write;
    let d = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"{\"id\": \"g\", \"text\": \"Gzipped story.\"}\n")
        .unwrap();
    fs::write(d.path().join("a.jsonl.gz"), gz.finish().unwrap()).unwrap();
    fs::write(
        d.path().join("b.csv"),
        "url,date,title,text\nhttps://example.org/x,2020-01-07,Headline,\"Body, with a comma.\"\n",
    )
    .unwrap();
    let o = annalist(d.path(), &["extract", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = docs(&o);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "g");
    assert_eq!(docs[1]["url"], "https://example.org/x");
    assert_eq!(docs[1]["title"]["text"], "Headline");

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["extract", "-", "--date", "2021-05-01"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(STORY.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let docs = util::docs(&o);
    assert_eq!(docs[0]["date"], "2021-05-01");
    assert_eq!(docs[0]["date_source"], "option");
}

#[test]
fn nested_div_bomb_is_refused_before_parsing() {
    // 200,000 nested `<div>`s, 2.2 MB: the extractor took minutes on it
    // (docs/architecture.md, "Limits" has the times measured by hand).
    let d = dir_with_good_story();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Bomb</title></head><body>{}<p>Deep text.</p>{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    fs::write(d.path().join("bomb.html"), page).unwrap();
    check_fails(&d, "bomb.html", "nests elements more than 1000 deep");
}

#[test]
fn story_over_the_size_limit_is_skipped_and_the_batch_goes_on() {
    let d = dir_with_good_story();
    // 3 MB of text, over the 2 MiB default.
    let big = "The talks went on. ".repeat(160_000);
    fs::write(d.path().join("big.txt"), &big).unwrap();
    check_fails(&d, "big.txt", "over the limit of 2097152 bytes");

    // A record over a limit set by the flag, between two that are not.
    let lines = [
        serde_json::json!({"id": "a", "text": "Talks resumed in Rome."}),
        serde_json::json!({"id": "b", "text": "Talks went on for hours. ".repeat(20)}),
        serde_json::json!({"id": "c", "text": "Talks ended in Cairo."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(d.path().join("s.jsonl"), text).unwrap();
    let o = annalist(
        d.path(),
        &[
            "extract",
            "s.jsonl",
            "--max-story-bytes",
            "200",
            "--tokenize-only",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("s.jsonl:2: story text is 500 bytes, over the limit of 200 bytes"),
        "{err}"
    );
    let ids: Vec<_> = docs(&o).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a", "c"]);

    // Raised, the big story goes through.
    let o = annalist(
        d.path(),
        &[
            "extract",
            "big.txt",
            "--max-story-bytes",
            "4M",
            "--tokenize-only",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = annalist(d.path(), &["extract", "big.txt", "--max-story-bytes", "2X"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a size in bytes"), "{}", stderr(&o));
}
