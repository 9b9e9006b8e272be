#include "core/analytics/Simulation.h"

#include <algorithm>

#include "core/Configuration.h"
#include "core/booking/BookingSettings.h"

namespace core::analytics {
namespace {

// splitmix64: small, fast and the same everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int permille) { return below(1000) < permille; }

private:
    std::uint64_t m_state;
};

// The UTC time of 10:00 on a showroom day, the first session of that day.
std::int64_t utcSecondsOfOpening(const std::string& day, int dayIndex, const TimeZone& zone) {
    const auto d = parseLocalDate(day);
    const LocalDate date = (d ? *d : LocalDate{2026, 11, 2}).plusDays(dayIndex);
    return zone.utcSecondsOf({date.year, date.month, date.day, 10 * 3600});
}

// A customer's taps on options (up to six, a category at a time): a tap the rules allow changes
// the car, one they refuse is a greyed-out tap. Returns the car after the taps.
template <class Emit>
Configuration tapOptions(const Catalog& catalog, const Model& model, const Trim& trim, Configuration config, Random& rng,
                         Event& e, Emit& emit, std::int64_t& greyedTaps) {
    const char* const kPickCategories[] = {"paint", "paint", "wheels", "wheels", "battery", "interior", "accessory"};
    for (int taps = rng.below(7); taps > 0; --taps) {
        const std::string category = kPickCategories[rng.below(7)];
        std::vector<const Option*> candidates;
        for (const auto& o : model.options)
            if (o.category == category) candidates.push_back(&o);
        if (candidates.empty()) continue;
        const Option* o = candidates[static_cast<size_t>(rng.below(static_cast<int>(candidates.size())))];
        Configuration next = config;
        const Category* cat = catalog.findCategory(category);
        if (cat && cat->single)
            for (const auto* other : candidates) next.options.erase(other->id);
        next.options.insert(o->id);
        e.model = model.id;
        e.trim = trim.id;
        e.category = category;
        e.option = o->id;
        if (checkConfiguration(catalog, next).empty()) {
            config = std::move(next);
            emit(EventType::OptionPicked);
        } else {
            emit(EventType::OptionGreyedOut);
            ++greyedTaps;
        }
    }
    return config;
}

}  // namespace

SimulationTruth simulateSessions(const Catalog& catalog, const SimulationSettings& settings,
                                 const std::function<void(const Event&)>& sink) {
    SimulationTruth truth;
    Random rng(settings.seed);
    const int kiosks = std::clamp(settings.kiosks, 1, 26);
    const int days = std::max(1, settings.days);
    if (catalog.models.empty()) return truth;

    for (int n = 0; n < settings.sessions; ++n) {
        Event e;
        std::array<unsigned char, kSessionIdLetters> bytes{};
        for (auto& b : bytes) b = static_cast<unsigned char>(rng.next() >> 56);
        e.session = sessionIdFromRandom(bytes);
        e.kiosk = std::string("kiosk-") + static_cast<char>('a' + rng.below(kiosks));
        const int dayIndex = rng.below(days);
        std::int64_t t = utcSecondsOfOpening(settings.firstDay, dayIndex, settings.zone) + rng.below(600) * 60 + rng.below(60);
        const std::string day = localFromUtcMs(t * 1000, settings.zone).first.toString();
        std::uint8_t stages = 0;
        auto emit = [&](EventType type) {
            e.type = type;
            e.timeS = t;
            t += 15 + rng.below(100);
            sink(e);
            ++truth.events;
            e.model.clear();
            e.trim.clear();
            e.category.clear();
            e.option.clear();
            e.screen.clear();
            e.kind.clear();
        };
        auto reach = [&](int stage) { stages = static_cast<std::uint8_t>(stages | (1u << stage)); };
        auto abandon = [&](const char* screen) {
            e.screen = screen;
            emit(EventType::Abandoned);
            ++truth.abandonedByScreen[screen];
        };

        emit(EventType::SessionStarted);
        reach(0);
        e.build = {};
        if (!rng.chance(850)) {
            abandon(rng.chance(500) ? "attract" : "model_chooser");
        } else {
            const Model* model = nullptr;
            for (int views = 1 + rng.below(3); views > 0; --views) {
                model = &catalog.models[static_cast<size_t>(rng.below(static_cast<int>(catalog.models.size())))];
                e.model = model->id;
                emit(EventType::ModelViewed);
            }
            reach(1);
            if (!rng.chance(700) || model->trims.empty()) {
                e.build.model = model->id;
                abandon("model_detail");
            } else {
                const Trim& trim = model->trims[static_cast<size_t>(rng.below(static_cast<int>(model->trims.size())))];
                Configuration config = defaultConfiguration(*model, trim);
                e.model = model->id;
                e.trim = trim.id;
                e.category = "trim";
                e.option = trim.id;
                emit(EventType::OptionPicked);
                reach(2);
                config = tapOptions(catalog, *model, trim, std::move(config), rng, e, emit, truth.greyedTaps);
                e.build = buildOf(catalog, model->id, trim.id, config.options);
                if (!rng.chance(800)) {
                    abandon("configurator");
                } else {
                    emit(EventType::QuoteShown);
                    reach(3);
                    ++truth.quoteSessions;
                    if (rng.chance(350)) {
                        emit(EventType::QrTaken);
                        reach(4);
                    }
                    if (rng.chance(250)) {
                        const bool survey = rng.chance(200);
                        e.kind = survey ? "home_charger_survey" : "test_drive";
                        emit(EventType::BookingMade);
                        if (!survey && rng.chance(100)) {
                            e.kind = "home_charger_survey";  // both in one visit
                            emit(EventType::BookingMade);
                        }
                        reach(5);
                        ++truth.bookedBuildSessions;
                    } else {
                        const int where = rng.below(10);
                        abandon(where < 5 ? "summary" : where < 8 ? "booking" : "fit_check");
                    }
                }
            }
        }
        for (size_t s = 0; s < kStageCount; ++s)
            if (stages & (1u << s)) {
                ++truth.funnel[s];
                ++truth.byKioskDay[{e.kiosk, day}][s];
            }
        truth.byKioskDay[{e.kiosk, day}];
    }
    return truth;
}

}  // namespace core::analytics
