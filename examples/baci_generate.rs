//! Writes a BACI-shaped trade file for the loading benchmark: `t,i,j,k,v,q` (year, exporter,
//! importer, 6-digit HS product code with leading zeros, value in thousand USD, quantity or
//! `NA`), the same rows for the same arguments on every machine.
//!
//! `cargo run --release --example baci_generate -- OUT.csv ROWS`

use std::fmt::Write as _;
use std::io::{BufWriter, Write};

/// ISO numeric codes of some of BACI's countries; 156 is China and 643 Russia.
const COUNTRIES: [u16; 40] = [
    4, 8, 12, 32, 36, 40, 56, 76, 124, 152, 156, 170, 203, 208, 246, 251, 276, 300, 348, 356, 360,
    364, 372, 376, 381, 392, 398, 410, 484, 528, 579, 586, 616, 620, 643, 682, 699, 710, 724, 842,
];

/// A small deterministic generator, so the file needs no crate and is the same everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(rows)) = (args.next(), args.next().and_then(|r| r.parse::<u64>().ok()))
    else {
        eprintln!("usage: baci_generate OUT.csv ROWS");
        std::process::exit(2);
    };
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&out)?);
    writeln!(file, "t,i,j,k,v,q")?;
    let mut random = SplitMix(2024);
    let mut line = String::with_capacity(64);
    for _ in 0..rows {
        let year = 2012 + random.below(12);
        let exporter = COUNTRIES[random.below(COUNTRIES.len() as u64) as usize];
        let mut importer = COUNTRIES[random.below(COUNTRIES.len() as u64) as usize];
        if importer == exporter {
            importer = if exporter == 156 { 643 } else { 156 };
        }
        // HS chapters 01 to 97: about a fifth of the codes start with a zero.
        let chapter = 1 + random.below(97);
        let product = chapter * 10_000 + random.below(10_000);
        let value = random.below(50_000_000) as f64 / 1000.0;
        line.clear();
        let _ = write!(
            line,
            "{year},{exporter},{importer},{product:06},{value:.3},"
        );
        if random.below(10) == 0 {
            line.push_str("NA");
        } else {
            let _ = write!(line, "{:.3}", random.below(9_000_000) as f64 / 1000.0);
        }
        line.push('\n');
        file.write_all(line.as_bytes())?;
    }
    file.flush()
}
