#include <catch2/catch.hpp>

#include <cstring>

#include "core/ContentLoader.h"
#include "core/session/CustomerSession.h"
#include "core/session/IdleTimer.h"
#include "core/session/KioskSettings.h"
#include "support/TestPaths.h"

using namespace core::session;

TEST_CASE("idle timer: quiet, countdown, reset, longer in forms, never on the attract screen") {
    KioskSettings s;
    s.idleBrowseSeconds = 60;
    s.idleFormSeconds = 150;
    s.countdownSeconds = 15;
    CHECK(idleStatus(s, IdleContext::Browsing, 59.9).phase == IdlePhase::Active);
    auto c = idleStatus(s, IdleContext::Browsing, 60.0);
    CHECK(c.phase == IdlePhase::Countdown);
    CHECK(c.secondsLeft == Approx(15.0));
    CHECK(idleStatus(s, IdleContext::Browsing, 70.0).secondsLeft == Approx(5.0));
    CHECK(idleStatus(s, IdleContext::Browsing, 75.0).phase == IdlePhase::Reset);
    CHECK(idleStatus(s, IdleContext::Form, 100.0).phase == IdlePhase::Active);
    CHECK(idleStatus(s, IdleContext::Form, 160.0).phase == IdlePhase::Countdown);
    CHECK(idleStatus(s, IdleContext::Attract, 1e6).phase == IdlePhase::Active);
    CHECK(idleStatus(s, IdleContext::Advisor, 200.0).phase == IdlePhase::Active);
}

TEST_CASE("a session reset overwrites the personal data it held") {
    CustomerSession session;
    session.language = "en";
    session.screen = "booking";
    session.form.name.assign("张三");
    session.form.mobile.assign("13800138000");
    session.form.consentContact = true;
    const char* nameBytes = session.form.name.data();
    const size_t nameCapacity = session.form.name.capacity();
    REQUIRE(session.hasPersonalData());
    session.reset("zh-CN");
    CHECK_FALSE(session.hasPersonalData());
    CHECK(session.screen == "attract");
    CHECK(session.language == "zh-CN");
    CHECK_FALSE(session.form.consentContact);
    // The same storage is still owned by the string, and every byte of it is zero.
    REQUIRE(session.form.name.data() == nameBytes);
    for (size_t i = 0; i < nameCapacity; ++i) CHECK(nameBytes[i] == 0);
}

// The storage a string frees when it grows cannot be read back without undefined behaviour, so this
// checks what its live storage shows: removed bytes are zero, and the content survives growth.
TEST_CASE("secure strings edit by whole characters, zero what they remove, and keep their content when they grow") {
    SecureString s;
    const auto zeroFrom = [&s](size_t from) {
        for (size_t i = from; i < s.capacity(); ++i)
            if (s.data()[i] != 0) return false;
        return true;
    };
    s.append("李");
    s.append("a");
    s.popBackCodepoint();
    CHECK(s.str() == "李");
    CHECK(zeroFrom(s.size()));
    s.popBackCodepoint();
    CHECK(s.empty());
    CHECK(zeroFrom(0));  // all three bytes of 李 are gone from the storage
    s.assign("13800138000");
    const char* before = s.data();
    for (int i = 0; i < 100; ++i) s.append("9");  // grows, moving to new storage
    CHECK(s.data() != before);
    CHECK(s.size() == 111);
    CHECK(s.view().substr(0, 11) == "13800138000");
    CHECK(zeroFrom(s.size()));
    s.wipe();
    CHECK(s.empty());
    CHECK(zeroFrom(0));
}

TEST_CASE("shipped kiosk settings load, bad ones are named") {
    const auto content = core::loadContent(testing_paths::contentDir());
    REQUIRE(content.ok());
    const auto r = loadKioskSettings(*content.catalog);
    for (const auto& e : r.errors) UNSCOPED_INFO(e.toString());
    REQUIRE(r.settings);
    CHECK(r.settings->advisorPinHash.rfind("$argon2id$", 0) == 0);
    CHECK(r.settings->idleFormSeconds > r.settings->idleBrowseSeconds);

    core::Catalog broken = *content.catalog;
    const std::string file = testing_paths::fixtures() + "/kiosk-settings-bad.json";
    broken.moduleFiles["kiosk"] = file;
    const auto bad = loadKioskSettings(broken);
    CHECK_FALSE(bad.settings);
    std::vector<std::string> lines;
    for (const auto& e : bad.errors) lines.push_back(e.toString());
    CHECK(lines == std::vector<std::string>{
                       file + ": /idle/form_s: the form timeout must not be shorter than the browsing timeout",
                       file + ": /advisor/pin_hash: expected an Argon2 hash ($argon2id$...), never a PIN",
                       file + ": /touch/min_target_mm: value 2 is outside 5..30"});
}

#include "core/session/AdvisorLock.h"

TEST_CASE("advisor PIN: wrong attempts lock entry for the lockout time, even for the right PIN") {
    KioskSettings s;
    s.advisorMaxAttempts = 3;
    s.advisorLockoutSeconds = 300;
    int checks = 0;
    AdvisorLock lock(s, [&](const std::string& pin) {
        ++checks;
        return pin == "2468";
    });
    CHECK(lock.tryPin("2468", 0) == PinResult::Accepted);
    CHECK(lock.tryPin("1111", 1) == PinResult::Wrong);
    CHECK(lock.attemptsLeft() == 2);
    CHECK(lock.tryPin("1112", 2) == PinResult::Wrong);
    CHECK(lock.tryPin("1113", 3) == PinResult::LockedOut);
    const int checksBefore = checks;
    CHECK(lock.tryPin("2468", 100) == PinResult::LockedOut);
    CHECK(checks == checksBefore);  // not even checked while locked
    CHECK(lock.lockedForSeconds(100) == Approx(203));
    CHECK(lock.tryPin("2468", 303.5) == PinResult::Accepted);
}
