#include <catch2/catch.hpp>

#include "core/booking/Booking.h"

using core::BookingStatus;

TEST_CASE("desk steps follow a test drive through the day", "[booking][desk]") {
    REQUIRE(core::deskTransition(BookingStatus::Confirmed, "check-in") == BookingStatus::CheckedIn);
    REQUIRE(core::deskTransition(BookingStatus::CheckedIn, "start") == BookingStatus::Started);
    REQUIRE(core::deskTransition(BookingStatus::Started, "complete") == BookingStatus::Completed);
    // A walk-in who is taken straight to the car skips the check-in.
    REQUIRE(core::deskTransition(BookingStatus::Confirmed, "start") == BookingStatus::Started);
    REQUIRE(core::deskTransition(BookingStatus::Confirmed, "no-show") == BookingStatus::NoShow);
    REQUIRE(core::deskTransition(BookingStatus::CheckedIn, "no-show") == BookingStatus::NoShow);
}

TEST_CASE("desk steps refuse what cannot happen", "[booking][desk]") {
    // Not yet confirmed, finished, or never there: nothing more to do at the desk.
    for (auto from : {BookingStatus::Requested, BookingStatus::Conflict, BookingStatus::Rejected, BookingStatus::Completed,
                      BookingStatus::NoShow, BookingStatus::Cancelled})
        for (const char* action : {"check-in", "start", "complete", "no-show"}) {
            INFO(core::toString(from) << " " << action);
            REQUIRE_FALSE(core::deskTransition(from, action));
        }
    REQUIRE_FALSE(core::deskTransition(BookingStatus::Started, "no-show"));
    REQUIRE_FALSE(core::deskTransition(BookingStatus::Confirmed, "complete"));
    REQUIRE_FALSE(core::deskTransition(BookingStatus::Confirmed, "cancel"));  // not a desk step
    REQUIRE_FALSE(core::deskTransition(BookingStatus::Confirmed, ""));
}

TEST_CASE("desk actions list what each status allows, most likely first", "[booking][desk]") {
    REQUIRE(core::deskActions(BookingStatus::Confirmed) == std::vector<std::string>{"check-in", "no-show", "start"});
    REQUIRE(core::deskActions(BookingStatus::CheckedIn) == std::vector<std::string>{"start", "no-show"});
    REQUIRE(core::deskActions(BookingStatus::Started) == std::vector<std::string>{"complete"});
    REQUIRE(core::deskActions(BookingStatus::Completed).empty());
    REQUIRE(core::deskActions(BookingStatus::Requested).empty());
    // Every action offered is one the transition table allows.
    for (auto st : {BookingStatus::Confirmed, BookingStatus::CheckedIn, BookingStatus::Started})
        for (const auto& action : core::deskActions(st)) REQUIRE(core::deskTransition(st, action));
}
