#pragma once
// ShareOptions: the limits of the public share pages (GET /c/{code} and its call-back form), per
// client address (behind the nginx front: the address nginx appends to X-Forwarded-For), and the
// day the pages take as today. Plain values.
#include <string>

namespace hub {

struct ShareOptions {
    double pagePerSecond = 0.5;   // token bucket refill, pages per second per address
    double pageBurst = 30;        // pages at once
    double formPerSecond = 1.0 / 300;  // call-back forms: one more every five minutes
    double formBurst = 3;
    std::string today;  // "YYYY-MM-DD" (tests and demos); "" is today at the showroom
};

}  // namespace hub
