//! The timestamp wire formats the vendor pages use, each as its own type so a value in one format
//! cannot be sent where another is expected.

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Milliseconds since the Unix epoch, sent as a JSON integer (71360 `startTime`/`endTime`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EpochMillis(pub i64);

impl EpochMillis {
    /// The instant, or `None` if it is outside the range `jiff` supports.
    pub fn to_timestamp(self) -> Option<jiff::Timestamp> {
        jiff::Timestamp::from_millisecond(self.0).ok()
    }

    /// The instant's milliseconds since the epoch.
    pub fn from_timestamp(timestamp: jiff::Timestamp) -> Self {
        Self(timestamp.as_millisecond())
    }
}

impl fmt::Display for EpochMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Error for a string that does not match a vendor time format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeFormatError {
    expected: &'static str,
    found: String,
}

impl fmt::Display for TimeFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a time formatted as `{}`, found {:?}",
            self.expected, self.found
        )
    }
}

impl std::error::Error for TimeFormatError {}

macro_rules! civil_format {
    ($(#[$doc:meta])* $name:ident($inner:ty), $pattern:literal, $shown:literal, $convert:ident, $fast:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $inner);

        impl $name {
            /// The vendor's format, as the pages write it.
            pub const FORMAT: &'static str = $shown;
        }

        impl FromStr for $name {
            type Err = TimeFormatError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                // The vendors' own zero-padded layout is read directly; anything else goes
                // through `strtime`, which decides what else the pattern accepts.
                if let Some(fast) = fixed_width::$fast(text.as_bytes()) {
                    return Ok(Self(fast));
                }
                jiff::fmt::strtime::parse($pattern, text)
                    .and_then(|parsed| parsed.$convert())
                    .map(Self)
                    .map_err(|_| TimeFormatError { expected: $shown, found: text.to_owned() })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0.strftime($pattern))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::de::parse_str(deserializer, concat!("a string formatted as `", $shown, "`"), str::parse)
            }
        }
    };
}

/// The zero-padded layouts `yyyy-MM-dd`, `yyyy-MM-dd HH:mm` and `yyyy-MM-dd HH:mm:ss`, read
/// by position (decoding a response reads many of them; `strtime` interprets its pattern each
/// time). `None` when the text is not exactly that layout or not a real date and time.
mod fixed_width {
    use jiff::civil;

    fn number(bytes: &[u8]) -> Option<i16> {
        bytes.iter().try_fold(0i16, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + i16::from(b - b'0'))
        })
    }

    fn date_part(bytes: &[u8]) -> Option<civil::Date> {
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let month = i8::try_from(number(&bytes[5..7])?).ok()?;
        let day = i8::try_from(number(&bytes[8..10])?).ok()?;
        civil::Date::new(number(&bytes[..4])?, month, day).ok()
    }

    fn clock(bytes: &[u8]) -> Option<i8> {
        i8::try_from(number(bytes)?).ok()
    }

    pub(super) fn date(bytes: &[u8]) -> Option<civil::Date> {
        if bytes.len() != 10 {
            return None;
        }
        date_part(bytes)
    }

    pub(super) fn minutes(bytes: &[u8]) -> Option<civil::DateTime> {
        if bytes.len() != 16 || bytes[10] != b' ' || bytes[13] != b':' {
            return None;
        }
        let time = civil::Time::new(clock(&bytes[11..13])?, clock(&bytes[14..16])?, 0, 0).ok()?;
        Some(date_part(bytes)?.to_datetime(time))
    }

    pub(super) fn seconds(bytes: &[u8]) -> Option<civil::DateTime> {
        if bytes.len() != 19 || bytes[10] != b' ' || bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let (hour, minute) = (clock(&bytes[11..13])?, clock(&bytes[14..16])?);
        let time = civil::Time::new(hour, minute, clock(&bytes[17..19])?, 0).ok()?;
        Some(date_part(bytes)?.to_datetime(time))
    }
}

civil_format!(
    /// A wall-clock time written `yyyy-MM-dd HH:mm:ss`, without a zone (71360 `feed.createTime`).
    DateTimeSeconds(civil::DateTime), "%Y-%m-%d %H:%M:%S", "yyyy-MM-dd HH:mm:ss", to_datetime, seconds
);
civil_format!(
    /// A wall-clock time written `yyyy-MM-dd HH:mm`, without seconds or zone (ikcrm, 71360 forms).
    DateTimeMinutes(civil::DateTime), "%Y-%m-%d %H:%M", "yyyy-MM-dd HH:mm", to_datetime, minutes
);
civil_format!(
    /// A calendar date written `yyyy-MM-dd` (71360 discount `endTime`).
    Date(civil::Date), "%Y-%m-%d", "yyyy-MM-dd", to_date, date
);

