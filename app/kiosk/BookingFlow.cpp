#include "BookingFlow.h"

#include "KioskData.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

namespace kiosk {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

kiosksync::WorkerOptions syncWorkerOptions(const KioskContent& content, const store::KioskConfig& config) {
    kiosksync::WorkerOptions o;
    o.databasePath = config.databasePath;
    o.storeKeyHex = config.storeKeyHex;
    o.kioskId = config.kioskId;
    o.client.hubUrl = config.hubUrl;
    o.client.token = config.hubToken;
    o.client.caFile = config.hubCaFile;
    o.catalog = &content.catalog;
    o.settings = &content.booking;
    o.softwareVersion = KIOSK_SOFTWARE_VERSION;
    o.contentVersion = content.catalog.contentVersion;
    o.contentShelf = contentShelfRoot(config).string();
    o.contentPublicKeyHex = config.contentPublicKeyHex;
    return o;
}

BookingFlow::BookingFlow(const KioskContent& content, store::KioskConfig config)
    : m_content(content),
      m_config(std::move(config)),
      m_store(m_config.databasePath, store::SecretKey::fromHex(m_config.storeKeyHex), m_config.kioskId) {
    std::fprintf(stderr, "kiosk: bookings are kept in %s (%s)\n", m_config.databasePath.c_str(),
                 m_config.hasHub() ? ("syncing to " + m_config.hubUrl).c_str() : "embedded, no hub");
    if (m_config.hasHub()) {
        m_worker = std::make_unique<kiosksync::SyncWorker>(syncWorkerOptions(m_content, m_config));
        m_worker->start();
    } else {
        // Embedded: this kiosk is the only seller, so it holds every seat itself and confirms within
        // capacity, through the same allocation mechanism a hub would grant.
        std::vector<core::AllocationGrant> grants;
        for (const auto& model : m_content.catalog.models) {
            const int capacity = core::slotCapacity(m_content.catalog, model.id);
            for (int d = 0; d <= m_content.booking.horizonDays; ++d)
                for (const auto& slot : core::slotsForDay(m_content.booking, today().plusDays(d)))
                    grants.push_back({core::slotKey(model.id, slot), capacity, 0});
        }
        m_store.applyAllocations(grants);
        purgeEmbedded();
    }
}

void BookingFlow::purgeEmbedded() {
    // No hub will ever acknowledge these records: the kiosk wipes who came once the visit is the
    // retention period in the past, as a synced kiosk does after the hub's acknowledgement.
    m_nextPurge = std::chrono::steady_clock::now() + std::chrono::hours(1);
    const std::string cutoff = today().plusDays(-m_content.booking.retentionDays).toString();
    try {
        if (const size_t wiped = m_store.purgeAfterVisit(cutoff, nowMs()))
            std::fprintf(stderr, "kiosk: personal data of %zu past visits wiped\n", wiped);
    } catch (const std::exception& e) {
        // A busy or full disk must not stop the kiosk; the next hour tries again.
        std::fprintf(stderr, "kiosk: could not wipe past visits yet: %s\n", e.what());
    }
}

BookingFlow::~BookingFlow() {
    if (m_worker) m_worker->stop();
}

void BookingFlow::drainSync() {
    if (!m_worker) {
        if (std::chrono::steady_clock::now() >= m_nextPurge) purgeEmbedded();
        return;
    }
    for (const auto& e : m_worker->drain()) {
        // Messages carry no personal data; they are for the operator's log.
        if (e.kind == kiosksync::SyncEventKind::AuthFailed || e.kind == kiosksync::SyncEventKind::Offline)
            std::fprintf(stderr, "kiosk: sync: %s\n", e.message.c_str());
        if (e.kind == kiosksync::SyncEventKind::ContentStaged)
            std::fprintf(stderr, "kiosk: content version %s is ready; it applies between visits\n", e.message.c_str());
        if (e.kind == kiosksync::SyncEventKind::ContentRefused)
            std::fprintf(stderr, "kiosk: content version %s was refused (the reason is at the hub: sales-hub content list)\n",
                         e.message.c_str());
    }
}

core::LocalDate BookingFlow::today() const {
    return core::localFromUtcMs(nowMs(), m_content.booking.zone).first;
}

std::string BookingFlow::dayLabel(const core::LocalDate& day, const std::string& language) const {
    // Day and weekday as the market writes them ("周一", "Mo."): content strings weekday.0 (Monday) .. weekday.6.
    const std::string weekday = m_content.catalog.ui("weekday." + std::to_string(day.weekday()), language);
    return core::formatDate(core::numberFormat(m_content.catalog.market.currency, language).shortDate, day.year,
                            static_cast<unsigned>(day.month), static_cast<unsigned>(day.day)) + " " + weekday;
}

std::vector<std::string> BookingFlow::dayLabels(const std::string& language) const {
    std::vector<std::string> out;
    for (int d = 0; d < 3; ++d) out.push_back(dayLabel(today().plusDays(d), language));
    return out;
}

std::vector<BookingFlow::SurveyDay> BookingFlow::surveyDays(const std::string& language) const {
    // Six days to choose from: enough for "this week", few enough to fit as large targets.
    const auto& survey = m_content.charging.survey;
    std::vector<SurveyDay> out;
    for (int d = survey.leadDays; d <= survey.horizonDays && out.size() < 6; ++d) {
        const core::LocalDate day = today().plusDays(d);
        out.push_back({day.toString(), dayLabel(day, language)});
    }
    return out;
}

std::vector<ui::SlotChoice> BookingFlow::slots(const std::string& modelId, int dayOffset) {
    std::vector<ui::SlotChoice> out;
    const core::LocalDate day = today().plusDays(dayOffset);
    const auto [nowDay, nowMinute] = core::localFromUtcMs(nowMs(), m_content.booking.zone);
    for (const auto& v : m_store.slotsForDay(m_content.catalog, m_content.booking, modelId, day)) {
        // A slot that has started cannot be booked any more.
        if (dayOffset == 0 && v.slot.substr(11) <= core::formatLocalDateTime(nowDay, nowMinute).substr(11)) continue;
        ui::SlotChoice c;
        c.slot = v.slot;
        c.seatsLeft = v.hubConfirmed < 0 ? v.capacity : v.capacity - v.hubConfirmed;
        c.confirmable = v.allocationLeft > 0 || online();
        out.push_back(c);
    }
    return out;
}

int BookingFlow::queueWaitMinutes(const std::string& modelId) {
    int vehicles = 0;
    for (const auto& d : m_content.catalog.showroom.demoFleet)
        if (d.model == modelId) ++vehicles;
    int waiting = 0;
    for (const auto& b : m_store.bookings())
        if (b.booking.mode == core::BookingMode::Queue && b.booking.model == modelId &&
            b.booking.queueDate == today().toString())
            ++waiting;
    return core::estimatedQueueWaitMinutes(m_content.booking, waiting + 1, std::max(vehicles, 1));
}

BookingFlow::Outcome BookingFlow::submit(const core::Model& model, const std::string& trim, const std::string& configCode,
                                         core::session::BookingForm& form, const ui::BookingUiState& state) {
    Outcome out;
    core::Booking draft;
    // Copies of personal data for the store live only inside this call.
    draft.name = form.name.str();
    draft.mobile = form.mobile.str();
    draft.email = form.email.str();
    draft.model = model.id;
    draft.trim = trim;
    draft.mode = state.queueMode ? core::BookingMode::Queue : core::BookingMode::Slot;
    if (state.queueMode) draft.queueDate = today().toString();
    else draft.slot = state.slot;
    draft.licenceConfirmed = form.licenceConfirmed;
    draft.consent.version = m_content.booking.consent.version;
    draft.consent.contactPermission = form.consentContact;
    draft.configCode = configCode;
    if (!form.consentBooking) {
        out.errors["consent"] = "consent_required";
        return out;
    }
    store::BookResult r = m_store.bookTestDrive(std::move(draft), m_content.catalog, m_content.booking, nowMs());
    if (!r.ok()) {
        for (const auto& e : r.errors) {
            std::string field = e.field;
            if (field.rfind("consent", 0) == 0) field = "consent";
            if (field == "licence_confirmed") field = "licence";
            out.errors.emplace(field, e.code);
        }
        return out;
    }
    // Committed: only now may the screen say so. The visitor's details leave the kiosk's memory.
    form.wipe();
    core::BookingStatus status = r.booking->status;
    int queuePlace = r.booking->booking.queuePlace;
    if (m_worker) {
        m_worker->syncNow();
        // Online, the hub confirms directly: wait a moment for its answer before falling back to
        // what the kiosk could promise on its own (an allocation seat, or "requested").
        if (status == core::BookingStatus::Requested && m_worker->online()) {
            const auto deadline =
                std::chrono::steady_clock::now() + std::chrono::milliseconds(m_content.booking.onlineConfirmTimeoutMs);
            bool answered = false;
            while (!answered && std::chrono::steady_clock::now() < deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
                for (const auto& e : m_worker->drain()) {
                    if (e.kind != kiosksync::SyncEventKind::BookingUpdated || e.update.bookingId != r.booking->booking.id)
                        continue;
                    status = e.update.status;
                    if (e.update.queuePlace > 0) queuePlace = e.update.queuePlace;
                    answered = true;
                }
            }
        }
    }
    ui::ConfirmationView c;
    c.model = &model;
    c.confirmed = status == core::BookingStatus::Confirmed;
    c.queue = state.queueMode;
    c.slot = r.booking->booking.slot;
    c.queuePlace = queuePlace;
    c.waitMinutes = r.booking->estimatedWaitMinutes;
    c.bookingId = r.booking->booking.id;
    out.confirmation = c;
    return out;
}

}  // namespace kiosk

