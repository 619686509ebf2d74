//! The timestamp wire formats the vendor pages use, each as its own type so a value in one format
//! cannot be sent where another is expected.

use jiff::civil;
use serde::de::Error as _;
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
    ($(#[$doc:meta])* $name:ident($inner:ty), $pattern:literal, $shown:literal, $convert:ident) => {
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
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(D::Error::custom)
            }
        }
    };
}

civil_format!(
    /// A wall-clock time written `yyyy-MM-dd HH:mm:ss`, without a zone (71360 `feed.createTime`).
    DateTimeSeconds(civil::DateTime), "%Y-%m-%d %H:%M:%S", "yyyy-MM-dd HH:mm:ss", to_datetime
);
civil_format!(
    /// A wall-clock time written `yyyy-MM-dd HH:mm`, without seconds or zone (ikcrm, 71360 forms).
    DateTimeMinutes(civil::DateTime), "%Y-%m-%d %H:%M", "yyyy-MM-dd HH:mm", to_datetime
);
civil_format!(
    /// A calendar date written `yyyy-MM-dd` (71360 discount `endTime`).
    Date(civil::Date), "%Y-%m-%d", "yyyy-MM-dd", to_date
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
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
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