/// An RFC 3339 instant that keeps the offset it was written with (`+08:00` stays `+08:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rfc3339 {
    timestamp: jiff::Timestamp,
    offset: jiff::tz::Offset,
}

impl Rfc3339 {
    /// An instant shown at a given offset.
    pub fn new(timestamp: jiff::Timestamp, offset: jiff::tz::Offset) -> Self {
        Self { timestamp, offset }
    }

    /// The instant.
    pub fn timestamp(&self) -> jiff::Timestamp {
        self.timestamp
    }

    /// The offset it was written with.
    pub fn offset(&self) -> jiff::tz::Offset {
        self.offset
    }
}

impl FromStr for Rfc3339 {
    type Err = TimeFormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || TimeFormatError {
            expected: "RFC 3339",
            found: text.to_owned(),
        };
        let parsed = jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%:z", text)
            .or_else(|_| jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.fZ", text))
            .map_err(|_| error())?;
        let offset = parsed.offset().unwrap_or(jiff::tz::Offset::UTC);
        let datetime = parsed.to_datetime().map_err(|_| error())?;
        let timestamp = offset.to_timestamp(datetime).map_err(|_| error())?;
        Ok(Self { timestamp, offset })
    }
}

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let datetime = self.offset.to_datetime(self.timestamp);
        write!(f, "{}", datetime.strftime("%Y-%m-%dT%H:%M:%S%.f"))?;
        if self.offset == jiff::tz::Offset::UTC {
            f.write_str("Z")
        } else {
            let seconds = self.offset.seconds();
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    }
}

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::parse_str(deserializer, "an RFC 3339 string", str::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(json: &str) {
        let value: T = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
    }

    #[test]
    fn the_fixed_layouts_read_by_position_agree_with_strtime() {
        let cases = [
            "2017-01-05 22:22:46",
            "2024-02-29 23:59:59",
            "2023-02-29 10:00:00",
            "2017-13-05 22:22:46",
            "2017-01-05 24:00:00",
            "2017-01-05 22:22:6",
            "2017-1-05 22:22:46",
            "2017-01-05T22:22:46",
            "２017-01-05 22:22:46",
        ];
        for text in cases {
            let slow = jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S", text)
                .and_then(|parsed| parsed.to_datetime())
                .ok();
            let fast = text.parse::<DateTimeSeconds>().ok().map(|t| t.0);
            assert_eq!(fast, slow, "{text}");
        }
        assert!("2017-01-05 22:22:46".parse::<DateTimeMinutes>().is_err());
        assert!("2017-01-05 22:22".parse::<DateTimeSeconds>().is_err());
        assert!("2017-01-05 22:22".parse::<Date>().is_err());
        assert_eq!(
            "2017-01-03".parse::<Date>().unwrap().0,
            civil::date(2017, 1, 3)
        );
    }

    #[test]
    fn each_format_round_trips() {
        round_trip::<DateTimeSeconds>("\"2017-01-05 22:22:46\"");
        round_trip::<DateTimeMinutes>("\"2024-04-09 09:36\"");
        round_trip::<Date>("\"2017-01-03\"");
        round_trip::<Rfc3339>("\"2019-10-01T08:12:01+08:00\"");
        round_trip::<Rfc3339>("\"2019-10-01T08:12:01Z\"");
        round_trip::<Rfc3339>("\"2019-10-01T08:12:01.25-05:30\"");
        round_trip::<EpochMillis>("1482809339093");
    }

    #[test]
    fn offsets_name_the_same_instant() {
        let east: Rfc3339 = "2019-10-01T08:12:01+08:00".parse().unwrap();
        let utc: Rfc3339 = "2019-10-01T00:12:01Z".parse().unwrap();
        assert_eq!(east.timestamp(), utc.timestamp());
        assert_ne!(east, utc, "the offset written is part of the value");
    }

    #[test]
    fn wrong_format_is_a_readable_error() {
        let err = serde_json::from_str::<DateTimeMinutes>("\"2024-04-09 09:36:10\"").unwrap_err();
        assert!(err.to_string().contains("yyyy-MM-dd HH:mm"), "{err}");
        assert!("2019-10-01 08:12:01".parse::<Rfc3339>().is_err());
    }
}
