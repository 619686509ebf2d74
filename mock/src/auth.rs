//! The tokens the mock issues and accepts: Feishu tenant access tokens and Fxiaoke
//! `corpAccessToken`s, each valid for the configured lifetime.

use std::time::{Duration, Instant};

/// An issued token and when it stops being accepted.
#[derive(Debug, Clone)]
struct Issued {
    token: String,
    expires: Instant,
}

/// The tokens of one vendor.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    issued: Vec<Issued>,
    serial: u64,
}

/// What the token call answers.
pub(crate) struct Grant {
    pub(crate) token: String,
    pub(crate) expires_in: Duration,
}

impl Tokens {
    /// The token call: the newest token while more than `refresh_window` of it is left (as
    /// Feishu's page documents: the current token is returned), else a new one; older tokens
    /// stay valid until they expire.
    pub(crate) fn grant(
        &mut self,
        prefix: &str,
        lifetime: Duration,
        refresh_window: Duration,
        now: Instant,
    ) -> Grant {
        if let Some(newest) = self.issued.last() {
            let left = newest.expires.saturating_duration_since(now);
            if left > refresh_window {
                return Grant {
                    token: newest.token.clone(),
                    expires_in: left,
                };
            }
        }
        self.serial += 1;
        // Distinct per mock and per token, never a secret: nothing here needs randomness.
        let token = format!("{prefix}{:016x}{:04}", mix(now, self.serial), self.serial);
        self.issued.push(Issued {
            token: token.clone(),
            expires: now + lifetime,
        });
        Grant {
            token,
            expires_in: lifetime,
        }
    }

    /// Whether `token` was issued and has not expired.
    pub(crate) fn accepts(&self, token: &str, now: Instant) -> bool {
        self.issued
            .iter()
            .any(|issued| issued.token == token && issued.expires > now)
    }

    /// Every issued token expires now (the next token call issues a fresh one).
    pub(crate) fn expire_all(&mut self, now: Instant) {
        for issued in &mut self.issued {
            issued.expires = now;
        }
    }
}

/// A hash of the process clock and a serial, so tokens of two mocks differ.
fn mix(now: Instant, serial: u64) -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one((now, serial))
}
