#pragma once
// Anonymous kiosk session events for demand insight. An event holds only a random session id,
// the kiosk id, a time in whole UTC seconds and content ids (model, trim, option, category,
// screen): there is no field that could hold a name, a phone number or a configuration code, and
// every string is checked against a fixed vocabulary before it is written or counted.
// One event is one JSON line ("events file"), the form the sync outbox carries to the hub.
// Plain values; pure functions; any thread.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Catalog.h"
#include "core/Result.h"

namespace core::analytics {

constexpr int kEventFormat = 1;
constexpr size_t kSessionIdLetters = 22;  // a-z only: no digit run can look like a phone number

enum class EventType {
    SessionStarted,  // the customer left the attract screen
    ModelViewed,     // model
    OptionPicked,    // model, trim, category, option (category "trim": option is the trim id)
    OptionGreyedOut, // model, trim, category, option: tapped while greyed out (rules or range said no)
    QuoteShown,      // build
    QrTaken,         // build: the take-away quote's QR code was scanned or printed
    BookingMade,     // build (may be partial), kind: "test_drive" or "home_charger_survey"
    Abandoned,       // screen (and build when one was configured): the session timed out there
    GuideAnswered,   // category: a buying-guide question, option: the answer chosen (both from the guide's content)
    RecommendationTaken,  // build, kind: which of the guide's cars was opened ("first", "second", "third")
    SharePageOpened,  // build: the share link of a summary's QR code opened on a phone (recorded by the hub)
};
constexpr size_t kEventTypeCount = 11;
const char* toString(EventType type);
std::optional<EventType> eventTypeFromString(std::string_view s);

// The configured car as demand insight sees it: the choices that decide stock.
struct Build {
    std::string model, trim, battery, paint, wheels;
    bool empty() const { return model.empty(); }
    bool operator==(const Build&) const = default;
};
// The build of a configuration: its model, trim and its battery, paint and wheels options.
Build buildOf(const Catalog& catalog, const std::string& model, const std::string& trim,
              const std::set<std::string>& options);

struct Event {
    EventType type = EventType::SessionStarted;
    std::string session;      // kSessionIdLetters random letters a-z
    std::string kiosk;        // kiosk id
    std::int64_t timeS = 0;   // UTC seconds (deliberately coarse)
    std::string model, trim;  // ModelViewed: model; option events: model and trim
    std::string category, option;
    Build build;              // QuoteShown, QrTaken, BookingMade, Abandoned, SharePageOpened
    std::string screen;       // Abandoned
    std::string kind;         // BookingMade, RecommendationTaken
};

// A session id from caller-supplied randomness (the kiosk owns its random source).
std::string sessionIdFromRandom(const std::array<unsigned char, kSessionIdLetters>& random);
bool isSessionId(std::string_view s);
// Kiosk ids: 1-32 of [a-z0-9-], starting with a letter, with no run of more than 4 digits.
bool isKioskId(std::string_view s);

// The ids an event may carry: catalog ids, the screens from analytics content, the booking kinds,
// the buying guide's questions with the answers its screen offers (filled from the guide's content
// by core::recommend::addGuideVocabulary; empty: no guide events pass) and the places of its cars.
struct Vocabulary {
    std::set<std::string, std::less<>> models, trims, options, categories, screens;
    std::set<std::string, std::less<>> kinds{"test_drive", "home_charger_survey"};
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> guideAnswers;  // question -> answers
    std::set<std::string, std::less<>> ranks{"first", "second", "third"};
};
Vocabulary vocabularyOf(const Catalog& catalog, const std::vector<std::string>& screens);

// A parsed events-file line: views into the line's text (valid while the line lives).
struct EventView {
    EventType type = EventType::SessionStarted;
    std::string_view session, kiosk;
    std::int64_t timeS = 0;
    std::string_view model, trim, category, option, battery, paint, wheels, screen, kind;
};

// Problems of one event against the vocabulary, each naming the field but never its value (a
// bad value could be exactly the personal data that must not reach a log). Empty when fine.
std::vector<std::string> checkEvent(const EventView& e, const Vocabulary& vocabulary);
EventView viewOf(const Event& e);
// The event a view describes (strings copied); no checks: run checkEvent first where it matters.
Event eventFromView(const EventView& v);

// One JSON object on one line, fields in a fixed order, no line break. Returns nullopt (and writes
// nothing) unless checkEvent passes: nothing outside the vocabulary can be serialised.
std::optional<std::string> eventToJsonLine(const Event& e, const Vocabulary& vocabulary);
// Parses one line strictly and fast (flat object, string and integer values, known keys only, no
// escapes): the report reads a million lines in well under a second. `error` says what is wrong.
bool parseEventLine(std::string_view line, EventView& out, std::string& error);

// The same event as a JSON value, for the sync protocol's batches; strict parser.
nlohmann::json eventToJson(const Event& e);
Result<Event> eventFromJson(const nlohmann::json& j, const Vocabulary& vocabulary);

}  // namespace core::analytics
