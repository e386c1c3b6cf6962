// registry/dates.h — timestamps as registries write them, to Unix seconds (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace manrs::registry {

// "2023-01-31T12:00:00Z", "2023-01-31T12:00:00.774266Z", "2023-01-31T12:00:00+02:00",
// "2023-01-31 12:00:00", "2023-01-31" (PeeringDB, RPSL last-modified/created, CSV exports) and
// "20230131" (RPSL `changed:` dates, NRO delegated stats). Surrounding spaces are ignored.
// nullopt for anything else, including impossible dates (month 13, 31 February).
[[nodiscard]] std::optional<std::int64_t> parse_timestamp(std::string_view text);

// Days since 1970-01-01 of a civil date (proleptic Gregorian); no range check.
[[nodiscard]] std::int64_t days_from_civil(int year, unsigned month, unsigned day);

}  // namespace manrs::registry
