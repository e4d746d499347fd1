//! The compact binary gazetteer: fixed-size records, one string blob and an
//! FST from normalised name to a posting list of records.
//!
//! Layout (little endian): `ANGZ`, version `u32`; string blob (`u32` length,
//! bytes); countries (`u32` count, then ISO2, ISO3, record index); records
//! (`u32` count, then [`RECORD_LEN`]-byte records); postings (`u32` count of
//! words, then `u32` words); FST (`u32` length, bytes). A posting list is one
//! header word (`count | locness << 16 | flags << 24`) followed by `count`
//! words (`record | flags << 24`). Everything but the records is read in
//! place, so loading costs one pass over the records.

use crate::normalize;
use crate::PlacesError;
use std::borrow::Cow;
use std::collections::BTreeMap;

const MAGIC: &[u8; 4] = b"ANGZ";
const VERSION: u32 = 2;
const RECORD_LEN: usize = 43;

/// Key flag: the key is a common lower-case English word ("nice", "mobile").
pub const KEY_COMMON: u8 = 1;
/// Key flag: in CoNLL-2003 training text the name is more often a word of a
/// person's name than a location ("Nelson", "Barry").
pub const KEY_PERSON: u8 = 2;
/// Posting flag: the key is the record's canonical (or ASCII) name, not an
/// alternate name.
pub const POST_CANONICAL: u8 = 1;

/// What kind of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An independent country or territory (`PCLI`).
    Country = 0,
    /// A first-order administrative division (`ADM1`).
    Admin1 = 1,
    /// A populated place.
    City = 2,
    /// A continent, region or body of water from the hand-written list.
    Region = 3,
    /// A nationality adjective or plural ("Libyan", "Turks"): a reference to
    /// a country, never a place.
    Demonym = 4,
    /// A second-order division (US county), with the point of its cities
    /// or of its state.
    Admin2 = 5,
}

impl Kind {
    fn from_u8(b: u8) -> Kind {
        match b {
            0 => Kind::Country,
            1 => Kind::Admin1,
            3 => Kind::Region,
            4 => Kind::Demonym,
            5 => Kind::Admin2,
            _ => Kind::City,
        }
    }
}

/// One gazetteer record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// GeoNames id (0 for hand-written regions without one).
    pub geonames_id: u32,
    /// Latitude, degrees.
    pub lat: f32,
    /// Longitude, degrees.
    pub lon: f32,
    /// Population (for divisions and countries, as GeoNames or summed).
    pub population: u32,
    name: (u32, u16),
    fcode: (u32, u16),
    admin1: (u32, u16),
    admin2: (u32, u16),
    /// ISO 3166 alpha-2 country, `[0, 0]` when none.
    pub country: [u8; 2],
    /// Record kind.
    pub kind: Kind,
}

/// A record as the builder takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    /// GeoNames id, 0 when none.
    pub geonames_id: u32,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Population.
    pub population: u32,
    /// Canonical name.
    pub name: String,
    /// GeoNames feature code.
    pub fcode: String,
    /// Admin1 code (`LY.72` style without the country: `72`).
    pub admin1: String,
    /// Admin2 code without country and admin1 (`059`), empty when unknown:
    /// ties a town to its county.
    pub admin2: String,
    /// ISO2 country, empty when none.
    pub country: String,
    /// Kind.
    pub kind: Kind,
}

/// Candidates for one normalised name.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    /// Share (0–1) of the name's capitalised occurrences in CoNLL-2003
    /// training text tagged LOC; `None` when it never occurred.
    pub locness: Option<f32>,
    /// Key flags ([`KEY_COMMON`]).
    pub flags: u8,
    /// Record indices with posting flags.
    pub records: Vec<(u32, u8)>,
}

/// The loaded gazetteer.
pub struct Gazetteer {
    bytes: Cow<'static, [u8]>,
    blob: (usize, usize),
    postings: (usize, usize),
    records: Vec<Record>,
    countries: Vec<([u8; 2], [u8; 3], u32)>,
    fst: fst::Map<Cow<'static, [u8]>>,
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PlacesError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or(PlacesError::Gazetteer("truncated file".into()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, PlacesError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

fn le32(s: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]])
}

fn le16(s: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([s[at], s[at + 1]])
}

