#include "SessionInsight.h"

#include <array>
#include <cstdio>
#include <random>
#include <stdexcept>

#include "core/recommend/GuideInsight.h"

namespace kiosk {

namespace an = core::analytics;

SessionInsight::SessionInsight(const core::Catalog& catalog, std::string kioskId, std::vector<std::string> screens,
                               Sink sink)
    : m_catalog(catalog),
      m_kioskId(std::move(kioskId)),
      m_vocabulary(an::vocabularyOf(catalog, screens)),
      m_sink(std::move(sink)) {
    // Said once at start, not per event: such an id would make every event fail the privacy check.
    if (!an::isKioskId(m_kioskId))
        std::fprintf(stderr,
                     "kiosk: warning: kiosk id \"%s\" cannot label insight events (1-32 of a-z, 0-9 and '-', starting "
                     "with a letter, no run of more than 4 digits): none will be recorded\n",
                     m_kioskId.c_str());
}

an::Event SessionInsight::base(an::EventType type, std::int64_t nowS) const {
    an::Event e;
    e.type = type;
    e.session = m_session;
    e.kiosk = m_kioskId;
    e.timeS = nowS;
    return e;
}

void SessionInsight::push(an::Event e) {
    if (m_session.empty()) return;  // no visit: nothing to say
    // Only what passes the vocabulary check is kept: nothing else could be synced anyway.
    if (!an::checkEvent(an::viewOf(e), m_vocabulary).empty()) {
        ++m_dropped;
        return;
    }
    m_visitLog.push_back(an::toString(e.type));
    if (m_buffer.empty()) m_bufferSince = m_clock;
    m_buffer.push_back(std::move(e));
}

void SessionInsight::started(std::int64_t nowS) {
    std::random_device device;
    std::array<unsigned char, an::kSessionIdLetters> random{};
    for (auto& b : random) b = static_cast<unsigned char>(device() & 0xFF);
    m_session = an::sessionIdFromRandom(random);
    m_booked = false;
    m_visitLog.clear();
    push(base(an::EventType::SessionStarted, nowS));
}

void SessionInsight::modelViewed(const std::string& model, std::int64_t nowS) {
    an::Event e = base(an::EventType::ModelViewed, nowS);
    e.model = model;
    push(std::move(e));
}

void SessionInsight::optionEvent(an::EventType type, const core::Configuration& car, const std::string& option,
                                 std::int64_t nowS) {
    an::Event e = base(type, nowS);
    e.model = car.model;
    e.trim = car.trim;
    e.option = option;
    const core::Model* model = m_catalog.findModel(car.model);
    if (model && model->findTrim(option)) e.category = "trim";
    else if (const core::Option* o = model ? model->findOption(option) : nullptr) e.category = o->category;
    push(std::move(e));
}

void SessionInsight::optionPicked(const core::Configuration& car, const std::string& option, std::int64_t nowS) {
    optionEvent(an::EventType::OptionPicked, car, option, nowS);
}

void SessionInsight::optionGreyedOut(const core::Configuration& car, const std::string& option, std::int64_t nowS) {
    optionEvent(an::EventType::OptionGreyedOut, car, option, nowS);
}

void SessionInsight::quoteShown(const core::Configuration& car, std::int64_t nowS) {
    an::Event e = base(an::EventType::QuoteShown, nowS);
    e.build = an::buildOf(m_catalog, car.model, car.trim, car.options);
    push(std::move(e));
}

void SessionInsight::qrTaken(const core::Configuration& car, std::int64_t nowS) {
    an::Event e = base(an::EventType::QrTaken, nowS);
    e.build = an::buildOf(m_catalog, car.model, car.trim, car.options);
    push(std::move(e));
}

void SessionInsight::bookingMade(const core::Configuration& car, const std::string& kind, std::int64_t nowS) {
    an::Event e = base(an::EventType::BookingMade, nowS);
    e.build = an::buildOf(m_catalog, car.model, car.trim, car.options);
    e.kind = kind;
    m_booked = true;
    push(std::move(e));
    flush();  // a booking is the event the funnel counts most: never leave it in memory
}

void SessionInsight::allowGuide(const core::recommend::RecommendContent& content) {
    core::recommend::addGuideVocabulary(m_vocabulary, content);
}

void SessionInsight::guideAnswered(const std::vector<std::pair<std::string, std::string>>& answers, std::int64_t nowS) {
    for (const auto& [question, answer] : answers) {
        an::Event e = base(an::EventType::GuideAnswered, nowS);
        e.category = question;
        e.option = answer;
        push(std::move(e));
    }
}

void SessionInsight::recommendationTaken(const core::Configuration& car, size_t place, std::int64_t nowS) {
    static constexpr std::array<const char*, 3> kPlaces = {"first", "second", "third"};
    if (place >= kPlaces.size()) return;
    an::Event e = base(an::EventType::RecommendationTaken, nowS);
    e.build = an::buildOf(m_catalog, car.model, car.trim, car.options);
    e.kind = kPlaces[place];
    push(std::move(e));
}

void SessionInsight::ended(const std::string& screen, const core::Configuration* car, std::int64_t nowS,
                           bool timedOut) {
    if (m_session.empty()) return;
    if (timedOut && !m_booked && !screen.empty()) {
        an::Event e = base(an::EventType::Abandoned, nowS);
        e.screen = screen;
        if (car && !car->model.empty()) e.build = an::buildOf(m_catalog, car->model, car->trim, car->options);
        push(std::move(e));
    }
    flush();
    m_session.clear();
    m_booked = false;
}

void SessionInsight::tick(double clockSeconds, double flushSeconds) {
    m_clock = clockSeconds;
    if (!m_buffer.empty() && m_clock - m_bufferSince >= flushSeconds) flush();
}

void SessionInsight::flush() {
    if (m_buffer.empty()) return;
    if (m_sink) {
        try {
            m_sink(m_buffer);
            m_written += m_buffer.size();
        } catch (const std::exception& e) {
            // A full disk must not stop the visit; insight is the one thing that may be lost.
            std::fprintf(stderr, "kiosk: could not record %zu insight events: %s\n", m_buffer.size(), e.what());
            m_dropped += m_buffer.size();
        }
    } else {
        m_dropped += m_buffer.size();
    }
    m_buffer.clear();
}

}  // namespace kiosk
