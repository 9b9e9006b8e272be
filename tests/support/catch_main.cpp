#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

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
    }
    bool assertionEnded(Catch::AssertionStats const& stats) override {
        const Catch::AssertionResult& r = stats.assertionResult;
        const std::string& prefix = testing_skip::warningPrefix();
        if (r.getResultType() == Catch::ResultWas::Warning && r.getMessage().rfind(prefix, 0) == 0)
            m_reason = r.getMessage().substr(prefix.size());
        return true;
    }
    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        if (!m_reason.empty()) {
            if (stats.totals.assertions.failed == 0)
                Catch::cout() << testing_skip::ctestMarker() << m_reason << std::endl;
            else
                Catch::cout() << "A failed test case is not reported as skipped (" << m_reason << ")" << std::endl;
        }
        TestEventListenerBase::testCaseEnded(stats);
    }

private:
    std::string m_reason;
};

}  // namespace

CATCH_REGISTER_LISTENER(SkipListener)
