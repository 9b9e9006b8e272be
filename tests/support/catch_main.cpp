#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "support/Skip.h"

namespace {

// Turns a KIOSK_SKIP warning into the line ctest reports as Skipped, once the test case has ended
// without a failure (see support/Skip.h).
class SkipListener : public Catch::TestEventListenerBase {
public:
    using TestEventListenerBase::TestEventListenerBase;

    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        TestEventListenerBase::testCaseStarting(info);
        m_reason.clear();
        m_failed = 0;
    }
    // Failed assertions and unexpected exceptions are counted here rather than taken from the test
    // case's totals, which under `-w NoAssertions` also count the skip's missing assertion.
    bool assertionEnded(Catch::AssertionStats const& stats) override {
        const Catch::AssertionResult& r = stats.assertionResult;
        const std::string& prefix = testing_skip::warningPrefix();
        if (r.getResultType() == Catch::ResultWas::Warning && r.getMessage().rfind(prefix, 0) == 0)
            m_reason = r.getMessage().substr(prefix.size());
        if (!r.isOk()) ++m_failed;
        return true;
    }
    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        if (!m_reason.empty()) {
            if (m_failed == 0)
                Catch::cout() << testing_skip::ctestMarker() << m_reason << std::endl;
            else
                Catch::cout() << "A failed test case is not reported as skipped (" << m_reason << ")" << std::endl;
        }
        TestEventListenerBase::testCaseEnded(stats);
    }

private:
    std::string m_reason;
    std::uint64_t m_failed = 0;
};

}  // namespace

CATCH_REGISTER_LISTENER(SkipListener)