namespace kiosk {

BookingFlow::Outcome BookingFlow::submitSurvey(const core::Model& model, const std::string& trim,
                                               core::session::SurveyForm& form, const ui::SurveyUiState& state,
                                               const std::vector<SurveyDay>& days, const core::charging::FitAnswers& fit,
                                               const std::string& testDriveId, const std::string& language) {
    Outcome out;
    if (!form.consentSurvey) {
        out.errors["consent"] = "consent_required";
        return out;
    }
    auto day = std::find_if(days.begin(), days.end(), [&](const SurveyDay& d) { return d.date == state.day; });
    if (day == days.end()) {
        out.errors["preferred_date"] = "outside_window";
        return out;
    }
    core::charging::SurveyBooking draft;
    // Copies of personal data for the store live only inside this call.
    draft.name = form.name.str();
    std::string typed = form.mobile.str();
    draft.mobile = core::normalizeMobile(typed, m_content.booking.phone).value_or(typed);
    std::fill(typed.begin(), typed.end(), '\0');
    draft.district = form.district.str();
    draft.preferredDate = day->date;
    draft.period = state.period;
    draft.parking = fit.parking;
    draft.supply = fit.supply;
    draft.propertyConsent = core::charging::toString(fit.propertyConsent);
    draft.distanceFromMeterM = fit.distanceFromMeterM;
    draft.wallbox = fit.wallbox;
    draft.model = model.id;
    draft.trim = trim;
    draft.testDriveId = testDriveId;
    draft.consent.version = m_content.charging.survey.consent.version;
    draft.consent.contactPermission = form.consentContact;
    store::SurveyResult r = m_store.bookSurvey(std::move(draft), m_content.catalog, m_content.charging, today(), nowMs());
    if (!r.ok()) {
        for (const auto& e : r.errors) {
            std::string field = e.field;
            if (field.rfind("consent", 0) == 0) field = "consent";
            out.errors.emplace(field, e.code);
        }
        return out;
    }
    form.wipe();
    if (m_worker) m_worker->syncNow();
    ui::ConfirmationView c;
    c.model = &model;
    c.survey = true;
    c.bookingId = r.survey->survey.id;
    std::string period = state.period;
    for (const auto& p : m_content.charging.survey.periods)
        if (p.id == state.period) period = p.name.get(language);
    c.surveyWhen = day->label + "  " + period;
    out.confirmation = c;
    return out;
}

}  // namespace kiosk
