#pragma once
// Small helpers the range model's source files share.
#include <sstream>
#include <string>

namespace core::range::detail {

constexpr double kGravity = 9.80665;  // standard gravity, m/s²

// A double as the stream writes it (shortest form, for messages).
inline std::string num(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

}  // namespace core::range::detail
