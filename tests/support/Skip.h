#pragma once
// The one way a test says it cannot run on this machine (public data, a server or a tool absent):
//   if (!dir) KIOSK_SKIP("../shared/data/adf is absent");
// It records the reason as a Catch2 warning (shown in the output, not an assertion) and leaves the
// test case. The listener in catch_main.cpp then prints "KIOSK-TEST-SKIPPED: <reason>", which the
// SKIP_REGULAR_EXPRESSION of every ctest entry (tests/CMakeLists.txt) reports as Skipped, but only
// when nothing in that test case failed: a failure before the skip stays a failure. A skipped test
// case has no assertion, so `-w NoAssertions` fails exactly on the skipped ones
// (scripts/check-assertions.sh).
#include <catch2/catch.hpp>

#include <string>

namespace testing_skip {

// Prefix of the warning KIOSK_SKIP records; the listener looks for it.
inline const std::string& warningPrefix() {
    static const std::string prefix = "skipped: ";
    return prefix;
}
// The line ctest matches (keep in step with KIOSK_SKIP_REGEX in tests/CMakeLists.txt).
inline const std::string& ctestMarker() {
    static const std::string marker = "KIOSK-TEST-SKIPPED: ";
    return marker;
}

}  // namespace testing_skip

// Leaves the current TEST_CASE as skipped; `reason` may be anything a Catch2 message accepts
// (streamed with <<).
#define KIOSK_SKIP(reason)                                     \
    do {                                                       \
        WARN(::testing_skip::warningPrefix() << reason);       \
        return;                                                \
    } while (false)
