// An embedded kiosk (no hub) is its own sales system: the advisor's desk steps on its bookings,
// and personal data wiped once the visit is the retention period in the past.
#include <catch2/catch.hpp>

#include "StoreTestSupport.h"
#include "store/KioskStore.h"

using namespace testing_store;

TEST_CASE("embedded desk steps: a booking moves through the day, and impossible steps are refused") {
    TempDir dir;
    store::KioskStore s(dir.file("kiosk.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a");
    const auto& c = content();
    const std::string slot = kDay + "T10:00";
    s.applyAllocations({{core::slotKey("heron", slot), 1, 0}});
    auto booked = s.bookTestDrive(draft("李娜", "13900139000", "heron", slot), c.catalog, c.settings, kNowMs);
    REQUIRE(booked.ok());
    REQUIRE(booked.booking->status == core::BookingStatus::Confirmed);
    const std::string id = booked.booking->booking.id;

    CHECK(s.deskStep(id, "complete", kNowMs) == "invalid_transition");  // not started yet
    CHECK(s.findBooking(id)->status == core::BookingStatus::Confirmed);
    CHECK(s.deskStep(id, "check-in", kNowMs) == "");
    CHECK(s.findBooking(id)->status == core::BookingStatus::CheckedIn);
    CHECK(s.deskStep(id, "start", kNowMs) == "");
    CHECK(s.deskStep(id, "complete", kNowMs) == "");
    CHECK(s.findBooking(id)->status == core::BookingStatus::Completed);
    CHECK(s.deskStep(id, "no-show", kNowMs) == "invalid_transition");  // a finished drive stays finished
    CHECK(s.deskStep("0190a6c0-0000-7000-8000-000000000000", "check-in", kNowMs) == "not_found");
    CHECK(s.deskStep(id, "drop-table", kNowMs) == "invalid_transition");
}

TEST_CASE("embedded purge: personal data goes once the visit day is past the retention period, not before") {
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    store::KioskStore s(path, store::SecretKey::fromHex(kKeyHex), "kiosk-a");
    const auto& c = content();
    const std::string slot = kDay + "T10:00";
    s.applyAllocations({{core::slotKey("heron", slot), 1, 0}});
    auto booked = s.bookTestDrive(draft("李娜", "13900139000", "heron", slot), c.catalog, c.settings, kNowMs);
    REQUIRE(booked.ok());
    auto surveyed = s.bookSurvey(surveyDraft("王芳", "13700137000"), c.catalog, charging(), today(), kNowMs);
    REQUIRE(surveyed.ok());
    const std::string surveyDay = surveyed.survey->survey.preferredDate;

    REQUIRE(surveyDay < kDay);  // the survey visit comes before the test drive
    // A cutoff on the visit day itself (or earlier) keeps everything: the advisor still needs it.
    CHECK(s.purgeAfterVisit(surveyDay, kNowMs) == 0);
    CHECK_FALSE(s.surveys().front().purged);
    // The survey's day passes first ...
    CHECK(s.purgeAfterVisit(core::parseLocalDate(surveyDay)->plusDays(1).toString(), kNowMs) == 1);
    CHECK(s.surveys().front().purged);
    CHECK(s.surveys().front().survey.mobile.empty());
    CHECK(s.purgeAfterVisit(kDay, kNowMs) == 0);
    CHECK(s.findBooking(booked.booking->booking.id)->booking.name == "李娜");
    // ... then the test drive's.
    CHECK(s.purgeAfterVisit("2030-06-08", kNowMs) == 1);
    const auto b = s.findBooking(booked.booking->booking.id);
    CHECK(b->purged);
    CHECK(b->booking.name.empty());
    CHECK(b->booking.mobile.empty());
    CHECK(b->booking.model == "heron");  // what happened stays; who it was does not
    CHECK(s.purgeAfterVisit("2031-01-01", kNowMs) == 0);  // nothing left to wipe
    CHECK(s.integrityCheck() == "ok");
}
