#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpdts::report {

// 1795438800123 -> "2026-11-21T13:00:00.123Z"
std::string format_utc_timestamp(std::int64_t ms_since_epoch);

// Inverse of format_utc_timestamp; also accepts no fraction and no trailing 'Z'.
std::optional<std::int64_t> parse_utc_timestamp(std::string_view text);

std::int64_t now_ms_since_epoch();

// For people: "2026-11-21T13:00:00.123Z" -> "2026-11-21 13:00:00 UTC"; anything else unchanged.
std::string readable_time(const std::string& iso);

}  // namespace mpdts::report
