// Privacy at the hub: advisor login (Argon2 hash, lockout after repeated failures), the audit log
// of who read or changed a booking, retention purge on schedule and on withdrawal.
#include <catch2/catch.hpp>

#include "hub/HubTestSupport.h"
#include "store/Sqlite.h"

using namespace testing_hub;

namespace {

core::PushRequest onePush(int n, const std::string& slot) {
    core::Booking b = testing_store::draft("Li Na", "+8613800138000", "heron", slot);
    b.id = uuid7(n);
    b.kioskId = "kiosk-a";
    b.email = "li.na@example.cn";
    b.createdMs = 1906000000000LL;
    return {"kiosk-a", {{uuid7(5000 + n), "booking.create", b}}};
}

}  // namespace

TEST_CASE("advisor login: Argon2 hash stored, wrong passwords lock the account, a session opens the advisor API") {
    StoreUnderTest t;
    hub::HubStore& s = *t.store;
    const std::int64_t now = testing_store::kNowMs;
    s.advisors().setPassword("li-na", "correct horse battery", now);
    auto hash = s.backend().run("SELECT password_hash FROM advisors WHERE advisor_id = 'li-na'", {});
    CHECK(hash.front().text(0).rfind("$argon2id$", 0) == 0);
    CHECK_THROWS(s.advisors().setPassword("li-na", "short", now));

    auto ok = s.advisors().login("li-na", "correct horse battery", "kiosk-a", now);
    REQUIRE(ok.session);
    auto who = s.devices().authenticate(*ok.session, now);
    REQUIRE(who);
    CHECK(who->role == "advisor");
    CHECK(who->advisorId == "li-na");
    CHECK(who->kioskId == "kiosk-a");
    CHECK_FALSE(s.devices().authenticate(*ok.session, ok.expiresMs));  // sessions expire
    CHECK(s.advisors().login("nobody", "correct horse battery", "kiosk-a", now).error.status == 401);

    const int maxFailures = s.hubSettings().maxLoginFailures;
    for (int i = 0; i < maxFailures - 1; ++i) CHECK(s.advisors().login("li-na", "wrong password!", "kiosk-a", now).error.status == 401);
    auto locked = s.advisors().login("li-na", "wrong password!", "kiosk-a", now);
    CHECK(locked.error.status == 423);
    CHECK(locked.retryAfterS == s.hubSettings().lockoutMinutes * 60);
    // While locked even the right password is refused (no guessing oracle) ...
    CHECK(s.advisors().login("li-na", "correct horse battery", "kiosk-a", now + 1000).error.status == 423);
    // The lockout is the guessing device's only: the advisor still logs in from another one.
    auto elsewhere = s.advisors().login("li-na", "correct horse battery", "kiosk-b", now + 1000);
    CHECK(elsewhere.session);
    CHECK(s.advisors().login("li-na", "correct horse battery", "kiosk-a", now + 2000).error.status == 423);
    // ... and after the lockout it works again.
    CHECK(s.advisors().login("li-na", "correct horse battery", "kiosk-a", now + s.hubSettings().lockoutMinutes * 60000LL + 1).session);
    s.advisors().logout(*ok.session);
    CHECK_FALSE(s.devices().authenticate(*ok.session, now));
}

