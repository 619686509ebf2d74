//! AES-256-CBC as Feishu uses it: key = SHA-256 of the encrypt key, `base64(iv + ciphertext)`
//! with a 16-byte IV in front, PKCS#7 padding (page `event-send-notifications`, 加密原理).

use super::error::WebhookError;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

type Decryptor = cbc::Decryptor<aes::Aes256>;
type Encryptor = cbc::Encryptor<aes::Aes256>;

const BLOCK: usize = 16;

/// The AES-256 key derived from an app's encrypt key: its SHA-256 digest.
pub(crate) fn derive_key(encrypt_key: &str) -> [u8; 32] {
    Sha256::digest(encrypt_key.as_bytes()).into()
}

/// Decodes and decrypts an `encrypt` value; the plaintext is returned unpadded.
pub(crate) fn decrypt(aes_key: &[u8; 32], encrypted: &str) -> Result<Vec<u8>, WebhookError> {
    let mut data = STANDARD
        .decode(encrypted)
        .map_err(|_| WebhookError::BadBase64)?;
    let len = data.len();
    if len < 2 * BLOCK {
        return Err(WebhookError::CiphertextTooShort { len });
    }
    if len % BLOCK != 0 {
        return Err(WebhookError::CiphertextMisaligned { len });
    }
    let (iv, ciphertext) = data.split_at_mut(BLOCK);
    let iv: [u8; BLOCK] = (&*iv)
        .try_into()
        .map_err(|_| WebhookError::CiphertextTooShort { len })?;
    let plain_len = Decryptor::new(aes_key.into(), (&iv).into())
        .decrypt_padded_mut::<Pkcs7>(ciphertext)
        .map_err(|_| WebhookError::BadPadding)?
        .len();
    // Drop the IV in place and keep the unpadded plaintext.
    data.copy_within(BLOCK..BLOCK + plain_len, 0);
    data.truncate(plain_len);
    Ok(data)
}

/// Encrypts `plaintext` with the given IV and returns `base64(iv + ciphertext)`.
pub(crate) fn encrypt(aes_key: &[u8; 32], iv: &[u8; 16], plaintext: &[u8]) -> String {
    let ciphertext =
        Encryptor::new(aes_key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(plaintext);
    let mut data = Vec::with_capacity(BLOCK + ciphertext.len());
    data.extend_from_slice(iv);
    data.extend_from_slice(&ciphertext);
    STANDARD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_vector_decrypts() {
        let key = derive_key("test key");
        let plain = decrypt(&key, "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").unwrap();
        assert_eq!(plain, b"hello world");
    }

    #[test]
    fn encrypt_then_decrypt_is_identity_for_every_length_around_a_block() {
        let key = derive_key("k");
        for len in 0..40 {
            let plain: Vec<u8> = (0..len as u8).collect();
            let sealed = encrypt(&key, &[7; 16], &plain);
            assert_eq!(decrypt(&key, &sealed).unwrap(), plain, "length {len}");
        }
    }
}
