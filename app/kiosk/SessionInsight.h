#pragma once
// SessionInsight: the anonymous events of one customer's visit, for the dealer's demand insight
// (core/analytics/Event.h). It knows a random session id, the kiosk id and content ids, nothing
// else: no name, phone number or configuration code can reach it. Events are kept in memory for
// at most `flushSeconds` and then written, in one small transaction, to the kiosk's store outbox,
// which syncs them to the hub like bookings; a kill loses at most that last second of events.
// UI thread only.
#include <functional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "core/analytics/Event.h"
#include "core/recommend/Recommend.h"

namespace kiosk {

class SessionInsight {
public:
    using Sink = std::function<void(const std::vector<core::analytics::Event>&)>;

    // `sink` writes events durably (the store); null: events are counted but kept nowhere.
    // `screens`: the screen ids the content allows (analytics settings).
    SessionInsight(const core::Catalog& catalog, std::string kioskId, std::vector<std::string> screens, Sink sink);
    ~SessionInsight() { flush(); }  // the kiosk closing loses nothing
    SessionInsight(const SessionInsight&) = delete;
    SessionInsight& operator=(const SessionInsight&) = delete;

    // A visit starts (the customer left the attract screen): a fresh random session id.
    void started(std::int64_t nowS);
    void modelViewed(const std::string& model, std::int64_t nowS);
    void optionPicked(const core::Configuration& car, const std::string& option, std::int64_t nowS);
    void optionGreyedOut(const core::Configuration& car, const std::string& option, std::int64_t nowS);
    void quoteShown(const core::Configuration& car, std::int64_t nowS);
    void qrTaken(const core::Configuration& car, std::int64_t nowS);
    void bookingMade(const core::Configuration& car, const std::string& kind, std::int64_t nowS);
    // The buying guide: its questions and offered answers may be reported (once, at start).
    void allowGuide(const core::recommend::RecommendContent& content);
    // One event per answered question: (question, answer) ids from core::recommend::answerIds.
    void guideAnswered(const std::vector<std::pair<std::string, std::string>>& answers, std::int64_t nowS);
    // The customer opened the guide's car at `place` (0: the first recommendation).
    void recommendationTaken(const core::Configuration& car, size_t place, std::int64_t nowS);
    // The visit ends. When it timed out without a booking, an "abandoned" event names the screen it
    // ended on, as the content's analytics screen id (analyticsScreen(ScreenId); "" for none).
    void ended(const std::string& analyticsScreen, const core::Configuration* car, std::int64_t nowS, bool timedOut);

    // Writes what is buffered when it is older than `flushSeconds` (call every frame) or at once.
    void tick(double clockSeconds, double flushSeconds = 1.0);
    void flush();

    bool active() const { return !m_session.empty(); }
    // For the state dump and tests: the types of this visit's events, in order.
    const std::vector<std::string>& visitLog() const { return m_visitLog; }
    size_t written() const { return m_written; }
    size_t dropped() const { return m_dropped; }

private:
    void push(core::analytics::Event e);
    core::analytics::Event base(core::analytics::EventType type, std::int64_t nowS) const;
    void optionEvent(core::analytics::EventType type, const core::Configuration& car, const std::string& option,
                     std::int64_t nowS);

    const core::Catalog& m_catalog;
    std::string m_kioskId;
    core::analytics::Vocabulary m_vocabulary;
    Sink m_sink;
    std::string m_session;
    bool m_booked = false;
    std::vector<core::analytics::Event> m_buffer;
    double m_bufferSince = -1;
    double m_clock = 0;
    std::vector<std::string> m_visitLog;
    size_t m_written = 0;
    size_t m_dropped = 0;
};

}  // namespace kiosk