impl Gazetteer {
    /// Reads a gazetteer written by [`Builder::write`].
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<Self, PlacesError> {
        let mut r = Reader { b: &bytes, pos: 0 };
        if r.take(4)? != MAGIC || r.u32()? != VERSION {
            return Err(PlacesError::Gazetteer(
                "not an Annalist gazetteer (v2)".into(),
            ));
        }
        let blob_len = r.u32()? as usize;
        let blob = (r.pos, r.pos + blob_len);
        r.take(blob_len)?;
        let n_countries = r.u32()? as usize;
        let mut countries = Vec::with_capacity(n_countries);
        for _ in 0..n_countries {
            let s = r.take(9)?;
            countries.push(([s[0], s[1]], [s[2], s[3], s[4]], le32(s, 5)));
        }
        let n = r.u32()? as usize;
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            let s = r.take(RECORD_LEN)?;
            records.push(Record {
                geonames_id: le32(s, 0),
                lat: f32::from_bits(le32(s, 4)),
                lon: f32::from_bits(le32(s, 8)),
                population: le32(s, 12),
                name: (le32(s, 16), le16(s, 20)),
                fcode: (le32(s, 22), le16(s, 26)),
                admin1: (le32(s, 28), le16(s, 32)),
                admin2: (le32(s, 34), le16(s, 38)),
                country: [s[40], s[41]],
                kind: Kind::from_u8(s[42]),
            });
        }
        let words = r.u32()? as usize;
        let postings = (r.pos, r.pos + words * 4);
        r.take(words * 4)?;
        let fst_len = r.u32()? as usize;
        let at = r.pos;
        r.take(fst_len)?;
        // Borrow the FST from a static file (the shipped gazetteer) instead
        // of copying it.
        let fst_bytes: Cow<'static, [u8]> = match &bytes {
            Cow::Borrowed(b) => Cow::Borrowed(&b[at..at + fst_len]),
            Cow::Owned(b) => Cow::Owned(b[at..at + fst_len].to_vec()),
        };
        let fst = fst::Map::new(fst_bytes).map_err(|e| PlacesError::Gazetteer(e.to_string()))?;
        let g = Gazetteer {
            bytes,
            blob,
            postings,
            records,
            countries,
            fst,
        };
        g.check()?;
        Ok(g)
    }

    /// Refuses files whose string references point outside the blob, so the
    /// accessors below can slice without checks failing later.
    fn check(&self) -> Result<(), PlacesError> {
        let blob_len = self.blob.1 - self.blob.0;
        for rec in &self.records {
            for (off, len) in [rec.name, rec.fcode, rec.admin1, rec.admin2] {
                let end = off as usize + len as usize;
                let blob = &self.bytes[self.blob.0..self.blob.1];
                if end > blob_len || std::str::from_utf8(&blob[off as usize..end]).is_err() {
                    return Err(PlacesError::Gazetteer("bad string reference".into()));
                }
            }
        }
        Ok(())
    }

    fn str_at(&self, (off, len): (u32, u16)) -> &str {
        let blob = &self.bytes[self.blob.0..self.blob.1];
        let s = blob
            .get(off as usize..off as usize + len as usize)
            .unwrap_or(&[]);
        std::str::from_utf8(s).unwrap_or("")
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when the gazetteer holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Record `i`.
    pub fn record(&self, i: u32) -> Option<&Record> {
        self.records.get(i as usize)
    }

    /// Canonical name of a record.
    pub fn name(&self, rec: &Record) -> &str {
        self.str_at(rec.name)
    }

    /// GeoNames feature code of a record.
    pub fn fcode(&self, rec: &Record) -> &str {
        self.str_at(rec.fcode)
    }

    /// Admin1 code of a record (empty when none).
    pub fn admin1(&self, rec: &Record) -> &str {
        self.str_at(rec.admin1)
    }

    /// Admin2 (county) code of a record (empty when none): the county's own
    /// code for a county, the county it lies in for a town.
    pub fn admin2(&self, rec: &Record) -> &str {
        self.str_at(rec.admin2)
    }

    /// ISO3 code and record index of the country with ISO2 `cc`.
    pub fn country(&self, cc: [u8; 2]) -> Option<(&str, u32)> {
        let i = self.countries.binary_search_by(|c| c.0.cmp(&cc)).ok()?;
        let (_, iso3, rec) = &self.countries[i];
        Some((std::str::from_utf8(iso3).ok()?, *rec))
    }

    /// ISO2 code of the country with ISO3 `iso3`.
    pub fn iso2_of(&self, iso3: &str) -> Option<[u8; 2]> {
        self.countries
            .iter()
            .find(|c| c.1 == iso3.as_bytes())
            .map(|c| c.0)
    }

    /// Candidates for an already normalised key.
    pub fn lookup_key(&self, key: &str) -> Option<Lookup> {
        let at = self.fst.get(key)? as usize;
        let post = &self.bytes[self.postings.0..self.postings.1];
        if (at + 1) * 4 > post.len() {
            return None;
        }
        let head = le32(post, at * 4);
        let count = (head & 0xffff) as usize;
        let loc = ((head >> 16) & 0xff) as u8;
        let flags = (head >> 24) as u8;
        let mut records = Vec::with_capacity(count);
        for k in 0..count {
            let w = at + 1 + k;
            if (w + 1) * 4 > post.len() {
                break;
            }
            let v = le32(post, w * 4);
            records.push((v & 0x00ff_ffff, (v >> 24) as u8));
        }
        Some(Lookup {
            locness: (loc != 255).then(|| f32::from(loc) / 254.0),
            flags,
            records,
        })
    }

    /// Candidates for a name as written.
    pub fn lookup(&self, name: &str) -> Option<Lookup> {
        self.lookup_key(&normalize::key(name))
    }
}

/// Collects records and names and writes the binary form.
#[derive(Default)]
pub struct Builder {
    records: Vec<NewRecord>,
    keys: BTreeMap<String, KeyInfo>,
    countries: Vec<(String, String, u32)>,
}