TEST_CASE("audit log: which kiosk created, which advisor listed, read and changed a booking, no personal data in it") {
    StoreUnderTest t;
    hub::HubStore& s = *t.store;
    const std::int64_t now = testing_store::kNowMs;
    s.sync().push(onePush(1, testing_store::kDay + "T10:00"), now);
    const hub::Principal advisor{"kiosk-b", "advisor", "li-na"};
    CHECK(s.desk().bookingsForDay(testing_store::kDay, advisor, now + 1).size() == 1);
    auto detail = s.desk().bookingDetail(uuid7(1), advisor, now + 2);
    REQUIRE(detail);
    CHECK(detail->mobile == "+8613800138000");
    core::HubBooking b;
    CHECK_FALSE(s.desk().act(uuid7(1), "check-in", "", now + 3, b, advisor));
    const auto log = s.desk().auditFor(uuid7(1));
    REQUIRE(log.size() == 4);
    CHECK(log[0].actor == "kiosk:kiosk-a");
    CHECK(log[0].action == "create");
    CHECK(log[1].actor == "advisor:li-na");
    CHECK(log[1].deviceId == "kiosk-b");
    CHECK(log[1].action == "list");
    CHECK(log[2].action == "read");
    CHECK(log[3].action == "check-in");
    std::string text;
    for (const auto& e : log) text += e.actor + " " + e.deviceId + " " + e.action + " " + e.detail + "\n";
    CHECK(text.find("Li Na") == std::string::npos);
    CHECK(text.find("8613800138000") == std::string::npos);
}

TEST_CASE("retention: personal data erased after the content's period, on schedule, withdrawal erases at once and tells the CRMs") {
    StoreUnderTest t;
    hub::HubStore& s = *t.store;
    s.crm().setAdapters({"webhook"});
    const std::int64_t now = testing_store::kNowMs;
    s.sync().push(onePush(1, testing_store::kDay + "T10:00"), now);
    s.sync().push(onePush(2, testing_store::kDay + "T11:00"), now);
    s.sync().push(onePush(3, testing_store::kDay + "T12:00"), now);
    // Nothing expires before the test drive plus the retention period.
    const std::int64_t dayMs = 86400000LL, days = s.hubSettings().retentionDays;
    CHECK(s.retention().purgeExpired(now + 10 * dayMs) == 0);
    CHECK(s.crm().lead(uuid7(1))->name == "Li Na");

    // The customer of booking 2 withdraws: erased now, seat freed, booking cancelled, the lead
    // not yet sent is not sent, a withdrawal event is queued.
    core::HubBooking b;
    CHECK_FALSE(s.desk().act(uuid7(2), "withdraw", "", now + 1, b, {"kiosk-b", "advisor", "li-na"}));
    auto gone = s.crm().lead(uuid7(2));
    CHECK(gone->name.empty());
    CHECK(gone->mobile.empty());
    CHECK(gone->email.empty());
    CHECK(gone->withdrawnMs == now + 1);
    CHECK(gone->status == "cancelled");
    CHECK(s.sync().confirmedInSlot("heron@" + testing_store::kDay + "T11:00") == 0);
    auto due = s.crm().claimDue("webhook", "test", now + 2, 1000, 100);
    std::set<std::string> kinds;
    for (const auto& d : due) kinds.insert(d.bookingId + "/" + d.kind);
    CHECK(kinds.count(uuid7(2) + "/withdrawal") == 1);
    CHECK(kinds.count(uuid7(2) + "/lead") == 0);
    CHECK(kinds.count(uuid7(1) + "/lead") == 1);
    CHECK(s.desk().act(uuid7(2), "withdraw", "", now + 3, b, {"kiosk-b", "advisor", "li-na"})->status == 409);

    // Past the slot + retention: the scheduled purge erases the rest and records it.
    const std::int64_t later = now + (13 + days + 1) * dayMs;
    CHECK(s.retention().purgeExpired(later) == 2);
    CHECK(s.crm().lead(uuid7(1))->name.empty());
    CHECK(s.crm().lead(uuid7(3))->mobile.empty());
    CHECK(s.crm().lead(uuid7(3))->model == "heron");  // the non-personal record stays for statistics
    CHECK(s.retention().purgeExpired(later) == 0);
    CHECK(s.desk().auditFor(uuid7(1)).back().action == "purge");
    auto rows = s.backend().run("SELECT count(*) FROM bookings WHERE name <> '' OR mobile <> '' OR email <> ''", {});
    CHECK(rows.front().integer(0) == 0);
}
