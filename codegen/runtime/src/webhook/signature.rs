//! `X-Lark-Signature`: lowercase hex SHA-256 of timestamp + nonce + encrypt key + the raw body
//! (page `event-encrypt-key`, 签名校验), compared in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The signature Feishu sends for this request, as lowercase hex.
pub fn sign(timestamp: &[u8], nonce: &[u8], encrypt_key: &str, raw_body: &[u8]) -> String {
    let digest = digest(timestamp, nonce, encrypt_key, raw_body);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

/// Whether `header` is the signature of this request. The header is decoded from hex (either
/// case: the page's C# sample prints uppercase) and the 32 bytes are compared in constant time.
pub(crate) fn verify(
    header: &[u8],
    timestamp: &[u8],
    nonce: &[u8],
    encrypt_key: &str,
    raw_body: &[u8],
) -> bool {
    let Some(claimed) = decode_hex(header) else {
        return false;
    };
    let expected = digest(timestamp, nonce, encrypt_key, raw_body);
    claimed.ct_eq(&expected).into()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn digest(timestamp: &[u8], nonce: &[u8], encrypt_key: &str, raw_body: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(timestamp);
    hasher.update(nonce);
    hasher.update(encrypt_key.as_bytes());
    hasher.update(raw_body);
    hasher.finalize().into()
}

fn decode_hex(text: &[u8]) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_pages_python_recipe() {
        // hashlib.sha256(b"1" + b"n" + b"k" + b"{}").hexdigest(), computed with Python.
        let expected = "fbd3ecb62fa42b9df3d6535b48b10c06baffa1d019f207aa63dc69364da02a05";
        assert_eq!(sign(b"1", b"n", "k", b"{}"), expected);
        assert!(verify(expected.as_bytes(), b"1", b"n", "k", b"{}"));
        assert!(verify(
            expected.to_uppercase().as_bytes(),
            b"1",
            b"n",
            "k",
            b"{}"
        ));
        assert!(!verify(expected.as_bytes(), b"1", b"n", "k", b"{ }"));
        assert!(!verify(&expected.as_bytes()[1..], b"1", b"n", "k", b"{}"));
        assert!(!verify(b"zz", b"1", b"n", "k", b"{}"));
    }
}
