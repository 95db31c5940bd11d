//! Tracking codes: 75 random bits in Crockford base32 plus a check character,
//! written in four groups of four (`K4P0-TB1M-R8HQ-2W9D`).
//!
//! The check character is Luhn mod 32 over the Crockford alphabet, so every single-character
//! typo and every swap of two neighbouring characters (but `0`↔`Z`) is caught before any lookup. Parsing is
//! forgiving: case does not matter, `O` reads as `0`, `I` and `L` as `1`, and spaces or dashes
//! may be anywhere or nowhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's base32 alphabet (no I, L, O, U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random characters in a code (15 × 5 = 75 bits).
pub const RANDOM_CHARS: usize = 15;
/// Characters in a code, check character included.
pub const CODE_CHARS: usize = RANDOM_CHARS + 1;

/// A well-formed tracking code (its check character is right). Stored as 16 canonical characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingCode(String);

/// Why a typed code cannot be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Nothing was typed.
    Empty,
    /// A character that never appears in codes (such as `U` or `#`).
    BadCharacter(char),
    /// Too few or too many characters.
    WrongLength(usize),
    /// All characters are valid but the check character does not match: a typo.
    CheckFailed,
}

impl fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeProblem::Empty => write!(f, "Enter your tracking code, for example K4P0-TB1M-R8HQ-2W9D."),
            CodeProblem::BadCharacter(c) => write!(
                f,
                "This code has a typo: “{c}” never appears in tracking codes. Codes use the digits 0–9 and the letters A–Z except U."
            ),
            CodeProblem::WrongLength(n) => write!(
                f,
                "This code has a typo: tracking codes have {CODE_CHARS} characters and this one has {n}."
            ),
            CodeProblem::CheckFailed => write!(
                f,
                "This code has a typo: one character is wrong or two are swapped. Check it against your confirmation."
            ),
        }
    }
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Luhn mod 32: the character that makes the weighted sum of the whole code divisible by 32.
fn check_char(payload: &[u8]) -> u8 {
    let mut factor = 2;
    let mut sum = 0;
    for &c in payload.iter().rev() {
        let v = value_of(c).expect("payload is canonical") * factor;
        factor = if factor == 2 { 1 } else { 2 };
        sum += v / 32 + v % 32;
    }
    ALPHABET[((32 - sum % 32) % 32) as usize]
}

impl TrackingCode {
    /// Makes a code from 15 random 5-bit values (only the low 5 bits of each byte are used).
    pub fn from_random(random: [u8; RANDOM_CHARS]) -> Self {
        let mut s: Vec<u8> = random.iter().map(|b| ALPHABET[(b & 31) as usize]).collect();
        let check = check_char(&s);
        s.push(check);
        TrackingCode(String::from_utf8(s).expect("alphabet is ASCII"))
    }

    /// Reads a code as a person typed it.
    pub fn parse(input: &str) -> Result<Self, CodeProblem> {
        let mut canonical = Vec::with_capacity(CODE_CHARS);
        for ch in input.chars() {
            let c = match ch.to_ascii_uppercase() {
                ' ' | '-' | '\u{2010}'..='\u{2015}' | '\t' | '_' | '.' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || value_of(c as u8).is_none() {
                return Err(CodeProblem::BadCharacter(ch));
            }
            canonical.push(c as u8);
        }
        match canonical.len() {
            0 => return Err(CodeProblem::Empty),
            n if n != CODE_CHARS => return Err(CodeProblem::WrongLength(n)),
            _ => {}
        }
        if check_char(&canonical[..RANDOM_CHARS]) != canonical[RANDOM_CHARS] {
            return Err(CodeProblem::CheckFailed);
        }
        Ok(TrackingCode(String::from_utf8(canonical).expect("ASCII")))
    }

    /// The 16 characters without dashes, as stored.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// The code as people read it: four groups of four.
    pub fn display(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ASCII"))
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TrackingCode {
        TrackingCode::from_random([3, 17, 29, 8, 0, 30, 12, 5, 22, 9, 14, 27, 1, 31, 19])
    }

    #[test]
    fn round_trips_through_display() {
        let code = sample();
        let shown = code.display();
        assert_eq!(shown.len(), 19);
        assert_eq!(shown.matches('-').count(), 3);
        assert_eq!(TrackingCode::parse(&shown), Ok(code));
    }

    #[test]
    fn forgiving_input() {
        let code = sample();
        let sloppy = code.display().to_lowercase().replace('-', "  ");
        assert_eq!(TrackingCode::parse(&sloppy), Ok(code.clone()));
        // O for 0 and I/L for 1 are read as digits.
        let with_letters = code.canonical().replace('0', "O").replace('1', "l");
        assert_eq!(TrackingCode::parse(&with_letters), Ok(code));
    }

    #[test]
    fn every_single_character_typo_is_caught() {
        let code = sample();
        let s = code.canonical().as_bytes().to_vec();
        for i in 0..CODE_CHARS {
            for &c in ALPHABET.iter() {
                if c == s[i] {
                    continue;
                }
                let mut typo = s.clone();
                typo[i] = c;
                let typo = String::from_utf8(typo).unwrap();
                assert_eq!(
                    TrackingCode::parse(&typo),
                    Err(CodeProblem::CheckFailed),
                    "{typo}"
                );
            }
        }
    }

    #[test]
    fn adjacent_swaps_are_caught() {
        let code = sample();
        let s = code.canonical().as_bytes().to_vec();
        for i in 0..CODE_CHARS - 1 {
            let pair = [s[i], s[i + 1]];
            if s[i] == s[i + 1] || pair == *b"0Z" || pair == *b"Z0" {
                continue;
            }
            let mut swapped = s.clone();
            swapped.swap(i, i + 1);
            let swapped = String::from_utf8(swapped).unwrap();
            assert!(TrackingCode::parse(&swapped).is_err(), "{swapped}");
        }
    }

    #[test]
    fn clear_problems() {
        assert_eq!(TrackingCode::parse("  "), Err(CodeProblem::Empty));
        assert_eq!(
            TrackingCode::parse("ABCU"),
            Err(CodeProblem::BadCharacter('U'))
        );
        assert_eq!(
            TrackingCode::parse("ABCD-EFGH"),
            Err(CodeProblem::WrongLength(8))
        );
        assert!(CodeProblem::CheckFailed.to_string().contains("typo"));
    }
}

#[cfg(test)]
mod example_tests {
    /// The example code shown to customers must itself be a valid code.
    #[test]
    fn the_example_in_the_hints_is_valid() {
        assert!(super::TrackingCode::parse("K4P0-TB1M-R8HQ-2W9D").is_ok());
    }
}