#[derive(Default)]
struct KeyInfo {
    records: Vec<(u32, u8)>,
    locness: Option<f32>,
    flags: u8,
}

impl Builder {
    /// Adds a record; returns its index.
    pub fn add_record(&mut self, rec: NewRecord) -> u32 {
        self.records.push(rec);
        (self.records.len() - 1) as u32
    }

    /// A record added earlier.
    pub fn record(&self, i: u32) -> Option<&NewRecord> {
        self.records.get(i as usize)
    }

    /// Declares country `iso2`/`iso3` with its record.
    pub fn add_country(&mut self, iso2: &str, iso3: &str, record: u32) {
        self.countries.push((iso2.into(), iso3.into(), record));
    }

    /// Adds `name` as a name of record `record`.
    pub fn add_name(&mut self, name: &str, record: u32, canonical: bool) {
        let key = normalize::key(name);
        if key.is_empty() {
            return;
        }
        let info = self.keys.entry(key).or_default();
        let flag = if canonical { POST_CANONICAL } else { 0 };
        if let Some(p) = info.records.iter_mut().find(|p| p.0 == record) {
            p.1 |= flag;
        } else {
            info.records.push((record, flag));
        }
    }

    /// Records already named by a (normalised) key.
    pub fn key_records(&self, key: &str) -> &[(u32, u8)] {
        self.keys.get(key).map_or(&[], |k| k.records.as_slice())
    }

    /// Every key, for computing statistics.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// Sets the LOC share and flags of a key.
    pub fn set_key_info(&mut self, key: &str, locness: Option<f32>, flags: u8) {
        if let Some(info) = self.keys.get_mut(key) {
            info.locness = locness;
            info.flags = flags;
        }
    }

    /// Removes a key.
    pub fn remove_key(&mut self, key: &str) {
        self.keys.remove(key);
    }

    /// Serialises the gazetteer.
    pub fn write(mut self) -> Result<Vec<u8>, PlacesError> {
        let mut blob: Vec<u8> = Vec::new();
        let mut interned: BTreeMap<String, (u32, u16)> = BTreeMap::new();
        let mut intern = |s: &str, blob: &mut Vec<u8>| -> (u32, u16) {
            if let Some(r) = interned.get(s) {
                return *r;
            }
            let r = (blob.len() as u32, s.len().min(u16::MAX as usize) as u16);
            blob.extend_from_slice(&s.as_bytes()[..r.1 as usize]);
            interned.insert(s.to_string(), r);
            r
        };
        let mut recs = Vec::with_capacity(self.records.len() * RECORD_LEN);
        for r in &self.records {
            let name = intern(&r.name, &mut blob);
            let fcode = intern(&r.fcode, &mut blob);
            let admin1 = intern(&r.admin1, &mut blob);
            let admin2 = intern(&r.admin2, &mut blob);
            recs.extend_from_slice(&r.geonames_id.to_le_bytes());
            recs.extend_from_slice(&r.lat.to_bits().to_le_bytes());
            recs.extend_from_slice(&r.lon.to_bits().to_le_bytes());
            recs.extend_from_slice(&r.population.to_le_bytes());
            for (off, len) in [name, fcode, admin1, admin2] {
                recs.extend_from_slice(&off.to_le_bytes());
                recs.extend_from_slice(&len.to_le_bytes());
            }
            let cc = r.country.as_bytes();
            recs.extend_from_slice(&[
                cc.first().copied().unwrap_or(0),
                cc.get(1).copied().unwrap_or(0),
                r.kind as u8,
            ]);
        }
        let mut postings: Vec<u32> = Vec::new();
        let mut fst = fst::MapBuilder::memory();
        for (key, info) in &self.keys {
            let at = postings.len() as u64;
            let count = info.records.len().min(0xffff) as u32;
            let loc = info
                .locness
                .map_or(255, |l| (l.clamp(0.0, 1.0) * 254.0).round() as u32);
            postings.push(count | (loc << 16) | (u32::from(info.flags) << 24));
            for &(rec, flag) in info.records.iter().take(count as usize) {
                postings.push(rec | (u32::from(flag) << 24));
            }
            fst.insert(key, at)
                .map_err(|e| PlacesError::Gazetteer(e.to_string()))?;
        }
        let fst = fst
            .into_inner()
            .map_err(|e| PlacesError::Gazetteer(e.to_string()))?;
        self.countries.retain(|c| c.0.len() == 2 && c.1.len() == 3);
        self.countries.sort();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        out.extend_from_slice(&blob);
        out.extend_from_slice(&(self.countries.len() as u32).to_le_bytes());
        for (iso2, iso3, rec) in &self.countries {
            let (a, b) = (iso2.as_bytes(), iso3.as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b);
            out.extend_from_slice(&rec.to_le_bytes());
        }
        out.extend_from_slice(&(self.records.len() as u32).to_le_bytes());
        out.extend_from_slice(&recs);
        out.extend_from_slice(&(postings.len() as u32).to_le_bytes());
        for w in &postings {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(fst.len() as u32).to_le_bytes());
        out.extend_from_slice(&fst);
        Ok(out)
    }
}
